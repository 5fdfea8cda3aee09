import { TandemError, canReadNote, notFound, type Note, type NoteInput, type NotePatch, type SessionRecord, type Versioned } from "@tandem/core";
import type { MemberAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { createOnce } from "../../platform/idempotent-create";
import { writeVersion } from "../../platform/versions";

/**
 * Notes on a session: private ones reach their author only, shared ones the tandem's members; coordinators read
 * neither (their access level stops them before this).
 */

const viewer = (c: Caller) => ({ id: c.userId, coordinator: c.coordinator });

export function notesFor(caller: Caller, { relation }: MemberAccess, session: Versioned<SessionRecord> | null, notes: Versioned<Note>[]) {
  if (!session) throw notFound("This session");
  return notes.filter((n) => canReadNote(n.value, relation, viewer(caller)));
}

export function createNote(deps: Deps, caller: Caller, session: Versioned<SessionRecord> | null, input: NoteInput, key: string | null = null) {
  if (!session) throw notFound("This session");
  const now = deps.clock.now();
  const { tandemId, id: sessionId } = session.value;
  return createOnce(deps, caller, {
    kind: `note|${sessionId}`,
    key,
    fields: { ...input },
    create: (id) => deps.repos.notes.create(caller.tenantId, tandemId, { id, sessionId, authorId: caller.userId, ...input, createdAt: now, updatedAt: now } satisfies Note),
    find: (id) => deps.repos.notes.get(caller.tenantId, tandemId, sessionId, id),
  });
}

/** A note that is not mine is either invisible (404) or someone else's shared note (403). */
function mine(caller: Caller, { relation }: MemberAccess, [session, note]: [Versioned<SessionRecord> | null, Versioned<Note> | null]) {
  if (!session) throw notFound("This session");
  if (!note || !canReadNote(note.value, relation, viewer(caller))) throw notFound("This note");
  if (note.value.authorId !== caller.userId) throw new TandemError("forbidden", "Only its author may change a note.");
  return { tandemId: session.value.tandemId, note };
}

export function updateNote(
  deps: Deps,
  caller: Caller,
  access: MemberAccess,
  found: [Versioned<SessionRecord> | null, Versioned<Note> | null],
  patch: NotePatch,
  ifMatch: string,
): Promise<Versioned<Note>> {
  const { tandemId, note } = mine(caller, access, found);
  const next: Note = { ...note.value, ...patch, updatedAt: deps.clock.now() };
  return deps.repos.notes.replace(caller.tenantId, tandemId, next, writeVersion(ifMatch, note, "This note"));
}

export async function deleteNote(
  deps: Deps,
  caller: Caller,
  access: MemberAccess,
  found: [Versioned<SessionRecord> | null, Versioned<Note> | null],
  ifMatch: string | null,
) {
  const { tandemId, note } = mine(caller, access, found);
  await deps.repos.notes.delete(caller.tenantId, tandemId, note.value.sessionId, note.value.id, writeVersion(ifMatch, note, "This note"));
}
