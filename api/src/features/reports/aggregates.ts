import {
  TandemError,
  compareStores,
  emptyStore,
  profileFacts,
  recompute,
  tandemAggregates,
  withBase,
  withEntry,
  withLink,
  withProfile,
  type AggregateDifference,
  type AggregateUpdater,
  type RebuildReport,
  type AggregateStore,
  type Directory,
  type MonthEntry,
  type MonthRow,
  type PersonBase,
  type PersonRow,
  type ReportStore,
  type Repositories,
  type MemberAggregates,
  type TandemInputs,
  type Versioned,
} from "@tandem/core";
import { mapLimit } from "../../platform/deps";
import { unplacedKey } from "../../adapters/tables/reports";

/**
 * The one updater of the report aggregates. Services call it after each write that changes what reports count (a
 * session, a goal, a check-in, a tandem's lifecycle, a profile); the directory sync calls it when people move in
 * the tree. It never takes what changed from the caller: it reads the tandem (or the profile) again and lands its
 * whole contribution, so a retried or late call does no harm.
 *
 * Refreshes of one tandem are serialised on its row in ReportTandems: each one reads it, reads the raw data,
 * commits the digest with the next number, conditional on the version it read, then lands the members' rows, and
 * reads the tandem's row again: when another refresh committed meanwhile, it starts over, so the last refresh to
 * finish lands data read after every write. Each person's and month's row is written conditionally on the version
 * read (read, merge, write, again on 412). A refresh cut short leaves the aggregates behind the raw data until the
 * next write to the tandem or a rebuild, which also reports what it found different.
 */
interface UpdaterDeps {
  repos: Repositories;
  directory: Directory;
  store: ReportStore;
  warn(message: string, error: unknown): void;
}

const ATTEMPTS = 8;
const retriable = (e: unknown) =>
  e instanceof TandemError && (e.code === "precondition_failed" || e.code === "conflict" || e.code === "not_found");

/** Read, merge, write conditionally; again when someone else wrote in between. */
async function settle<T>(read: () => Promise<Versioned<T> | null>, write: (current: Versioned<T> | null) => Promise<unknown>) {
  for (let attempt = 1; ; attempt++) {
    const current = await read();
    try {
      await write(current);
      return;
    } catch (e) {
      if (!retriable(e) || attempt >= ATTEMPTS) throw e;
    }
  }
}

const nobody: PersonBase = { displayName: "", department: "" };

