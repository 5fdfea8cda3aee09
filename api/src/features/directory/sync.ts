import {
  TandemError,
  keyOf,
  placeInHierarchy,
  type Clock,
  type DirectoryLinkRow,
  type DirectoryProblem,
  type DirectorySource,
  type DirectoryStore,
  type DirectorySyncState,
  type IdSource,
  type Placement,
  type Versioned,
} from "@tandem/core";

export interface SyncDeps {
  store: DirectoryStore;
  source: DirectorySource;
  clock: Clock;
  ids: IdSource;
  warn(message: string, error: unknown): void;
  /** Told who was placed where, once their tree rows are written: what is kept by place (report rows) follows them. */
  onPlaced?(tenantId: string, moves: { id: string; oldPath: string | null; newPath: string }[]): Promise<void>;
}

export type SyncTrigger = DirectorySyncState["trigger"];

/** A running sync renews its lease at every page; a sync whose lease ran out (its process died) is resumed by the next. */
const LEASE_MS = 5 * 60_000;
const MAX_PROBLEMS = 100;
/** No organisation has this many pages of users (a page holds at least a hundred): past it, the source is looping. */
const MAX_PAGES = 20_000;

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/**
 * Keeps a tenant's directory in step with Microsoft Entra ID. Two steps:
 * - reading: the pages of Graph's user delta query, each stored as it comes (people merged, leavers marked), the
 *   next page's link saved with it, so that a sync that fails or dies resumes from its last page;
 * - organising: every person's link to their manager read back (link rows only), the tree worked out in memory
 *   (core's placeInHierarchy: cycles cut, chains bounded), and only the people whose place or data changed written.
 * One sync runs at a time per tenant (a lease in the state row, written with its ETag).
 */
