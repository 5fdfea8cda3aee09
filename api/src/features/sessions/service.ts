import {
  TandemError,
  canCheckIn,
  canReadNote,
  checkInFor,
  isParticipant,
  isUpcomingStatus,
  type CheckIn,
  type CheckInInput,
  type Note,
  type NoteInput,
  type NotePatch,
  type SessionRecord,
  type SessionStatusInput,
  type Versioned,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { accessTandem, type TandemAccess } from "../tandems/service";
import { reconcile } from "../booking/reconcile";

const viewer = (c: Caller) => ({ id: c.userId, coordinator: c.coordinator });

/** The tandem's sessions; those still to come are first brought in line with Outlook (see reconcile). */
export async function listSessions(deps: Deps, caller: Caller, tandemId: string): Promise<Versioned<SessionRecord>[]> {
  const [access, sessions] = await Promise.all([
    accessTandem(deps, caller, tandemId),
    deps.repos.sessions.list(caller.tenantId, tandemId),
  ]);
  return reconcile(deps, caller, access.relation, sessions);
}

async function accessSession(deps: Deps, caller: Caller, tandemId: string, sessionId: string) {
  const access = await accessTandem(deps, caller, tandemId);
  const session = await deps.repos.sessions.get(caller.tenantId, tandemId, sessionId);
  if (!session) throw new TandemError("not_found", "This session was not found.");
  return { ...access, session };
}

function requireParticipant(a: TandemAccess, what: string) {
  if (!isParticipant(a.relation)) throw new TandemError("forbidden", `Only the members of a tandem ${what}.`);
}

export async function setSessionStatus(
  deps: Deps,
  caller: Caller,
  tandemId: string,
  sessionId: string,
  input: SessionStatusInput,
  ifMatch: string | null,
): Promise<Versioned<SessionRecord>> {
  const a = await accessSession(deps, caller, tandemId, sessionId);
  requireParticipant(a, "record how a session went");
  const s = a.session.value;
  const now = deps.clock.now();
  if (s.status === input.status) return a.session;
  if (input.status === "held" && !canCheckIn(s, now)) {
    throw new TandemError("illegal_transition", "A session can be marked held once it has started, unless it was cancelled.");
  }
  if (input.status === "cancelled" && !isUpcomingStatus(s.status)) {
    throw new TandemError("illegal_transition", `A ${s.status} session cannot be cancelled.`);
  }
  return deps.repos.sessions.replace(caller.tenantId, { ...s, status: input.status, updatedAt: now }, ifMatch ?? a.session.etag);
}

export async function listCheckIns(deps: Deps, caller: Caller, tandemId: string, sessionId: string) {
  const a = await accessSession(deps, caller, tandemId, sessionId);
  const all = await deps.repos.checkIns.list(caller.tenantId, tandemId, sessionId);
  return all.flatMap((c) => {
    const visible = checkInFor(c.value, a.relation);
    return visible ? [{ value: visible, etag: c.etag }] : [];
  });
}

export async function putMyCheckIn(
  deps: Deps,
  caller: Caller,
  tandemId: string,
  sessionId: string,
  input: CheckInInput,
  ifMatch: string | null,
): Promise<Versioned<CheckIn>> {
  const a = await accessSession(deps, caller, tandemId, sessionId);
  requireParticipant(a, "check in after their sessions");
  const now = deps.clock.now();
  if (!canCheckIn(a.session.value, now)) {
    throw new TandemError("illegal_transition", "You can check in once the session has started, unless it was cancelled.");
  }
  const existing = await deps.repos.checkIns.get(caller.tenantId, tandemId, sessionId, caller.userId);
  if (!existing && ifMatch !== null && ifMatch !== "*") {
    throw new TandemError("precondition_failed", "Your check-in was removed elsewhere: reload.");
  }
  const checkIn: CheckIn = {
    sessionId,
    personId: caller.userId,
    ...input,
    createdAt: existing?.value.createdAt ?? now,
    updatedAt: now,
  };
  return deps.repos.checkIns.put(caller.tenantId, tandemId, checkIn, existing ? (ifMatch ?? existing.etag) : null);
}

export async function listNotes(deps: Deps, caller: Caller, tandemId: string, sessionId: string) {
  const a = await accessSession(deps, caller, tandemId, sessionId);
  requireParticipant(a, "read session notes");
  const all = await deps.repos.notes.list(caller.tenantId, tandemId, sessionId);
  return all.filter((n) => canReadNote(n.value, a.relation, viewer(caller)));
}

export async function createNote(deps: Deps, caller: Caller, tandemId: string, sessionId: string, input: NoteInput) {
  const a = await accessSession(deps, caller, tandemId, sessionId);
  requireParticipant(a, "write session notes");
  const now = deps.clock.now();
  const note: Note = { id: deps.ids.next(), sessionId, authorId: caller.userId, ...input, createdAt: now, updatedAt: now };
  return deps.repos.notes.create(caller.tenantId, tandemId, note);
}

/** A note that is not mine is either invisible (404) or someone else's shared note (403). */
async function myNote(deps: Deps, caller: Caller, tandemId: string, sessionId: string, noteId: string) {
  const a = await accessSession(deps, caller, tandemId, sessionId);
  const note = await deps.repos.notes.get(caller.tenantId, tandemId, sessionId, noteId);
  if (!note || !canReadNote(note.value, a.relation, viewer(caller))) throw new TandemError("not_found", "This note was not found.");
  if (note.value.authorId !== caller.userId) throw new TandemError("forbidden", "Only its author may change a note.");
  return note;
}

export async function updateNote(
  deps: Deps,
  caller: Caller,
  tandemId: string,
  sessionId: string,
  noteId: string,
  patch: NotePatch,
  ifMatch: string,
): Promise<Versioned<Note>> {
  const note = await myNote(deps, caller, tandemId, sessionId, noteId);
  const next: Note = { ...note.value, ...patch, updatedAt: deps.clock.now() };
  return deps.repos.notes.replace(caller.tenantId, tandemId, next, ifMatch);
}

export async function deleteNote(
  deps: Deps,
  caller: Caller,
  tandemId: string,
  sessionId: string,
  noteId: string,
  ifMatch: string | null,
) {
  const note = await myNote(deps, caller, tandemId, sessionId, noteId);
  await deps.repos.notes.delete(caller.tenantId, tandemId, sessionId, noteId, ifMatch ?? note.etag);
}
