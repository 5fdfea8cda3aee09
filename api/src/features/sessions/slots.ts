import {
  TandemError,
  firstOverlap,
  heldBy,
  type SlotHold,
  type SlotHolds,
  type Versioned,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";

/**
 * One booking per slot (ADR 0006): a tandem never has two sessions that overlap. A booking holds its times on the
 * tandem's `slots` row, written with its ETag, before it calls Graph; then it reads the tandem's sessions. Of two
 * bookings racing for one slot, storage lets one write the row and refuses the other (412), which reads the row again
 * and finds the first's hold; a booking that comes after the first released its hold finds its sessions instead,
 * since they were recorded before the release. The loser gets 409 naming the session holding the slot, before any
 * Outlook meeting exists.
 */

/** How long a hold counts when its booking never releases it (its process died): beyond a booking's Graph retries. */
const HOLD_MS = 2 * 60_000;
const ATTEMPTS = 5;

export interface Hold {
  key: string;
  sessionId: string;
  intervals: { start: string; end: string }[];
}

export const slotTaken = (what: { sessionId: string; start: string; end: string }, inProgress: boolean) =>
  new TandemError(
    "conflict",
    `This tandem already has a session at that time (${what.start} to ${what.end}${inProgress ? ", being booked right now" : ""}): pick another time.`,
    [],
    { slot: { sessionId: what.sessionId, start: what.start, end: what.end, inProgress } },
  );

/** Writes the row as `change` makes it from the holds still in time; `change` answering null writes nothing. */
async function writeHolds(deps: Deps, caller: Caller, tandemId: string, change: (holds: SlotHold[]) => SlotHold[] | null): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current: Versioned<SlotHolds> | null = await deps.repos.slotHolds.get(caller.tenantId, tandemId);
    const now = Date.parse(deps.clock.now());
    // Holds past their time are dropped on every write, so the row never grows.
    const kept = (current?.value.holds ?? []).filter((h) => Date.parse(h.until) > now);
    const next = change(kept);
    if (next === null) return;
    try {
      await deps.repos.slotHolds.put(caller.tenantId, tandemId, { holds: next }, current?.etag ?? null);
      return;
    } catch (e) {
      const raced = e instanceof TandemError && (e.code === "precondition_failed" || e.code === "conflict");
      if (!raced || attempt >= ATTEMPTS) throw raced ? new TandemError("unavailable", "Too many bookings of this tandem at once: try again in a moment.") : e;
    }
  }
}

/**
 * Holds the booking's times, or refuses with 409 naming the session (or the booking in flight) that holds them. A
 * hold of the same Idempotency-Key (a retry in flight) does not refuse it: both make the same meeting and booking.
 * Each attempt's hold is known by its first session's id, which releases it. A move holds its new times the same
 * way, known by the session it moves; the sessions it moves (`moving`) do not stand in its way.
 */
export async function holdSlot(deps: Deps, caller: Caller, tandemId: string, hold: Hold, moving: ReadonlySet<string> = new Set()): Promise<void> {
  let refused: TandemError | null = null;
  await writeHolds(deps, caller, tandemId, (holds) => {
    refused = null;
    const other = heldBy(holds, hold.intervals, hold.key, deps.clock.now());
    if (other) {
      const at = firstOverlap(hold.intervals, other.intervals)!;
      refused = slotTaken({ sessionId: other.sessionId, ...at }, true);
      return null;
    }
    const until = new Date(Date.parse(deps.clock.now()) + HOLD_MS).toISOString();
    return [...holds, { ...hold, until }];
  });
  if (refused) throw refused;
  // Read after the hold is written: a booking recorded before it took the row is seen here.
  const sessions = await deps.repos.sessions.list(caller.tenantId, tandemId);
  const existing = firstOverlap(
    hold.intervals,
    sessions.filter((s) => s.value.status !== "cancelled" && !moving.has(s.value.id)).map((s) => ({ sessionId: s.value.id, start: s.value.start, end: s.value.end })),
  );
  if (existing) {
    await releaseQuietly(deps, caller, tandemId, hold.sessionId, hold.key);
    throw slotTaken(existing, false);
  }
}

/** Gives the times back: once the sessions are recorded (they hold the slot from then on), or when the booking failed. */
export async function releaseSlot(deps: Deps, caller: Caller, tandemId: string, holdId: string, key?: string): Promise<void> {
  const mine = (h: SlotHold) => h.sessionId === holdId && (key === undefined || h.key === key);
  await writeHolds(deps, caller, tandemId, (holds) => (holds.some(mine) ? holds.filter((h) => !mine(h)) : null));
}

/** A release that fails leaves a hold that expires by itself: it must not turn a booking's answer into an error. */
export const releaseQuietly = (deps: Deps, caller: Caller, tandemId: string, holdId: string, key?: string) =>
  releaseSlot(deps, caller, tandemId, holdId, key).catch(() => undefined);
