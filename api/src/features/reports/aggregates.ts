import {
  TandemError,
  compareStores,
  emptyStore,
  profileFacts,
  recompute,
  withBase,
  withLink,
  withProfile,
  type AggregateDifference,
  type AggregateUpdater,
  type RebuildReport,
  type AggregateStore,
  type Directory,
  type MonthRow,
  type PersonBase,
  type PersonRow,
  type ReportStore,
  type Repositories,
  type TandemInputs,
} from "@tandem/core";
import { mapLimit } from "../../platform/deps";
import { unplacedKey } from "../../adapters/tables/reports";
import { nobody, settle, tandemRefresh } from "./refresh";

/**
 * The one updater of the report aggregates. Services call it after each write that changes what reports count (a
 * session, a goal, a check-in, a tandem's lifecycle, a profile); the directory sync calls it when people move in
 * the tree. It never takes what changed from the caller: it reads the tandem (or the profile) again and lands its
 * whole contribution, so a retried or late call does no harm.
 *
 * A tandem's refresh and its order are in refresh.ts. A refresh cut short leaves the aggregates behind the raw data
 * until the next write to the tandem (which then lands every month) or a rebuild, which also reports what it found
 * different.
 */
interface UpdaterDeps {
  repos: Repositories;
  directory: Directory;
  store: ReportStore;
  warn(message: string, error: unknown): void;
}

export function reportAggregates(deps: UpdaterDeps): AggregateUpdater {
  const { repos, directory, store } = deps;
  const { placeOf, inputsOf, setEntry, writePerson, tandemChanged, forget } = tandemRefresh(deps);

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
    // Their tandems' fingerprints name the old key; a person moved there and back again would match them.
    await forget(t, Object.keys(old.value.tandems));
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
    await mapLimit(tandemIds, 4, (id) => tandemChanged(t, id, true));
    // What is removed below was landed by no refresh's fingerprints' account: those tandems land everything next time.
    const removed: string[] = [];
    await mapLimit(people, 8, (id) => profileChanged(t, id));
    const [rows, months] = await Promise.all([store.people(t, "all"), store.allMonths(t)]);
    await mapLimit(rows, 8, async ({ key, row }) => {
      const want = expected.people.get(row.personId);
      if (keyOf.get(row.personId) === key && want) {
        // Links of tandems the person no longer counts in.
        for (const tandemId of Object.keys(row.tandems)) {
          if (!want.tandems[tandemId]) {
            removed.push(tandemId);
            await settle(
              () => store.person(t, key),
              async (c) => c && writePerson(t, key, c, withLink(c.value, row.personId, { displayName: c.value.displayName, department: c.value.department }, tandemId, null)),
            );
          }
        }
        return;
      }
      removed.push(...Object.keys(row.tandems));
      await store.deletePerson(t, key, "*").catch(() => undefined);
    });
    await mapLimit(months, 8, async ({ month, key, row }) => {
      const want = expected.months.get(month)?.get(row.personId);
      if (keyOf.get(row.personId) !== key || !want) {
        removed.push(...Object.keys(row.entries));
        await store.deleteMonth(t, month, key, "*").catch(() => undefined);
        return;
      }
      for (const tandemId of Object.keys(row.entries)) {
        if (want.entries[tandemId]) continue;
        removed.push(tandemId);
        await setEntry(t, month, key, row.personId, tandemId, null);
      }
    });
    await forget(t, removed);
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
    tandemChanged: oneAtATime(guarded("a change to a tandem", (t: string, id: string) => tandemChanged(t, id))),
    profileChanged: guarded("a change to a profile", profileChanged),
    placed: guarded("the directory's moves", placed),
    rebuild,
  };
}

/**
 * One refresh of a tandem at a time in this process; the calls made while one runs share a single run after it,
 * which reads after all their writes. Concurrent refreshes of one tandem are correct (its row orders them) but each
 * one overtaken starts over: under load, check-ins on one tandem made them pile up (seconds per check-in).
 */
function oneAtATime(refresh: (t: string, id: string) => Promise<void>): (t: string, id: string) => Promise<void> {
  const chains = new Map<string, { tail: Promise<void>; waiting: Promise<void> | null }>();
  return (t, id) => {
    const key = `${t}|${id}`;
    let chain = chains.get(key);
    if (chain?.waiting) return chain.waiting;
    if (!chain) chains.set(key, (chain = { tail: Promise.resolve(), waiting: null }));
    const c = chain;
    const run: Promise<void> = c.tail.then(() => {
      if (c.waiting === run) c.waiting = null;
      return refresh(t, id);
    });
    c.waiting = run;
    const tail = run.catch(() => undefined);
    c.tail = tail;
    void tail.then(() => {
      if (c.tail === tail) chains.delete(key);
    });
    return run;
  };
}
