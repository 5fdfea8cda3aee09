import { createHash } from "node:crypto";
import {
  TandemError,
  tandemAggregates,
  withEntry,
  withLink,
  type Directory,
  type MemberAggregates,
  type MemberPrint,
  type MonthEntry,
  type PersonBase,
  type PersonRow,
  type ReportStore,
  type Repositories,
  type TandemInputs,
  type TandemRow,
  type Versioned,
} from "@tandem/core";
import { unplacedKey } from "../../adapters/tables/reports";

/**
 * A tandem's refresh (docs/adr/0002, "Reports"). Refreshes of one tandem are ordered by its ReportTandems row: each
 * reads it and the raw data, commits the digest with the next number conditionally on the version read (412: start
 * over), lands the members' rows, then finishes on the row, conditionally again: when another refresh committed
 * meanwhile it starts over, so the last refresh to finish lands data read after every write.
 *
 * The row also says what the rows hold: `landing` lists the refreshes committed and not finished (a refresh cut
 * short stays listed), `landed` what the last one to finish wrote, member by member, as fingerprints. A refresh that
 * finds nobody landing writes only the months (and links) whose fingerprint changed; one that finds anyone listed
 * (or no fingerprints, or a member moved in the tree) reads and lands every month that refresh, the listed ones and
 * the member's stored link name, as a rebuild would. A listed refresh older than LANDING_DEAD_MS is taken as dead:
 * a refresh gives up before it writes past LANDING_GIVE_UP_MS, so none writes that late.
 */
export interface RefreshDeps {
  repos: Repositories;
  directory: Directory;
  store: ReportStore;
}

export const ATTEMPTS = 8;
const LANDING_GIVE_UP_MS = 5 * 60_000;
const LANDING_DEAD_MS = 10 * 60_000;

export const retriable = (e: unknown) =>
  e instanceof TandemError && (e.code === "precondition_failed" || e.code === "conflict" || e.code === "not_found");

/** Read, merge, write conditionally; again when someone else wrote in between. */
export async function settle<T>(read: () => Promise<Versioned<T> | null>, write: (current: Versioned<T> | null) => Promise<unknown>) {
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

export const nobody: PersonBase = { displayName: "", department: "" };

const print = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 16);

function memberPrint(key: string, base: PersonBase, fresh: MemberAggregates | null): MemberPrint {
  const months: Record<string, string> = {};
  for (const [m, entry] of fresh?.months ?? []) months[m] = print(entry);
  return { key, link: print([base, fresh?.link ?? null]), months };
}

