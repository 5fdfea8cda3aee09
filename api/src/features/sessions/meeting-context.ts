import { TandemError, previousHeld, sessionOfMeeting, type EventTarget } from "@tandem/core";
import type { TandemAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { checkInView } from "../checkins/view";
import { goalView } from "../goals/view";
import { tandemView } from "../tandems/view";
import { reconcile } from "./reconcile";
import { sessionView } from "./view";

/** Someone who may not see the meeting's tandem is told what a meeting Tandem never booked tells. */
export const notBooked = () => new TandemError("not_found", "This meeting was not booked with Tandem, or you cannot see it.");

/** Where an Outlook meeting leads: its tandem and session (or series), and which occurrence the caller opened. */
export interface MeetingFound extends EventTarget {
  originalStart: string | null;
  date: string | null;
}

/**
 * Finds a meeting by its iCalUId or the organizer's event id with point reads in the Events index. An occurrence of
 * a series is found through its series; an id from another mailbox (an attendee's copy) costs one Graph read to
 * learn the meeting's iCalUId.
 */
export async function findMeeting(deps: Deps, caller: Caller, query: { eventId?: string | undefined; iCalUId?: string | undefined }): Promise<MeetingFound | null> {
  const t = caller.tenantId;
  const calendar = deps.calendarFor(caller);
  if (query.iCalUId) {
    const exact = await deps.repos.eventIndex.find(t, { iCalUId: query.iCalUId });
    if (exact) return { ...exact, originalStart: null, date: null };
    const parsed = calendar.parseICalUId(query.iCalUId);
    const series = parsed.date ? await deps.repos.eventIndex.find(t, { iCalUId: parsed.matchKey }) : null;
    if (series) return { ...series, originalStart: null, date: parsed.date };
  }
  if (query.eventId) {
    const organizers = await deps.repos.eventIndex.find(t, { eventId: query.eventId });
    if (organizers) return { ...organizers, originalStart: null, date: null };
    const e = await calendar.getEvent(query.eventId);
    const copy = e ? await deps.repos.eventIndex.find(t, { iCalUId: e.matchKey }) : null;
    if (copy) return { ...copy, originalStart: e!.originalStart, date: null };
  }
  return null;
}

/** The tandem, the session, the goals and the last check-ins behind a meeting, as the caller may see them. */
export async function meetingContext(deps: Deps, caller: Caller, access: TandemAccess, found: MeetingFound) {
  const t = caller.tenantId;
  const [stored, goals] = await Promise.all([deps.repos.sessions.list(t, found.tandemId), deps.repos.goals.list(t, found.tandemId)]);
  const sessions = await reconcile(deps, caller, access.relation, stored);
  const session = sessionOfMeeting(sessions, found, { originalStart: found.originalStart, date: found.date, now: deps.clock.now() });
  if (!session) throw notBooked();
  const previous = previousHeld(sessions, session.value, deps.clock.now());
  const checkIns = previous ? await deps.repos.checkIns.list(t, found.tandemId, previous.value.id) : [];
  return {
    tandem: await tandemView(deps, caller, access.tandem),
    session: sessionView(session),
    goals: goals.map(goalView),
    lastCheckIns: checkIns.flatMap((c) => checkInView(c, access.relation) ?? []),
  };
}
