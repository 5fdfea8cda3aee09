import { z } from "zod";
import { Instant } from "./common";

/**
 * The organisation as Tandem keeps it, synced from Microsoft Entra ID: who reports to whom. Pure rules here; the
 * storage layout (one row per person, one per place in the tree) is the adapter's (ADR 0002).
 */

/** What the sync knows of one person's place: their id, their manager's id, and their short key if they have one. */
export interface DirectoryLink {
  id: string;
  managerId: string | null;
  key: string | null;
}

/** Where a person sits in the tree once the sync has placed everyone. */
export interface Placement {
  /** Short, stable, unique in the tenant: the person's segment of every path below them. */
  key: string;
  /** The keys from the top of the tree down to this person, joined by `|`: a report's path starts with its manager's. */
  path: string;
  /** Their managers, the nearest first, up to the top. */
  chain: string[];
  directReports: number;
}

export const directoryProblemKinds = [
  "manager_cycle",
  "manager_outside_directory",
  "chain_too_deep",
  "no_mail",
  "invalid_user",
] as const;
export const DirectoryProblemKind = z.enum(directoryProblemKinds);
export type DirectoryProblemKind = z.infer<typeof DirectoryProblemKind>;

/** A row the sync kept (or skipped) despite bad data, so that an administrator can fix it in Entra ID. */
export const DirectoryProblem = z.strictObject({
  personId: z.string().max(128),
  kind: DirectoryProblemKind,
  detail: z.string().max(300),
});
export type DirectoryProblem = z.infer<typeof DirectoryProblem>;

/**
 * Paths are row keys (at most 1 KiB, ADR 0002): a chain deeper than this is cut, the person at the cut placed at
 * the top and reported. Real organisations are a dozen levels deep.
 */
export const MAX_CHAIN_DEPTH = 120;

const SEPARATOR = "|";

/** The n-th key: base 36, so that 1.6 million people fit in four characters. */
export const keyOf = (n: number): string => n.toString(36);

/** What lies below a path in the ordering of row keys: every report's path, and nothing else. */
export const belowPath = (path: string): { after: string; before: string } => ({
  after: path + SEPARATOR,
  // "}" is the character right after "|": keys are [0-9a-z], so every report's path sorts before it.
  before: path + "}",
});

/**
 * Places everyone in the tree: a stable key for the newcomers (from `nextKey`), each person's path and chain of
 * managers, and their count of direct reports. Never loops: a cycle in the manager links is cut at its smallest id
 * (that person is placed at the top), a manager who is not in the directory leaves the person at the top, and a
 * chain deeper than MAX_CHAIN_DEPTH is cut; each of these is reported. The same input gives the same output,
 * whatever its order.
 */
export function placeInHierarchy(
  links: Iterable<DirectoryLink>,
  nextKey: () => string,
): { placements: Map<string, Placement>; problems: DirectoryProblem[] } {
  const byId = new Map<string, DirectoryLink>();
  for (const l of links) byId.set(l.id, l);
  const ids = [...byId.keys()].sort();
  const problems: DirectoryProblem[] = [];

  const keys = new Map<string, string>();
  for (const id of ids) {
    const k = byId.get(id)!.key;
    if (k) keys.set(id, k);
  }
  for (const id of ids) if (!keys.has(id)) keys.set(id, nextKey());

  // The manager each person is placed under, after cutting what cannot stand.
  const manager = new Map<string, string | null>();
  for (const id of ids) {
    const m = byId.get(id)!.managerId;
    if (m && m !== id && byId.has(m)) manager.set(id, m);
    else {
      manager.set(id, null);
      if (m && m !== id) problems.push({ personId: id, kind: "manager_outside_directory", detail: `manager ${m} is not in the directory` });
      if (m === id) problems.push({ personId: id, kind: "manager_cycle", detail: "is their own manager" });
    }
  }

  const placements = new Map<string, Placement>();
  const onWalk = new Set<string>();
  for (const start of ids) {
    if (placements.has(start)) continue;
    // Walk up until someone already placed, the top, or a cycle.
    const walk: string[] = [];
    let at: string | null = start;
    while (at !== null && !placements.has(at)) {
      if (onWalk.has(at)) {
        const cycle = walk.slice(walk.indexOf(at));
        const cut = [...cycle].sort()[0]!;
        manager.set(cut, null);
        problems.push({ personId: cut, kind: "manager_cycle", detail: `the managers of ${cycle.length} people form a cycle: ${cycle.slice(0, 5).join(", ")}${cycle.length > 5 ? ", …" : ""}` });
        // Everyone from the cut up the walk is re-walked from the cut, which is now a top.
        walk.length = walk.indexOf(cut) + 1;
        for (const id of cycle) onWalk.delete(id);
        for (const id of walk) onWalk.add(id);
        break;
      }
      onWalk.add(at);
      walk.push(at);
      at = manager.get(at)!;
    }
    for (let i = walk.length - 1; i >= 0; i--) {
      const id = walk[i]!;
      let m: string | null = manager.get(id) ?? null;
      let above = m === null ? null : placements.get(m)!;
      if (above && above.chain.length + 1 >= MAX_CHAIN_DEPTH) {
        problems.push({ personId: id, kind: "chain_too_deep", detail: `more than ${MAX_CHAIN_DEPTH} levels of managers: placed at the top` });
        manager.set(id, null);
        m = null;
        above = null;
      }
      const key = keys.get(id)!;
      placements.set(id, {
        key,
        path: above ? above.path + SEPARATOR + key : key,
        chain: above ? [m!, ...above.chain] : [],
        directReports: 0,
      });
      onWalk.delete(id);
    }
  }
  for (const id of ids) {
    const m = manager.get(id);
    if (m) placements.get(m)!.directReports++;
  }
  return { placements, problems };
}