export function reportAggregates(deps: UpdaterDeps): AggregateUpdater {
  const { repos, directory, store } = deps;

  /** Where a person's rows are, and who they are for reports. */
  async function placeOf(t: string, personId: string): Promise<{ key: string; base: PersonBase }> {
    const placed = await directory.placeOf(t, personId);
    return placed
      ? { key: placed.path, base: { displayName: placed.person.displayName, department: placed.person.department } }
      : { key: unplacedKey(personId), base: nobody };
  }

  async function inputsOf(t: string, tandemId: string): Promise<TandemInputs | null> {
    const [tandem, sessions, goals, checkIns, surveys] = await Promise.all([
      repos.tandems.get(t, tandemId),
      repos.sessions.list(t, tandemId),
      repos.goals.list(t, tandemId),
      repos.checkIns.listForTandem(t, tandemId),
      repos.surveys.listForTandem(t, tandemId),
    ]);
    if (!tandem) return null;
    const cycle = await repos.cycles.get(t, tandem.value.cycleId);
    return {
      tandem: tandem.value,
      cycle: cycle?.value ?? null,
      sessions: sessions.map((s) => s.value),
      goals: goals.map((g) => g.value),
      checkIns: checkIns.map((c) => c.value),
      surveys: surveys.map((x) => x.value),
    };
  }

  async function setEntry(t: string, month: string, key: string, personId: string, tandemId: string, entry: MonthEntry | null) {
    await settle(
      () => store.month(t, month, key),
      async (current) => {
        const next = withEntry(current?.value ?? null, personId, tandemId, entry);
        if (next === "same") return;
        if (next === null) await store.deleteMonth(t, month, key, current!.etag);
        else await store.putMonth(t, month, key, next, current?.etag ?? null);
      },
    );
  }

  async function writePerson(t: string, key: string, current: Versioned<PersonRow> | null, next: PersonRow | null | "same") {
    if (next === "same") return;
    if (next === null) await store.deletePerson(t, key, current!.etag);
    else await store.putPerson(t, key, next, current?.etag ?? null);
  }

  /** A member's rows: their month entries first (the months their stored link lists cleared), then their link. */
  async function landMember(t: string, tandemId: string, personId: string, fresh: MemberAggregates | null) {
    const { key, base } = await placeOf(t, personId);
    await settle(
      () => store.person(t, key),
      async (current) => {
        const before = current?.value.tandems[tandemId]?.months ?? [];
        const months = [...new Set([...before, ...(fresh?.months.keys() ?? [])])];
        await Promise.all(months.map((m) => setEntry(t, m, key, personId, tandemId, fresh?.months.get(m) ?? null)));
        await writePerson(t, key, current, withLink(current?.value ?? null, personId, base, tandemId, fresh?.link ?? null));
      },
    );
  }

  async function tandemChanged(t: string, tandemId: string): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const row = await store.tandem(t, tandemId);
      const inputs = await inputsOf(t, tandemId);
      if (!inputs) return;
      const agg = tandemAggregates(inputs);
      let committed: Versioned<unknown>;
      try {
        committed = await store.putTandem(t, tandemId, { seq: (row?.value.seq ?? 0) + 1, digest: agg.digest }, row?.etag ?? null);
      } catch (e) {
        if (retriable(e)) continue;
        throw e;
      }
      const previous = row ? [row.value.digest.mentorId, ...row.value.digest.menteeIds] : [];
      const people = [...new Set([...previous, ...agg.members.keys()])];
      await Promise.all(people.map((p) => landMember(t, tandemId, p, agg.members.get(p) ?? null)));
      if ((await store.tandem(t, tandemId))?.etag === committed.etag) return;
    }
    throw new TandemError("unavailable", "The reports could not keep up with this tandem's changes; a rebuild will catch up.");
  }

  async function profileChanged(t: string, personId: string): Promise<void> {
    const { key, base } = await placeOf(t, personId);
    // The row is read before the profile: a refresh that read an older profile then finds the row changed (412).
    await settle(
      () => store.person(t, key),
      async (current) => {
        const profile = await repos.profiles.get(t, personId);
        await writePerson(t, key, current, withProfile(current?.value ?? null, personId, base, profile ? profileFacts(profile.value) : null));
      },
    );
  }

  /** Moves a person's rows from one key to another; what already sits at the new key (written meanwhile) wins. */
  async function move(t: string, personId: string, from: string, to: string, base: PersonBase) {
    const old = await store.person(t, from);
    if (!old) return;
    const months = [...new Set(Object.values(old.value.tandems).flatMap((l) => l.months))];
    await mapLimit(months, 8, async (m) => {
      const row = await store.month(t, m, from);
      if (!row) return;
      await settle(
        () => store.month(t, m, to),
        async (current) => {
          const merged: MonthRow = { personId, entries: { ...row.value.entries, ...(current?.value.entries ?? {}) } };
          await store.putMonth(t, m, to, merged, current?.etag ?? null);
        },
      );
      await store.deleteMonth(t, m, from, "*").catch((e) => {
        if (!(e instanceof TandemError && e.code === "not_found")) throw e;
      });
    });
    await settle(
      () => store.person(t, to),
      async (current) => {
        const merged: PersonRow = {
          ...old.value,
          ...base,
          profile: current?.value.profile ?? old.value.profile,
          tandems: { ...old.value.tandems, ...(current?.value.tandems ?? {}) },
        };
        await store.putPerson(t, to, merged, current?.etag ?? null);
      },
    );
    await store.deletePerson(t, from, "*").catch((e) => {
      if (!(e instanceof TandemError && e.code === "not_found")) throw e;
    });
  }

  async function placed(t: string, moves: { id: string; oldPath: string | null; newPath: string }[]): Promise<void> {
    if (moves.length === 0) return;
    // Whoever reports know without a place: one range query, rather than a read for every newcomer.
    const unplaced = new Set((await store.people(t, "unplaced")).map((r) => r.row.personId));
    await mapLimit(moves, 8, async (m) => {
      const from = m.oldPath ?? (unplaced.has(m.id) ? unplacedKey(m.id) : null);
      if (from === null) return;
      const person = await directory.person(t, m.id);
      const base = person ? { displayName: person.displayName, department: person.department } : nobody;
      if (from !== m.newPath) return move(t, m.id, from, m.newPath, base);
      // The same place: their name or department may have changed.
      await settle(
        () => store.person(t, m.newPath),
        async (current) => {
          if (!current) return;
          const next = withBase(current.value, base);
          if (next !== "same") await store.putPerson(t, m.newPath, next, current.etag);
        },
      );
    });
  }

  /** What is stored, keyed by person as the recomputation is; a person found under another key than theirs is a difference. */
  async function storedOf(t: string, keyOf: Map<string, string>): Promise<{ stored: AggregateStore; misplaced: AggregateDifference[] }> {
    const [people, tandems, months] = await Promise.all([store.people(t, "all"), store.tandems(t), store.allMonths(t)]);
    const stored = emptyStore();
    const misplaced: AggregateDifference[] = [];
    const where = (personId: string, key: string, month: string | null) => {
      if (keyOf.get(personId) === key) return true;
      misplaced.push({ kind: month ? "month" : "person", personId, tandemId: null, month, field: "key", stored: key, expected: keyOf.get(personId) ?? null });
      return false;
    };
    for (const { key, row } of people) if (where(row.personId, key, null)) stored.people.set(row.personId, row);
    for (const r of tandems) stored.tandems.set(r.digest.id, r.digest);
    for (const { month, key, row } of months) {
      if (!where(row.personId, key, month)) continue;
      let m = stored.months.get(month);
      if (!m) stored.months.set(month, (m = new Map()));
      m.set(row.personId, row);
    }
    return { stored, misplaced };
  }

  async function rebuild(t: string): Promise<RebuildReport> {
    const [tandemRows, profiles] = await Promise.all([repos.tandems.listAll(t), repos.profiles.list(t)]);
    const inputs = (await mapLimit(tandemRows, 8, (x) => inputsOf(t, x.value.id))).filter((x): x is TandemInputs => x !== null);
    const ids = new Set([...profiles.map((p) => p.value.id), ...inputs.flatMap((i) => [i.tandem.mentorId, ...i.tandem.menteeIds])]);
    const stored0 = await store.people(t, "all");
    for (const r of stored0) ids.add(r.row.personId);
    const places = new Map(await mapLimit([...ids], 16, async (id) => [id, await placeOf(t, id)] as const));
    const keyOf = new Map([...places].map(([id, p]) => [id, p.key]));
    const baseOf = (id: string) => places.get(id)?.base ?? nobody;
    const expected = recompute({ tandems: inputs, profiles: profiles.map((p) => p.value) }, baseOf);

    const before = await storedOf(t, keyOf);
    const differences = [...before.misplaced, ...compareStores(before.stored, expected)];
    if (differences.length) {
      await land(t, expected, keyOf, inputs.map((i) => i.tandem.id), [...ids]);
    }
    const after = await storedOf(t, keyOf);
    return {
      tandems: inputs.length,
      people: expected.people.size,
      differences,
      remaining: after.misplaced.length + compareStores(after.stored, expected).length,
    };
  }

  /** Lands a recomputation: every tandem and profile refreshed as writes refresh them, then whatever it does not hold removed. */
  async function land(t: string, expected: AggregateStore, keyOf: Map<string, string>, tandemIds: string[], people: string[]) {
    await mapLimit(tandemIds, 4, (id) => tandemChanged(t, id));
    await mapLimit(people, 8, (id) => profileChanged(t, id));
    const [rows, months] = await Promise.all([store.people(t, "all"), store.allMonths(t)]);
    await mapLimit(rows, 8, async ({ key, row }) => {
      const want = expected.people.get(row.personId);
      if (keyOf.get(row.personId) === key && want) {
        // Links of tandems the person no longer counts in.
        for (const tandemId of Object.keys(row.tandems)) {
          if (!want.tandems[tandemId]) {
            await settle(
              () => store.person(t, key),
              async (c) => c && writePerson(t, key, c, withLink(c.value, row.personId, { displayName: c.value.displayName, department: c.value.department }, tandemId, null)),
            );
          }
        }
        return;
      }
      await store.deletePerson(t, key, "*").catch(() => undefined);
    });
    await mapLimit(months, 8, async ({ month, key, row }) => {
      const want = expected.months.get(month)?.get(row.personId);
      if (keyOf.get(row.personId) !== key || !want) {
        await store.deleteMonth(t, month, key, "*").catch(() => undefined);
        return;
      }
      for (const tandemId of Object.keys(row.entries)) {
        if (!want.entries[tandemId]) await setEntry(t, month, key, row.personId, tandemId, null);
      }
    });
  }

  /** The aggregates must never fail the write they follow: the write happened; a rebuild catches up. */
  const guarded =
    <A extends unknown[]>(what: string, f: (...a: A) => Promise<void>) =>
    async (...a: A) => {
      try {
        await f(...a);
      } catch (e) {
        deps.warn(`the report aggregates could not follow ${what}; POST /api/reports/rebuild catches up`, e);
      }
    };

  return {
    tandemChanged: guarded("a change to a tandem", tandemChanged),
    profileChanged: guarded("a change to a profile", profileChanged),
    placed: guarded("the directory's moves", placed),
    rebuild,
  };
}
