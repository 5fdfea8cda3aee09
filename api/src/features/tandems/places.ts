import { OPEN_STATUSES, TandemError, type MentorPlaces, type Tandem, type TandemStatus } from "@tandem/core";
import type { Deps } from "../../platform/deps";

/**
 * A mentor's places hold under concurrency (issue 14, point 4): every write that takes a place (a proposal, by hand
 * or published from a run) or confirms one (the last member accepting) goes through the mentor's row of places,
 * written with the ETag it was read with. Two writers who read the same row cannot both write it: the second is
 * refused by storage (412), reads again, sees the first one's place and, if none is left, answers 409.
 *
 * The row is reconciled with the mentor's tandems as stored at each use, so it never drifts from them: a tandem
 * declined or completed gives its place back without a write of its own, and tandems written before the row existed
 * (the demo's, a migration) are counted. An entry whose tandem is not stored yet is a writer in flight: it counts for
 * FRESH_MS, after which its writer is taken for dead.
 */
const FRESH_MS = 5 * 60_000;
const ATTEMPTS = 8;
const HELD: readonly TandemStatus[] = ["accepted", "active", "paused"];

type Entry = MentorPlaces["entries"][number];

export interface Claim {
  tandemId: string;
  cycleId: string;
  mentees: number;
}

/** The mentor's places in a cycle: their own capacity, and never more than the cycle allows. */
export const placesOf = (capacity: number, cycleMax: number) => Math.max(0, Math.min(capacity, cycleMax));

export const mentorFull = (mentorId: string, left: number, wanted: number) =>
  new TandemError(
    "conflict",
    left <= 0
      ? "The mentor has no place left: another proposal or acceptance took the last one."
      : `The mentor has ${left} place(s) left, fewer than the ${wanted} asked for.`,
    [],
    {
      rules: [
        {
          menteeId: null,
          mentorId,
          rule: "mentor_full",
          words: {
            fr: left <= 0 ? "Le mentor n'a plus de place : une autre proposition ou acceptation a pris la dernière." : `Il reste ${left} place(s) au mentor, moins que les ${wanted} demandées.`,
            en: left <= 0 ? "The mentor has no place left: another proposal or acceptance took the last one." : `The mentor has ${left} place(s) left, fewer than the ${wanted} asked for.`,
          },
        },
      ],
    },
  );

async function update(deps: Deps, tenantId: string, mentorId: string, change: (entries: Entry[], now: string) => Entry[] | null): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [row, tandems] = await Promise.all([deps.repos.places.get(tenantId, mentorId), deps.repos.tandems.listForPerson(tenantId, mentorId)]);
    const now = deps.clock.now();
    const fresh = (at: string) => Date.parse(now) - Date.parse(at) < FRESH_MS;
    const stored = new Map<string, Tandem>(tandems.filter((x) => x.value.mentorId === mentorId).map((x) => [x.value.id, x.value]));
    const entries: Entry[] = [];
    for (const e of row?.value.entries ?? []) {
      const t = stored.get(e.tandemId);
      if (!t) {
        if (fresh(e.at)) entries.push(e);
        continue;
      }
      if (!OPEN_STATUSES.includes(t.status)) continue;
      // A hold just written whose tandem write has not landed yet still counts as held.
      entries.push({ ...e, mentees: t.menteeIds.length, held: HELD.includes(t.status) || (e.held && fresh(e.at)) });
    }
    for (const t of stored.values()) {
      if (OPEN_STATUSES.includes(t.status) && !entries.some((e) => e.tandemId === t.id)) {
        entries.push({ tandemId: t.id, cycleId: t.cycleId, mentees: t.menteeIds.length, held: HELD.includes(t.status), at: t.updatedAt });
      }
    }
    const next = change(entries, now);
    if (next === null) return;
    try {
      await deps.repos.places.put(tenantId, { mentorId, entries: next }, row?.etag ?? null);
      return;
    } catch (e) {
      if (e instanceof TandemError && (e.code === "precondition_failed" || e.code === "conflict")) continue;
      throw e;
    }
  }
  throw new TandemError("unavailable", "The mentor's places are being changed by many people at once: try again in a moment.");
}

/**
 * Takes places for proposals, all of them or none: refused (409) when the mentor's open tandems and these would
 * pass `limit`. Idempotent: a claim already in the row (a retried publish) is not counted twice.
 */
export function reserve(deps: Deps, tenantId: string, mentorId: string, claims: Claim[], limit: number): Promise<void> {
  return update(deps, tenantId, mentorId, (entries, now) => {
    const ids = new Set(entries.map((e) => e.tandemId));
    const added = claims.filter((c) => !ids.has(c.tandemId));
    if (added.length === 0) return null;
    const taken = entries.reduce((n, e) => n + e.mentees, 0);
    const wanted = added.reduce((n, c) => n + c.mentees, 0);
    if (taken + wanted > limit) throw mentorFull(mentorId, limit - taken, wanted);
    return [...entries, ...added.map((c) => ({ ...c, held: false, at: now }))];
  });
}

/** Gives back places taken for proposals that were never written (a publish refused halfway). */
export function unreserve(deps: Deps, tenantId: string, mentorId: string, tandemIds: string[]): Promise<void> {
  return update(deps, tenantId, mentorId, (entries) => {
    const next = entries.filter((e) => !tandemIds.includes(e.tandemId));
    return next.length === entries.length ? null : next;
  });
}

/**
 * Confirms a tandem's places as its last member accepts: refused (409) when the mentor's tandems already accepted
 * (or further) and this one would pass `limit`: their capacity went down since the proposal, and someone else
 * accepted first.
 */
export function hold(deps: Deps, tenantId: string, tandem: Pick<Tandem, "id" | "cycleId" | "mentorId" | "menteeIds">, limit: number): Promise<void> {
  return update(deps, tenantId, tandem.mentorId, (entries, now) => {
    const others = entries.filter((e) => e.tandemId !== tandem.id);
    const held = others.filter((e) => e.held).reduce((n, e) => n + e.mentees, 0);
    if (held + tandem.menteeIds.length > limit) throw mentorFull(tandem.mentorId, limit - held, tandem.menteeIds.length);
    return [...others, { tandemId: tandem.id, cycleId: tandem.cycleId, mentees: tandem.menteeIds.length, held: true, at: now }];
  });
}

/** Undoes a hold whose tandem could not be written (it changed meanwhile): best effort, the row heals anyway. */
export async function unhold(deps: Deps, tenantId: string, tandem: Pick<Tandem, "id" | "mentorId">): Promise<void> {
  await update(deps, tenantId, tandem.mentorId, (entries) =>
    entries.map((e) => (e.tandemId === tandem.id ? { ...e, held: false } : e)),
  ).catch((e: unknown) => deps.warn("a hold on a mentor's places could not be undone", e));
}
