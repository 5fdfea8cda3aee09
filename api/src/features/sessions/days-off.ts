import { TandemError, daysOff, type Calendar, type MemberWorkingHours } from "@tandem/core";
import type { Deps } from "../../platform/deps";
import type { peopleOf } from "./meeting";

/**
 * Refuses a booking or a move whose sessions fall on a member's day off (outside their working days in Outlook, on
 * their own calendar day): 409 with `daysOff`, before Outlook hears of it. Any client can call the api, so the api
 * says it itself; a client that has shown them to the person (the add-in) sends `allowDaysOff`, and this costs no
 * Graph call. One getSchedule for every member; when Outlook does not tell someone's working days (or Graph fails),
 * nothing is refused on their account: the booking's own call to Outlook says whether Outlook answers.
 */
export async function refuseDaysOff(
  deps: Deps,
  calendar: Calendar,
  people: Awaited<ReturnType<typeof peopleOf>>,
  occurrences: { start: string; end: string }[],
): Promise<void> {
  if (occurrences.length === 0) return;
  const from = occurrences[0]!.start;
  const to = occurrences.at(-1)!.end;
  const hours = await calendar.workingHours(people.map((p) => p.mail), from, to).catch((e: unknown) => {
    if (!(e instanceof TandemError)) throw e;
    deps.warn("a booking's days off could not be read from Outlook", e);
    return people.map(() => null);
  });
  const known: MemberWorkingHours[] = hours.flatMap((h, i) => (h ? [{ personId: people[i]!.id, ...h }] : []));
  const off = daysOff(occurrences, known);
  if (off.length === 0) return;
  const first = off[0]!;
  throw new TandemError(
    "conflict",
    `${off.length === 1 ? "A session falls" : `${off.length} sessions fall`} on a member's day off (outside their working days), the first on ${first.start}: pick another time, or send allowDaysOff to book ${off.length === 1 ? "it" : "them"} as ${off.length === 1 ? "it is" : "they are"}.`,
    [],
    { daysOff: off },
  );
}
