import {
  TandemError,
  checkBookable,
  firstOverlap,
  proposedSlots,
  shareWorkingTime,
  suggestionWindow,
  type Profile,
  type SuggestionRequest,
  type Suggestions,
  type Versioned,
  type WorkingHours,
} from "@tandem/core";
import type { MemberAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { peopleOf, zoneOf } from "./meeting";

const MAX_SLOTS = 10;
const DEFAULT_MINUTES = 45;

/**
 * Times when every member is free, inside everyone's working hours, in the caller's zone: one findMeetingTimes; one
 * getSchedule beside it when asked for everyone's working days (to tell a day off in a series), or after it when it
 * finds nothing, to tell working days that never meet.
 */
export async function suggestSessions(
  deps: Deps,
  caller: Caller,
  { tandem }: MemberAccess,
  input: SuggestionRequest,
  profile: Versioned<Profile> | null,
): Promise<Suggestions> {
  checkBookable(tandem.value);
  const calendar = deps.calendarFor(caller);
  const [cycle, people, sessions] = await Promise.all([
    deps.repos.cycles.get(caller.tenantId, tandem.value.cycleId),
    peopleOf(deps, caller, tandem.value),
    deps.repos.sessions.list(caller.tenantId, tandem.value.id),
  ]);
  const zone = await zoneOf(profile, people.find((p) => p.id === caller.userId), calendar, input.timeZone);
  const minutes = cycle?.value.cadence.sessionMinutes ?? DEFAULT_MINUTES;
  const { from, to } = suggestionWindow(input, zone, deps.clock.now(), minutes);

  // Asked for, everyone's working days come with the times, in the same round trip's time: a series may land on
  // someone's day off, which the booking says before it is made. Graph not telling them only leaves that unsaid.
  const readHours = () =>
    calendar.workingHours(people.map((p) => p.mail), new Date(from).toISOString(), new Date(to).toISOString()).catch((e: unknown) => {
      if (!(e instanceof TandemError)) throw e;
      return people.map(() => null);
    });
  const [found, asked] = await Promise.all([
    calendar.findMeetingTimes({
      attendees: people.filter((p) => p.id !== caller.userId).map((p) => ({ address: p.mail, name: p.displayName })),
      durationMinutes: minutes,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      timeZone: zone,
      maxSlots: MAX_SLOTS * 2,
    }),
    input.workingDays ? readHours() : null,
  ]);
  // A session of the tandem holds its slot even where no Outlook meeting shows it (one recorded without a meeting):
  // a booking of it would be refused (ADR 0006, one booking per slot), so it is not proposed.
  const kept = sessions.filter((s) => s.value.status !== "cancelled").map((s) => s.value);
  const free = found.slots.filter((slot) => firstOverlap([slot], kept) === null);
  const slots = proposedSlots(free, caller.userId, people, MAX_SLOTS);

  let emptyReason: Suggestions["emptyReason"] = slots.length ? null : found.emptyReason;
  // Graph says "attendees unavailable" too when their working days never meet: look, since that needs another answer.
  const read = asked ?? (slots.length ? null : await readHours());
  const hours = read?.every((h) => h !== null) ? (read as WorkingHours[]) : null;
  if (!slots.length && hours && !shareWorkingTime(hours, from, to, minutes)) emptyReason = "no_common_working_hours";
  const workingHours = asked && hours ? hours.map((h, i) => ({ personId: people[i]!.id, ...h })) : undefined;
  return { timeZone: zone, durationMinutes: minutes, slots, emptyReason, ...(workingHours ? { workingHours } : {}) };
}
