import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { sessionView, withEtag } from "../../platform/guards";
import {
  createNote,
  deleteNote,
  listCheckIns,
  listNotes,
  listSessions,
  putMyCheckIn,
  setSessionStatus,
  updateNote,
} from "./service";

export const sessionRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listSessions, http, async ({ caller, params }) => ({
    body: { items: (await listSessions(deps, caller, params.id)).map(sessionView) },
  })),
  route(api.setSessionStatus, http, async ({ caller, params, body, ifMatch }) => {
    const saved = await setSessionStatus(deps, caller, params.id, params.sessionId, body, ifMatch);
    return { body: sessionView(saved), etag: saved.etag };
  }),
  route(api.listCheckIns, http, async ({ caller, params }) => ({
    body: { items: (await listCheckIns(deps, caller, params.id, params.sessionId)).map(withEtag) },
  })),
  route(api.putMyCheckIn, http, async ({ caller, params, body, ifMatch }) => {
    const saved = await putMyCheckIn(deps, caller, params.id, params.sessionId, body, ifMatch);
    return { body: withEtag(saved), etag: saved.etag };
  }),
  route(api.listNotes, http, async ({ caller, params }) => ({
    body: { items: (await listNotes(deps, caller, params.id, params.sessionId)).map(withEtag) },
  })),
  route(api.createNote, http, async ({ caller, params, body }) => {
    const saved = await createNote(deps, caller, params.id, params.sessionId, body);
    return {
      body: withEtag(saved),
      etag: saved.etag,
      location: `/api/tandems/${params.id}/sessions/${params.sessionId}/notes/${saved.value.id}`,
    };
  }),
  route(api.updateNote, http, async ({ caller, params, body, ifMatch }) => {
    const saved = await updateNote(deps, caller, params.id, params.sessionId, params.noteId, body, ifMatch!);
    return { body: withEtag(saved), etag: saved.etag };
  }),
  route(api.deleteNote, http, async ({ caller, params, ifMatch }) => {
    await deleteNote(deps, caller, params.id, params.sessionId, params.noteId, ifMatch);
    return { body: {} };
  }),
];