export function directorySync(deps: SyncDeps) {
  /** Claims the tenant's sync: a new run, the resumption of one that failed or died, or null when one is running. */
  async function claim(tenantId: string, trigger: SyncTrigger): Promise<Versioned<DirectorySyncState> | null> {
    const now = deps.clock.now();
    const current = await deps.store.state(tenantId);
    const s = current?.value;
    if (s?.status === "running" && s.leaseUntil > now) return null;
    const resume = s && s.status !== "done" && (s.link !== null || s.phase === "organising");
    const next: DirectorySyncState = resume
      ? { ...s, status: "running", trigger, leaseUntil: plus(now, LEASE_MS), error: null, finishedAt: null }
      : {
          runId: deps.ids.next(),
          status: "running",
          trigger,
          startedAt: now,
          finishedAt: null,
          leaseUntil: plus(now, LEASE_MS),
          full: !s?.nextSync,
          phase: "reading",
          round: deps.ids.next(),
          link: s?.nextSync ?? null,
          nextSync: s?.nextSync ?? null,
          pendingNextSync: null,
          progress: { pages: 0, changed: 0, removed: 0 },
          people: s?.people ?? null,
          problems: [],
          problemCount: 0,
          error: null,
          lastSuccessAt: s?.lastSuccessAt ?? null,
          keyCounter: s?.keyCounter ?? 0,
        };
    try {
      return await deps.store.saveState(tenantId, next, current?.etag ?? null);
    } catch (e) {
      // Another instance claimed it between our read and our write.
      if (e instanceof TandemError && (e.code === "precondition_failed" || e.code === "conflict")) return null;
      throw e;
    }
  }

  async function read(tenantId: string, held: Versioned<DirectorySyncState>): Promise<Versioned<DirectorySyncState>> {
    let v = held;
    const seen = new Set<string>();
    while (v.value.phase === "reading") {
      const s = v.value;
      if (s.progress.pages >= MAX_PAGES || (s.link !== null && seen.has(s.link))) {
        throw new TandemError("unavailable", "Microsoft Graph kept answering the same directory pages: the sync stopped rather than loop.");
      }
      if (s.link !== null) seen.add(s.link);
      const page = await deps.source.read(tenantId, s.link, s.full);
      if (page === "resync") {
        // The delta link expired: read everyone again; whoever that read does not see has left.
        v = await save(tenantId, v, { full: true, link: null, nextSync: null, round: deps.ids.next() });
        continue;
      }
      await deps.store.apply(tenantId, page.changes, s.round);
      const removed = page.changes.filter((c) => c.kind === "remove").length;
      v = await save(tenantId, v, {
        progress: { pages: s.progress.pages + 1, changed: s.progress.changed + page.changes.length - removed, removed: s.progress.removed + removed },
        ...withProblems(s, page.problems),
        ...("page" in page.next
          ? { link: page.next.page }
          : { link: null, phase: "organising" as const, pendingNextSync: page.next.nextSync }),
      });
    }
    return v;
  }

  async function organise(tenantId: string, held: Versioned<DirectorySyncState>): Promise<Versioned<DirectorySyncState>> {
    const s = held.value;
    const rows = new Map<string, DirectoryLinkRow>();
    const gone: { id: string; path: string | null }[] = [];
    for await (const r of deps.store.links(tenantId)) {
      // After a whole read, whoever it did not see has left the organisation.
      if (r.removed || (s.full && r.round !== s.round)) gone.push({ id: r.id, path: r.path });
      else rows.set(r.id, r);
    }
    let counter = s.keyCounter;
    const { placements, problems } = placeInHierarchy(
      [...rows.values()].map((r) => ({ id: r.id, managerId: r.managerId, key: r.key })),
      () => keyOf(counter++),
    );
    const moves: { id: string; placement: Placement; oldPath: string | null }[] = [];
    for (const [id, placement] of placements) {
      const r = rows.get(id)!;
      if (r.pending || r.path !== placement.path || r.directReports !== placement.directReports) {
        moves.push({ id, placement, oldPath: r.path });
      }
    }
    // Keys are saved before they are used, so that a sync cut short never hands one key to two people.
    let v = await save(tenantId, held, { keyCounter: counter });
    await deps.store.place(tenantId, moves);
    await deps.onPlaced?.(tenantId, moves.map((m) => ({ id: m.id, oldPath: m.oldPath, newPath: m.placement.path })));
    await deps.store.remove(tenantId, gone);
    const now = deps.clock.now();
    const { progress } = v.value;
    v = await save(tenantId, v, {
      status: "done",
      finishedAt: now,
      lastSuccessAt: now,
      link: null,
      nextSync: s.pendingNextSync,
      pendingNextSync: null,
      people: placements.size,
      progress: { ...progress, removed: Math.max(progress.removed, gone.length) },
      ...withProblems(v.value, problems),
    });
    return v;
  }

  async function save(tenantId: string, v: Versioned<DirectorySyncState>, change: Partial<DirectorySyncState>) {
    const next = { ...v.value, ...change, leaseUntil: plus(deps.clock.now(), LEASE_MS) };
    return deps.store.saveState(tenantId, next, v.etag);
  }

  async function run(tenantId: string, held: Versioned<DirectorySyncState>): Promise<DirectorySyncState> {
    let v = held;
    try {
      v = await read(tenantId, v);
      v = await organise(tenantId, v);
      return v.value;
    } catch (e) {
      const message = e instanceof TandemError ? e.message : "The directory sync failed unexpectedly.";
      if (!(e instanceof TandemError)) deps.warn("directory sync failed", e);
      try {
        // The link stays: the next sync resumes from the page that failed.
        const latest = (await deps.store.state(tenantId)) ?? v;
        if (latest.value.runId === v.value.runId) {
          return (await save(tenantId, latest, { status: "failed", finishedAt: deps.clock.now(), error: message.slice(0, 500) })).value;
        }
      } catch (x) {
        deps.warn("directory sync could not record its failure", x);
      }
      return { ...v.value, status: "failed", error: message.slice(0, 500) };
    }
  }

  return {
    /** Runs a sync to its end (the timer, `npm start`, tests). Null when another one is running. */
    async sync(tenantId: string, trigger: SyncTrigger): Promise<DirectorySyncState | null> {
      const held = await claim(tenantId, trigger);
      return held ? run(tenantId, held) : null;
    },
    /** Starts a sync and answers at once with its state (the coordinator's request); the running one if any. */
    async start(tenantId: string, trigger: SyncTrigger): Promise<DirectorySyncState> {
      const held = await claim(tenantId, trigger);
      if (!held) {
        const current = await deps.store.state(tenantId);
        if (!current) throw new TandemError("unavailable", "The directory sync could not start. Try again in a moment.");
        return current.value;
      }
      void run(tenantId, held);
      return held.value;
    },
    async status(tenantId: string): Promise<DirectorySyncState | null> {
      return (await deps.store.state(tenantId))?.value ?? null;
    },
  };
}

export type DirectorySync = ReturnType<typeof directorySync>;

function withProblems(s: DirectorySyncState, found: DirectoryProblem[]): Pick<DirectorySyncState, "problems" | "problemCount"> {
  if (found.length === 0) return { problems: s.problems, problemCount: s.problemCount };
  return {
    problems: [...s.problems, ...found].slice(0, MAX_PROBLEMS),
    problemCount: s.problemCount + found.length,
  };
}
