import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import type { Reads } from "../../platform/access";
import { createNote, deleteNote, notesFor, updateNote } from "./service";
import { noteView } from "./view";

type NoteParams = { id: string; sessionId: string; noteId: string };
const sessionAndNote = (r: Reads, tenantId: string, p: NoteParams) =>
  Promise.all([r.sessions.get(tenantId, p.id, p.sessionId), r.notes.get(tenantId, p.id, p.sessionId, p.noteId)]);

export const noteRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listNotes, http, {
    prefetch: (r, { caller, params }) =>
      Promise.all([r.sessions.get(caller.tenantId, params.id, params.sessionId), r.notes.list(caller.tenantId, params.id, params.sessionId)]),
    handle: async ({ caller, access, prefetched: [session, notes] }) => ({
      body: { items: notesFor(caller, access, session, notes).map(noteView) },
    }),
  }),
  route(api.createNote, http, {
    prefetch: (r, { caller, params }) => r.sessions.get(caller.tenantId, params.id, params.sessionId),
    handle: async ({ caller, prefetched, params, body, idempotencyKey }) => {
      const saved = await createNote(deps, caller, prefetched, body, idempotencyKey);
      return {
        body: noteView(saved),
        etag: saved.etag,
        location: `/api/tandems/${params.id}/sessions/${params.sessionId}/notes/${saved.value.id}`,
      };
    },
  }),
  route(api.updateNote, http, {
    prefetch: (r, { caller, params }) => sessionAndNote(r, caller.tenantId, params),
    handle: async ({ caller, access, prefetched, body, ifMatch }) => {
      const saved = await updateNote(deps, caller, access, prefetched, body, ifMatch!);
      return { body: noteView(saved), etag: saved.etag };
    },
  }),
  route(api.deleteNote, http, {
    prefetch: (r, { caller, params }) => sessionAndNote(r, caller.tenantId, params),
    handle: async ({ caller, access, prefetched, ifMatch }) => {
      await deleteNote(deps, caller, access, prefetched, ifMatch);
      return { body: {} };
    },
  }),
];
