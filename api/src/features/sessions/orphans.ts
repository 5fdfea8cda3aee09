import {
  TandemError,
  membersOf,
  orphanMeetings,
  type Calendar,
  type CalendarEvent,
  type KnownTandem,
  type Orphan,
  type SessionRecord,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import { mapLimit, type Deps } from "../../platform/deps";

const MAILBOXES_AT_ONCE = 4;

/**
 * The orphan sweep (ADR 0006): Outlook meetings that carry Tandem's mark and that no session knows are cancelled
 * from their organizer's mailbox, their invitations withdrawn. On a read of a tandem's sessions, among the meetings
 * that read brings anyway (no Graph call unless one is found); on the timer, across every member's calendar.
 */

/** One orphan met, cancelled or not. */
export interface OrphanReport extends Orphan {
  organizerId: string;
  cancelled: boolean;
  error?: string;
}

/** What one sweep of a tenant did: the job's output and its log line. */
export interface SweepResult {
  tenantId: string;
  startedAt: string;
  finishedAt: string;
  /** The window of calendars read. */
  from: string;
  to: string;
  mailboxesRead: number;
  /** Mailboxes Graph would not let the sweep read (no mailbox, no permission, unavailable). */
  mailboxesFailed: { personId: string; error: string }[];
  orphans: OrphanReport[];
}

const problemOf = (e: unknown) => (e instanceof TandemError ? e.message : "unexpected error");

/** Cancels each orphan, one at a time (they share a mailbox); a failure is reported, the next one still tried. */
async function cancelAll(deps: Deps, calendar: Calendar, organizerId: string, orphans: Orphan[], tenantId: string): Promise<OrphanReport[]> {
  const out: OrphanReport[] = [];
  for (const o of orphans) {
    try {
      await calendar.cancelEvent(o.eventId);
      out.push({ ...o, organizerId, cancelled: true });
      deps.warn(`orphan sweep: cancelled the meeting ${o.iCalUId} of tandem ${o.tandemId} in ${organizerId}'s calendar (tenant ${tenantId}), which no session knows`, null);
    } catch (e) {
      if (e instanceof TandemError && e.code === "internal") throw e;
      out.push({ ...o, organizerId, cancelled: false, error: problemOf(e) });
      deps.warn(`orphan sweep: could not cancel the meeting ${o.iCalUId} of tandem ${o.tandemId}; the next sweep tries again`, e);
    }
  }
  return out;
}

/**
 * On read: the caller's own meetings of this tandem among those just read, which no session of it links to. The
 * tandem's holds (bookings and moves in flight) are read only when there is a candidate.
 */
export async function sweepOnRead(
  deps: Deps,
  caller: Caller,
  calendar: Calendar,
  tandemId: string,
  sessions: SessionRecord[],
  events: CalendarEvent[],
): Promise<OrphanReport[]> {
  const now = deps.clock.now();
  const withoutHolds = orphanMeetings(events, (id) => (id === tandemId ? { sessions, holds: [] } : undefined), now, deps.orphanGraceMs);
  if (withoutHolds.length === 0) return [];
  const holds = (await deps.repos.slotHolds.get(caller.tenantId, tandemId))?.value.holds ?? [];
  const orphans = orphanMeetings(events, (id) => (id === tandemId ? { sessions, holds } : undefined), now, deps.orphanGraceMs);
  return cancelAll(deps, calendar, caller.userId, orphans, caller.tenantId);
}

/**
 * The timer's sweep of one tenant: every member of a tandem has their calendar read, from now over `days`, with the
 * application's own access (Calendars.ReadWrite, application), and the orphans they organize are cancelled.
 */
export async function sweepTenant(
  deps: Deps,
  calendarOf: (tenantId: string, userId: string) => Calendar,
  tenantId: string,
  days: number,
): Promise<SweepResult> {
  const startedAt = deps.clock.now();
  const from = new Date(Date.parse(startedAt) - 24 * 3600_000).toISOString();
  const to = new Date(Date.parse(startedAt) + days * 24 * 3600_000).toISOString();
  const tandems = await deps.repos.tandems.listAll(tenantId);
  const ids = new Set(tandems.map((t) => t.value.id));
  const people = [...new Set(tandems.flatMap((t) => membersOf(t.value)))].sort();
  const known = new Map<string, Promise<KnownTandem>>();
  const knownTandem = (tandemId: string) => {
    let k = known.get(tandemId);
    if (!k) {
      k = Promise.all([deps.repos.sessions.list(tenantId, tandemId), deps.repos.slotHolds.get(tenantId, tandemId)]).then(([sessions, holds]) => ({
        sessions: sessions.map((s) => s.value),
        holds: holds?.value.holds ?? [],
      }));
      known.set(tandemId, k);
    }
    return k;
  };

  const result: SweepResult = { tenantId, startedAt, finishedAt: startedAt, from, to, mailboxesRead: 0, mailboxesFailed: [], orphans: [] };
  // A few mailboxes at once: Graph throttles per mailbox and per app, and a large tenant must fit a timer's run.
  await mapLimit(people, MAILBOXES_AT_ONCE, async (personId) => {
    const calendar = calendarOf(tenantId, personId);
    let events: CalendarEvent[];
    try {
      events = (await calendar.eventsBetween(from, to)).filter((e) => e.isOrganizer && e.tandemId !== null && ids.has(e.tandemId));
    } catch (e) {
      if (e instanceof TandemError && e.code === "internal") throw e;
      result.mailboxesFailed.push({ personId, error: problemOf(e) });
      return;
    }
    result.mailboxesRead++;
    if (events.length === 0) return;
    const marked = [...new Set(events.map((e) => e.tandemId!))];
    const loaded = new Map(await Promise.all(marked.map(async (id) => [id, await knownTandem(id)] as const)));
    const orphans = orphanMeetings(events, (id) => loaded.get(id), deps.clock.now(), deps.orphanGraceMs);
    result.orphans.push(...(await cancelAll(deps, calendar, personId, orphans, tenantId)));
  });
  result.finishedAt = deps.clock.now();
  return result;
}

/** The job's log line. */
export const sweepSummary = (r: SweepResult) =>
  `Orphan sweep of ${r.tenantId}: ${r.mailboxesRead} calendar(s) read, ${r.mailboxesFailed.length} not readable, ` +
  `${r.orphans.length} orphan meeting(s) found, ${r.orphans.filter((o) => o.cancelled).length} cancelled.`;
