import { z } from "zod";
import { Id } from "../common";
import type { Profile } from "../people";
import {
  MonthEntry,
  ProfileFacts,
  TandemDigest,
  TandemLink,
  profileFacts,
  tandemAggregates,
  type Month,
  type TandemAggregates,
  type TandemInputs,
} from "./aggregate";

/**
 * The rows reports keep (the storage layout is the adapter's, ADR 0002) and how a change lands in them. The api
 * applies these same functions row by row, each write conditional on the version read; the property test applies
 * them to an in-memory copy and compares with a recomputation.
 */

/** A person's standing: who they are (from the directory), their profile's facts, their tandems. */
export const PersonRow = z.strictObject({
  personId: Id,
  displayName: z.string().max(256),
  department: z.string().max(128),
  profile: ProfileFacts.nullable(),
  tandems: z.record(z.string(), TandemLink),
});
export type PersonRow = z.infer<typeof PersonRow>;

/** A person's month: each tandem's entry. */
export const MonthRow = z.strictObject({
  personId: Id,
  entries: z.record(z.string(), MonthEntry),
});
export type MonthRow = z.infer<typeof MonthRow>;

/** What one member's rows hold for a tandem, as fingerprints: where their rows are, their link, each month's entry. */
export const MemberPrint = z.strictObject({
  key: z.string(),
  link: z.string(),
  months: z.record(z.string(), z.string()),
});
export type MemberPrint = z.infer<typeof MemberPrint>;

/**
 * A tandem's digest and the number of the refresh that wrote it (refreshes of one tandem are serialised on it);
 * the refreshes committed and not finished yet (their number, when they committed, the months each member's
 * entries may be written in); and what the finished ones landed, member by member, which a refresh may trust to
 * write only what changed when no other is landing (ADR 0002, "Reports": 2026-12-02). Rows written before these
 * had neither: the next refresh lands everything, as a rebuild would.
 */
export const TandemRow = z.strictObject({
  seq: z.int().min(0),
  digest: TandemDigest,
  landed: z.record(z.string(), MemberPrint).optional(),
  landing: z
    .array(z.strictObject({ seq: z.int().min(0), at: z.number(), months: z.record(z.string(), z.array(z.string())) }))
    .optional(),
});
export type TandemRow = z.infer<typeof TandemRow>;

