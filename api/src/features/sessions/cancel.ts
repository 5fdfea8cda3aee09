import { isUpcomingStatus, seriesFrom, type CancelInput, type SessionRecord, type Versioned } from "@tandem/core";
import type { MemberAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { writeVersion } from "../../platform/versions";
import { changing, endSeriesAt, occurrenceId, saveAll } from "./change";

/**
 * The one way to cancel a session, or its series from it on: its Outlook meeting is cancelled first (the attendees
 * get the cancellation, with the comment), then the sessions are recorded cancelled. An If-Match, where the route
 * takes one, must be the version read: a stale one changes nothing, in Outlook or in Tandem.
 */
export async function cancelSession(
  deps: Deps,
  caller: Caller,
  access: Pick<MemberAccess, "tandem">,
  all: Versioned<SessionRecord>[],
  sessionId: string,
  input: CancelInput,
  ifMatch: string | null = null,
) {
  const c = await changing(deps, caller, access, all, sessionId);
  writeVersion(ifMatch, c.target, "This session");
  const s = c.target.value;
  const whole = input.scope === "series" && s.seriesId !== null;
  const { series, from } = seriesFrom(c.all, s);
  const affected = whole ? from.filter((x) => isUpcomingStatus(x.value.status)) : [c.target];
  if (s.link) {
    const calendar = deps.calendarFor(caller);
    if (whole && s.link.originalStart) {
      await endSeriesAt(calendar, series.map((x) => x.value), s, affected.map((x) => x.value), input.comment);
    } else {
      await calendar.cancelEvent(await occurrenceId(calendar, s), input.comment);
    }
  }
  return saveAll(deps, caller, affected.map((from) => ({ from, to: { ...from.value, status: "cancelled" } })));
}
