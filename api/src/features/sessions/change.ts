import {
  TandemError,
  checkChangeable,
  knownEventId,
  occurrenceAt,
  occurrenceSpan,
  seriesEnding,
  type Calendar,
  type SessionRecord,
  type Tandem,
  type Versioned,
} from "@tandem/core";
import type { MemberAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";

/** What moving and cancelling share: the session to change, among its tandem's, and the series it belongs to. */
export interface Changing {
  tandem: Tandem;
  all: Versioned<SessionRecord>[];
  target: Versioned<SessionRecord>;
}

/**
 * The session to move or cancel: still to come, and when it has an Outlook meeting, only by whoever booked it, the
 * one person Graph lets change it.
 */
export async function changing(
  deps: Deps,
  caller: Caller,
  { tandem }: Pick<MemberAccess, "tandem">,
  all: Versioned<SessionRecord>[],
  sessionId: string,
): Promise<Changing> {
  const target = all.find((s) => s.value.id === sessionId);
  if (!target) throw new TandemError("not_found", "This session was not found.");
  checkChangeable(target.value, deps.clock.now());
  const link = target.value.link;
  if (link && link.organizerId !== caller.userId) {
    const organizer = (await deps.directory.person(caller.tenantId, link.organizerId))?.displayName ?? "the person who booked it";
    throw new TandemError("forbidden", `Only ${organizer}, who booked this session in Outlook, can move or cancel it there; you can decline it in Outlook.`);
  }
  return { tandem: tandem.value, all, target };
}

/** The organizer's id of one occurrence: known once seen, otherwise looked up among its series' instances. */
export async function occurrenceId(calendar: Calendar, s: SessionRecord): Promise<string> {
  const known = knownEventId(s);
  if (known) return known;
  const span = occurrenceSpan(s);
  const found = occurrenceAt(await calendar.listInstances(s.link!.eventId, span.from, span.to), s.link!.originalStart!);
  if (!found) throw new TandemError("not_found", "This occurrence is no longer in Outlook: it was cancelled or deleted there.");
  return found.id;
}

/**
 * Ends the Outlook series that hold `from` before the first of them (core `seriesEnding`): changing a pattern makes
 * Outlook drop its exceptions, so an earlier occurrence cancelled on its own comes back in Outlook. `ended` collects
 * the series already ended, for whoever must tell what a failure half-way left.
 */
export async function endSeriesAt(
  calendar: Calendar,
  series: SessionRecord[],
  target: SessionRecord,
  from: SessionRecord[],
  comment?: string,
  ended: string[] = [],
) {
  for (const { eventId, cut } of seriesEnding(series, target, from)) {
    if (cut) await calendar.updateEvent(eventId, cut);
    else await calendar.cancelEvent(eventId, comment);
    ended.push(eventId);
  }
}

/**
 * Each write is conditional on the version read: a session changed meanwhile is not overwritten (412). The reports'
 * aggregates follow.
 */
export async function saveAll(deps: Deps, caller: Caller, changes: { from: Versioned<SessionRecord>; to: SessionRecord }[]) {
  const at = deps.clock.now();
  const saved = await Promise.all(changes.map(({ from, to }) => deps.repos.sessions.replace(caller.tenantId, { ...to, updatedAt: at }, from.etag)));
  const tandems = new Set(changes.map((c) => c.to.tandemId));
  await Promise.all([...tandems].map((id) => deps.aggregates.tandemChanged(caller.tenantId, id)));
  return saved;
}