export function tandemRefresh(deps: RefreshDeps) {
  const { repos, directory, store } = deps;

  /** Where a person's rows are, and who they are for reports. */
  async function placeOf(t: string, personId: string): Promise<{ key: string; base: PersonBase }> {
    const placed = await directory.placeOf(t, personId);
    return placed
      ? { key: placed.path, base: { displayName: placed.person.displayName, department: placed.person.department } }
      : { key: unplacedKey(personId), base: nobody };
  }

  /** `cycleId`, the tandem's cycle as last digested: read beside the rest rather than after the tandem. */
  async function inputsOf(t: string, tandemId: string, cycleId?: string): Promise<TandemInputs | null> {
    const [tandem, sessions, goals, checkIns, surveys, guessed] = await Promise.all([
      repos.tandems.get(t, tandemId),
      repos.sessions.list(t, tandemId),
      repos.goals.list(t, tandemId),
      repos.checkIns.listForTandem(t, tandemId),
      repos.surveys.listForTandem(t, tandemId),
      cycleId === undefined ? null : repos.cycles.get(t, cycleId),
    ]);
    if (!tandem) return null;
    const cycle = cycleId === tandem.value.cycleId ? guessed : await repos.cycles.get(t, tandem.value.cycleId);
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

  /** A member's link, read, merged and written conditionally. */
  async function setLink(t: string, key: string, base: PersonBase, personId: string, tandemId: string, fresh: MemberAggregates | null) {
    await settle(
      () => store.person(t, key),
      (current) => writePerson(t, key, current, withLink(current?.value ?? null, personId, base, tandemId, fresh?.link ?? null)),
    );
  }

  /**
   * A member's rows, every month: those their stored link lists, those the fresh aggregates have, and `also` (the
   * months other refreshes may have written); their entries first, then their link, which lists the months.
   */
  async function landAll(t: string, tandemId: string, personId: string, place: { key: string; base: PersonBase }, fresh: MemberAggregates | null, also: Iterable<string>) {
    const { key, base } = place;
    await settle(
      () => store.person(t, key),
      async (current) => {
        const before = current?.value.tandems[tandemId]?.months ?? [];
        const months = [...new Set([...before, ...(fresh?.months.keys() ?? []), ...also])];
        await Promise.all(months.map((m) => setEntry(t, m, key, personId, tandemId, fresh?.months.get(m) ?? null)));
        await writePerson(t, key, current, withLink(current?.value ?? null, personId, base, tandemId, fresh?.link ?? null));
      },
    );
  }

  /** A member's rows where their fingerprint changed: the rows are known to hold `was`. */
  async function landChanged(t: string, tandemId: string, personId: string, place: { key: string; base: PersonBase }, fresh: MemberAggregates | null, was: MemberPrint, now: MemberPrint) {
    const months = [...new Set([...Object.keys(was.months), ...Object.keys(now.months)])].filter((m) => was.months[m] !== now.months[m]);
    await Promise.all(months.map((m) => setEntry(t, m, place.key, personId, tandemId, fresh?.months.get(m) ?? null)));
    if (was.link !== now.link) await setLink(t, place.key, place.base, personId, tandemId, fresh);
  }

  /** Refreshes a tandem's aggregates; `full` lands every month whatever the fingerprints say (the rebuild). */
  async function tandemChanged(t: string, tandemId: string, full = false): Promise<void> {
    let overtaken = false;
    let listed: number | null = null; // this refresh's entry in `landing`, from an attempt that was overtaken
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const row = await store.tandem(t, tandemId);
      const inputs = await inputsOf(t, tandemId, row?.value.digest.cycleId);
      if (!inputs) return;
      const agg = tandemAggregates(inputs);
      const landed = row?.value.landed ?? {};
      const landing = row?.value.landing ?? [];
      const previous = row ? [row.value.digest.mentorId, ...row.value.digest.menteeIds] : [];
      const people = [...new Set([...previous, ...Object.keys(landed), ...agg.members.keys()])];
      const places = new Map(await Promise.all(people.map(async (p) => [p, await placeOf(t, p)] as const)));
      const prints = Object.fromEntries(people.map((p) => [p, memberPrint(places.get(p)!.key, places.get(p)!.base, agg.members.get(p) ?? null)]));
      // Trusting the fingerprints needs a row that has them, nobody else landing, and no start over of our own.
      const trusted = !full && !overtaken && row?.value.landed !== undefined && landing.length === 0;
      const started = Date.now(); // a lease on wall time, not the domain's clock: how long this process has been at it
      const seq = (row?.value.seq ?? 0) + 1;
      const mine = { seq, at: started, months: Object.fromEntries(people.map((p) => [p, Object.keys(prints[p]!.months)])) };
      let committed: Versioned<TandemRow>;
      try {
        const alive = landing.filter((l) => l.seq !== listed && started - l.at < LANDING_DEAD_MS);
        committed = await store.putTandem(t, tandemId, { seq, digest: agg.digest, landed: row?.value.landed, landing: [...alive, mine] }, row?.etag ?? null);
      } catch (e) {
        if (retriable(e)) continue;
        throw e;
      }
      const guard = <A extends unknown[]>(f: (...a: A) => Promise<void>) => async (...a: A) => {
        if (Date.now() - started > LANDING_GIVE_UP_MS) throw new TandemError("unavailable", "This refresh took too long; the next one lands everything.");
        await f(...a);
      };
      await Promise.all(
        people.map((p) => {
          const was = landed[p];
          const place = places.get(p)!;
          if (trusted && was && was.key === place.key) return guard(landChanged)(t, tandemId, p, place, agg.members.get(p) ?? null, was, prints[p]!);
          const also = [...Object.keys(was?.months ?? {}), ...landing.flatMap((l) => l.months[p] ?? [])];
          return guard(landAll)(t, tandemId, p, place, agg.members.get(p) ?? null, also);
        }),
      );
      if (await finish(t, tandemId, committed, seq, prints)) return;
      overtaken = true;
      listed = seq;
    }
    throw new TandemError("unavailable", "The reports could not keep up with this tandem's changes; a rebuild will catch up.");
  }

  /** Takes this refresh off the landing list and records what it landed; false when another committed meanwhile. */
  async function finish(t: string, tandemId: string, committed: Versioned<TandemRow>, seq: number, prints: Record<string, MemberPrint>) {
    let current: Versioned<TandemRow> | null = committed;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (!current || current.value.seq !== seq) return false;
      const landing = (current.value.landing ?? []).filter((l) => l.seq !== seq);
      try {
        await store.putTandem(t, tandemId, { seq, digest: current.value.digest, landed: prints, landing }, current.etag);
        return true;
      } catch (e) {
        if (!retriable(e)) throw e;
      }
      current = await store.tandem(t, tandemId);
    }
    return false;
  }

  /**
   * The fingerprints of these tandems are no longer what their rows hold (the rebuild removed rows, or a person's rows
   * moved): forgotten, and the number moved on, so that a refresh landing meanwhile finds itself overtaken and lands
   * everything again rather than record its fingerprints.
   */
  async function forget(t: string, tandemIds: Iterable<string>) {
    for (const tandemId of new Set(tandemIds)) {
      await settle(
        () => store.tandem(t, tandemId),
        async (current) => {
          if (!current) return;
          const { landed: _, ...rest } = current.value;
          await store.putTandem(t, tandemId, { ...rest, seq: rest.seq + 1 }, current.etag);
        },
      );
    }
  }

  return { placeOf, inputsOf, setEntry, writePerson, tandemChanged, forget };
}