/** Who a person is, as reports name and group them: from the directory, or their profile when not synced yet. */
export interface PersonBase {
  displayName: string;
  department: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A month row with one tandem's entry set (or removed, with null). "same" when nothing changes; null when the row
 * is left empty (delete it).
 */
export function withEntry(row: MonthRow | null, personId: string, tandemId: string, entry: MonthEntry | null): MonthRow | null | "same" {
  const current = row?.entries[tandemId] ?? null;
  if (same(current, entry)) return "same";
  const entries = { ...(row?.entries ?? {}) };
  if (entry) entries[tandemId] = entry;
  else delete entries[tandemId];
  return Object.keys(entries).length ? { personId, entries } : null;
}

const emptyPerson = (personId: string, base: PersonBase): PersonRow => ({ personId, ...base, profile: null, tandems: {} });
const isEmpty = (row: PersonRow) => row.profile === null && Object.keys(row.tandems).length === 0;

/** A person row with one tandem's link set or removed, and who they are refreshed. Same conventions as withEntry. */
export function withLink(row: PersonRow | null, personId: string, base: PersonBase, tandemId: string, link: TandemLink | null): PersonRow | null | "same" {
  const tandems = { ...(row?.tandems ?? {}) };
  if (link) tandems[tandemId] = link;
  else delete tandems[tandemId];
  return settle(row, { ...(row ?? emptyPerson(personId, base)), ...base, tandems });
}

/** A person row with their profile's facts set (null: no profile). */
export function withProfile(row: PersonRow | null, personId: string, base: PersonBase, facts: ProfileFacts | null): PersonRow | null | "same" {
  return settle(row, { ...(row ?? emptyPerson(personId, base)), ...base, profile: facts });
}

/** A person row with who they are refreshed (the directory changed their name or department). */
export function withBase(row: PersonRow, base: PersonBase): PersonRow | "same" {
  const next = { ...row, ...base };
  return same(row, next) ? "same" : next;
}

function settle(before: PersonRow | null, after: PersonRow): PersonRow | null | "same" {
  if (isEmpty(after)) return before === null ? "same" : null;
  return before !== null && same(before, after) ? "same" : after;
}

/** Every aggregate, in memory: what the tables hold, keyed by person rather than by place in the organisation. */
export interface AggregateStore {
  people: Map<string, PersonRow>;
  months: Map<Month, Map<string, MonthRow>>;
  tandems: Map<string, TandemDigest>;
}

export const emptyStore = (): AggregateStore => ({ people: new Map(), months: new Map(), tandems: new Map() });

/**
 * Lands a tandem's fresh aggregates: its digest, and for each member (and anyone it counted for before) their link
 * and their entries, the months it no longer has entries in cleared. The months to clear are those the person's
 * stored link lists.
 */
export function applyTandem(store: AggregateStore, tandemId: string, agg: TandemAggregates, baseOf: (personId: string) => PersonBase): void {
  const previous = store.tandems.get(tandemId);
  const people = new Set([...(previous ? [previous.mentorId, ...previous.menteeIds] : []), ...agg.members.keys()]);
  for (const personId of people) {
    const fresh = agg.members.get(personId) ?? null;
    const row = store.people.get(personId) ?? null;
    const before = row?.tandems[tandemId]?.months ?? [];
    const months = new Set([...before, ...(fresh?.months.keys() ?? [])]);
    for (const m of months) {
      let rows = store.months.get(m);
      const next = withEntry(rows?.get(personId) ?? null, personId, tandemId, fresh?.months.get(m) ?? null);
      if (next === "same") continue;
      if (!rows) store.months.set(m, (rows = new Map()));
      if (next) rows.set(personId, next);
      else rows.delete(personId);
      if (rows.size === 0) store.months.delete(m);
    }
    const next = withLink(row, personId, baseOf(personId), tandemId, fresh?.link ?? null);
    if (next === "same") continue;
    if (next) store.people.set(personId, next);
    else store.people.delete(personId);
  }
  store.tandems.set(tandemId, agg.digest);
}

export function applyProfile(store: AggregateStore, personId: string, facts: ProfileFacts | null, base: PersonBase): void {
  const next = withProfile(store.people.get(personId) ?? null, personId, base, facts);
  if (next === "same") return;
  if (next) store.people.set(personId, next);
  else store.people.delete(personId);
}

/** Everything the aggregates are computed from. */
export interface RawProgram {
  tandems: readonly TandemInputs[];
  profiles: readonly Pick<Profile, "id" | "programRoles" | "paused" | "trainingCompleted" | "offers" | "requests">[];
}

/** The aggregates from the raw data alone: what a rebuild writes, and what the kept aggregates must equal. */
export function recompute(raw: RawProgram, baseOf: (personId: string) => PersonBase): AggregateStore {
  const store = emptyStore();
  for (const p of raw.profiles) applyProfile(store, p.id, profileFacts(p), baseOf(p.id));
  for (const t of raw.tandems) applyTandem(store, t.tandem.id, tandemAggregates(t), baseOf);
  return store;
}

/** One way the kept aggregates differ from a recomputation: what is stored, and what should be. */
export interface AggregateDifference {
  kind: "person" | "month" | "tandem";
  personId: string | null;
  tandemId: string | null;
  month: Month | null;
  field: string;
  stored: unknown;
  expected: unknown;
}

function fieldDifferences(
  at: Omit<AggregateDifference, "field" | "stored" | "expected">,
  stored: Record<string, unknown> | null,
  expected: Record<string, unknown> | null,
): AggregateDifference[] {
  if (stored === null || expected === null) {
    if (stored === expected) return [];
    return [{ ...at, field: "*", stored: stored === null ? null : "present", expected: expected === null ? null : "present" }];
  }
  const out: AggregateDifference[] = [];
  for (const field of [...new Set([...Object.keys(stored), ...Object.keys(expected)])].sort()) {
    if (!same(stored[field], expected[field])) out.push({ ...at, field, stored: stored[field] ?? null, expected: expected[field] ?? null });
  }
  return out;
}

/** Every difference between kept aggregates and a recomputation, field by field. Empty when they agree. */
export function compareStores(stored: AggregateStore, expected: AggregateStore): AggregateDifference[] {
  const out: AggregateDifference[] = [];
  const keys = <K>(a: Map<K, unknown>, b: Map<K, unknown>) => [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const id of keys(stored.tandems, expected.tandems)) {
    out.push(...fieldDifferences({ kind: "tandem", personId: null, tandemId: id, month: null }, stored.tandems.get(id) ?? null, expected.tandems.get(id) ?? null));
  }
  for (const id of keys(stored.people, expected.people)) {
    const s = stored.people.get(id) ?? null;
    const e = expected.people.get(id) ?? null;
    if (!s || !e) {
      out.push(...fieldDifferences({ kind: "person", personId: id, tandemId: null, month: null }, s, e));
      continue;
    }
    const { tandems: st, ...sRest } = s;
    const { tandems: et, ...eRest } = e;
    out.push(...fieldDifferences({ kind: "person", personId: id, tandemId: null, month: null }, sRest, eRest));
    for (const t of [...new Set([...Object.keys(st), ...Object.keys(et)])].sort()) {
      out.push(...fieldDifferences({ kind: "person", personId: id, tandemId: t, month: null }, st[t] ?? null, et[t] ?? null));
    }
  }
  for (const m of keys(stored.months, expected.months)) {
    const sm = stored.months.get(m) ?? new Map<string, MonthRow>();
    const em = expected.months.get(m) ?? new Map<string, MonthRow>();
    for (const id of keys(sm, em)) {
      const se = sm.get(id)?.entries ?? {};
      const ee = em.get(id)?.entries ?? {};
      for (const t of [...new Set([...Object.keys(se), ...Object.keys(ee)])].sort()) {
        out.push(...fieldDifferences({ kind: "month", personId: id, tandemId: t, month: m }, se[t] ?? null, ee[t] ?? null));
      }
    }
  }
  return out;
}