/** How far the last sync of the directory got, as a coordinator sees it. */
export const DirectorySyncStatus = z
  .strictObject({
    status: z.enum(["never", "running", "done", "failed"]),
    trigger: z.enum(["timer", "coordinator", "start"]).nullable(),
    startedAt: Instant.nullable(),
    finishedAt: Instant.nullable(),
    /** A whole read of the directory, or only what changed since the last sync. */
    full: z.boolean(),
    phase: z.enum(["reading", "organising"]).nullable(),
    /** Pages read from Microsoft Graph, people added or changed, people who left. */
    progress: z.strictObject({
      pages: z.int().min(0),
      changed: z.int().min(0),
      removed: z.int().min(0),
    }),
    /** People in the directory once the sync finished. */
    people: z.int().min(0).nullable(),
    problems: z.array(DirectoryProblem).max(100),
    /** All problems found, including those beyond the first hundred listed. */
    problemCount: z.int().min(0),
    error: z.string().max(500).nullable(),
    lastSuccessAt: Instant.nullable(),
  })
  .meta({ id: "DirectorySyncStatus" });
export type DirectorySyncStatus = z.infer<typeof DirectorySyncStatus>;

/** The sync's own record of a tenant: what the coordinator sees, plus where reading resumes. */
export const DirectorySyncState = z.strictObject({
  runId: z.string().max(64),
  status: z.enum(["running", "done", "failed"]),
  trigger: z.enum(["timer", "coordinator", "start"]),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
  /** A running sync renews this as it goes; past it, another run may take over and resume. */
  leaseUntil: Instant,
  full: z.boolean(),
  phase: z.enum(["reading", "organising"]),
  /** The round of a whole read: people it did not see have left. */
  round: z.string().max(64),
  /** The page where reading resumes; null once every page is read. */
  link: z.string().max(4096).nullable(),
  /** Where the next sync starts (Graph's delta link) once this one finishes; null for a whole read. */
  nextSync: z.string().max(4096).nullable(),
  /** The delta link of this round's last page, kept until the round is organised. */
  pendingNextSync: z.string().max(4096).nullable(),
  progress: z.strictObject({ pages: z.int().min(0), changed: z.int().min(0), removed: z.int().min(0) }),
  people: z.int().min(0).nullable(),
  problems: z.array(DirectoryProblem).max(100),
  problemCount: z.int().min(0),
  error: z.string().max(500).nullable(),
  lastSuccessAt: Instant.nullable(),
  /** The next person's key: keys are never reused in a tenant. */
  keyCounter: z.int().min(0),
});
export type DirectorySyncState = z.infer<typeof DirectorySyncState>;

/** What a coordinator sees of a sync state. */
export const syncStatusOf = (s: DirectorySyncState | null): DirectorySyncStatus =>
  s === null
    ? { status: "never", trigger: null, startedAt: null, finishedAt: null, full: false, phase: null, progress: { pages: 0, changed: 0, removed: 0 }, people: null, problems: [], problemCount: 0, error: null, lastSuccessAt: null }
    : {
        status: s.status,
        trigger: s.trigger,
        startedAt: s.startedAt,
        finishedAt: s.finishedAt,
        full: s.full,
        phase: s.status === "running" ? s.phase : null,
        progress: s.progress,
        people: s.people,
        problems: s.problems,
        problemCount: s.problemCount,
        error: s.error,
        lastSuccessAt: s.lastSuccessAt,
      };
