import { RestError } from "@azure/data-tables";
import { DirectoryPerson, TandemError, locales, type Locale } from "@tandem/core";
import { noAnswer, timedOut } from "./store";

/**
 * The synced organisation (ADR 0002), two tables:
 *   Directory      PK tenant|bucket   RK person id   one row per person: their data as separate properties (so that a
 *                                                    page of changes merges without a read), their manager, and their
 *                                                    place in the tree: key, path, chain of managers, direct reports;
 *                                                    the bucket comes from the id, so a person is one point read
 *                  PK tenant|sync     RK state       the sync's progress
 *                  PK tenants         RK tenant      the tenants the timer syncs
 *   DirectoryTree  PK tenant|bucket   RK path        one row per person at their place in the tree, with their data;
 *                                                    the bucket comes from the path's first TREE_DEPTH keys, so a
 *                                                    manager's reports are one range query below the manager's path
 *                                                    (TREE_BUCKETS of them, in parallel, above that depth)
 * No partition holds a whole organisation: Table Storage serves about 2,000 entities a second per partition, and
 * Azurite scans a partition's rows for every write to it. Empty strings stand for absent values: the table service
 * has no null.
 */
export const SYNC = "sync";
export const STATE = "state";
export const TENANTS = "tenants";
/** The table service's limit for one entity-group transaction. */
export const BATCH = 100;
/** Transactions in flight at once: enough to keep storage busy without queueing behind each other. */
export const IN_FLIGHT = 4;
/** Below this many moves, whole rows are point-read; above it, the person partitions are read once, page by page. */
export const POINT_READS_UP_TO = 500;
/** The person rows' partitions: a tenant of 50,000 people puts about 1,600 in each. Changing it moves every row. */
export const PERSON_BUCKETS = 32;
/** The tree's partitions, and the depth whose keys choose a row's: a team below that depth is in one partition. */
export const TREE_BUCKETS = 16;
export const TREE_DEPTH = 4;
/**
 * The layout the state row was written with: a state written before it (one partition per tenant) reads as never
 * synced to a delta link, so the next sync reads everyone again into this layout.
 */
export const LAYOUT = 2;

/** FNV-1a, 32 bits: stable across processes and versions, which a layout keyed by it needs. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export const bucketKey = (t: string, b: number) => `${t}|${String(b).padStart(2, "0")}`;

/** The partition of a person's row: one of PERSON_BUCKETS, from their id alone. */
export const personPartition = (t: string, id: string): string => bucketKey(t, hash(id) % PERSON_BUCKETS);

/** The partition of a tree row: from the path's first TREE_DEPTH keys, so a manager at that depth or below shares it with their whole team. */
export const treePartition = (t: string, path: string): string => {
  let end = -1;
  for (let i = 0; i < TREE_DEPTH; i++) {
    end = path.indexOf("|", end + 1);
    if (end < 0) break;
  }
  return bucketKey(t, hash(end < 0 ? path : path.slice(0, end)) % TREE_BUCKETS);
};

/** The tree partitions that hold the team below `path`: its own, or every one above TREE_DEPTH. */
export const teamPartitions = (t: string, path: string): string[] =>
  path.split("|").length >= TREE_DEPTH ? [treePartition(t, path)] : Array.from({ length: TREE_BUCKETS }, (_, b) => bucketKey(t, b));

export const personPartitions = (t: string): string[] => Array.from({ length: PERSON_BUCKETS }, (_, b) => bucketKey(t, b));

export const PERSON_FIELDS = ["displayName", "mail", "jobTitle", "department", "officeLocation", "timeZone", "preferredLanguage"] as const;
export const LINK_FIELDS = ["RowKey", "managerId", "key", "path", "directReports", "pending", "removed", "round"];

export type Row = Record<string, unknown>;

export const str = (v: unknown): string => (typeof v === "string" ? v : "");
export const orNull = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export function personOf(row: Record<string, unknown>): DirectoryPerson {
  const language = str(row.preferredLanguage);
  return {
    id: str(row.rowKey ?? row.RowKey),
    displayName: str(row.displayName),
    mail: orNull(row.mail),
    jobTitle: str(row.jobTitle),
    department: str(row.department),
    officeLocation: str(row.officeLocation),
    managerId: orNull(row.managerId),
    timeZone: orNull(row.timeZone),
    preferredLanguage: (locales as readonly string[]).includes(language) ? (language as Locale) : null,
  };
}

export function failed(e: unknown): never {
  if (e instanceof TandemError) throw e;
  if (timedOut(e)) throw noAnswer();
  if (e instanceof RestError && e.statusCode === 412) throw new TandemError("precondition_failed", "The directory sync state was changed elsewhere.");
  if (e instanceof RestError && e.statusCode === 409) throw new TandemError("conflict", "It already exists.");
  const why = e instanceof RestError ? (e.statusCode ?? e.code ?? "no answer") : e instanceof Error ? e.name : "no answer";
  throw new TandemError("unavailable", `Storage is not answering (${why}). Try again in a moment.`);
}

/** Transactions of at most 100 items, each of one partition. */
export function inBatches<T>(items: T[], partitionOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const pk = partitionOf(item);
    const g = groups.get(pk);
    if (g) g.push(item);
    else groups.set(pk, [item]);
  }
  const batches: T[][] = [];
  for (const g of groups.values()) for (let i = 0; i < g.length; i += BATCH) batches.push(g.slice(i, i + BATCH));
  return batches;
}

export const notFound = (e: unknown) => e instanceof RestError && e.statusCode === 404;
