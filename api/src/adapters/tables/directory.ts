import { RestError, odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import {
  DirectoryPerson,
  DirectorySyncState,
  TandemError,
  belowPath,
  locales,
  type Directory,
  type DirectoryChange,
  type DirectoryLinkRow,
  type DirectoryStore,
  type Locale,
  type Placed,
  type Placement,
} from "@tandem/core";
import { mapLimit } from "../../platform/deps";
import { noAnswer, tableClient, timedOut, type StorageTarget } from "./store";

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
const SYNC = "sync";
const STATE = "state";
const TENANTS = "tenants";
/** The table service's limit for one entity-group transaction. */
const BATCH = 100;
/** Transactions in flight at once: enough to keep storage busy without queueing behind each other. */
const IN_FLIGHT = 4;
/** Below this many moves, whole rows are point-read; above it, the person partitions are read once, page by page. */
const POINT_READS_UP_TO = 500;
/** The person rows' partitions: a tenant of 50,000 people puts about 1,600 in each. Changing it moves every row. */
export const PERSON_BUCKETS = 32;
/** The tree's partitions, and the depth whose keys choose a row's: a team below that depth is in one partition. */
export const TREE_BUCKETS = 16;
export const TREE_DEPTH = 4;
/**
 * The layout the state row was written with: a state written before it (one partition per tenant) reads as never
 * synced to a delta link, so the next sync reads everyone again into this layout.
 */
const LAYOUT = 2;

/** FNV-1a, 32 bits: stable across processes and versions, which a layout keyed by it needs. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const bucketKey = (t: string, b: number) => `${t}|${String(b).padStart(2, "0")}`;

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

const personPartitions = (t: string): string[] => Array.from({ length: PERSON_BUCKETS }, (_, b) => bucketKey(t, b));

const PERSON_FIELDS = ["displayName", "mail", "jobTitle", "department", "officeLocation", "timeZone", "preferredLanguage"] as const;
const LINK_FIELDS = ["RowKey", "managerId", "key", "path", "directReports", "pending", "removed", "round"];

type Row = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const orNull = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

function personOf(row: Record<string, unknown>): DirectoryPerson {
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

function failed(e: unknown): never {
  if (e instanceof TandemError) throw e;
  if (timedOut(e)) throw noAnswer();
  if (e instanceof RestError && e.statusCode === 412) throw new TandemError("precondition_failed", "The directory sync state was changed elsewhere.");
  if (e instanceof RestError && e.statusCode === 409) throw new TandemError("conflict", "It already exists.");
  const why = e instanceof RestError ? (e.statusCode ?? e.code ?? "no answer") : e instanceof Error ? e.name : "no answer";
  throw new TandemError("unavailable", `Storage is not answering (${why}). Try again in a moment.`);
}

/** Transactions of at most 100 items, each of one partition. */
function inBatches<T>(items: T[], partitionOf: (item: T) => string): T[][] {
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

const notFound = (e: unknown) => e instanceof RestError && e.statusCode === 404;

export interface TableDirectory extends Directory, DirectoryStore {
  /** Creates the tables if they do not exist yet. */
  ensureTable(): Promise<void>;
}

export function createTableDirectory(target: StorageTarget, prefix: string): TableDirectory {
  const client: TableClient = tableClient(target, `${prefix}Directory`);
  const tree: TableClient = tableClient(target, `${prefix}DirectoryTree`);

  async function row(t: string, id: string): Promise<Row | null> {
    try {
      const r = await client.getEntity<Record<string, unknown>>(personPartition(t, id), id);
      return r.removed === true ? null : r;
    } catch (e) {
      if (notFound(e)) return null;
      failed(e);
    }
  }

  /** Submits actions in transactions of at most 100 of one partition each, a few at once. */
  async function submit(table: TableClient, actions: TransactionAction[]): Promise<void> {
    const batches = inBatches(actions, (a) => a[1].partitionKey);
    await mapLimit(batches, IN_FLIGHT, async (b) => {
      try {
        await table.submitTransaction(b);
      } catch (e) {
        failed(e);
      }
    });
  }

  /** Deletes rows that may already be gone (a sync that resumes redoes its last step): one missing row fails a whole transaction, so retry those one by one. */
  async function deleteAll(table: TableClient, rows: { partitionKey: string; rowKey: string }[]): Promise<void> {
    const batches = inBatches(rows, (r) => r.partitionKey);
    await mapLimit(batches, IN_FLIGHT, async (b) => {
      try {
        await table.submitTransaction(b.map((r) => ["delete", r]));
      } catch (e) {
        if (!(e instanceof RestError) || (e.statusCode !== 404 && e.statusCode !== 400)) failed(e);
        await mapLimit(b, 8, async (r) => {
          try {
            await table.deleteEntity(r.partitionKey, r.rowKey);
          } catch (x) {
            if (!notFound(x)) failed(x);
          }
        });
      }
    });
  }

  /** Writes one chunk of moves: tree rows first, then the old ones removed, the person rows last, so a sync cut anywhere redoes what is left. */
  async function placeChunk(t: string, moves: { id: string; placement: Placement; oldPath: string | null }[], rows: Map<string, Row>) {
    const present = moves.filter((m) => rows.has(m.id));
    await submit(
      tree,
      present.map((m) => ["upsert", { partitionKey: treePartition(t, m.placement.path), rowKey: m.placement.path, d: JSON.stringify(personOf(rows.get(m.id)!)) }, "Replace"]),
    );
    await deleteAll(
      tree,
      present.filter((m) => m.oldPath && m.oldPath !== m.placement.path).map((m) => ({ partitionKey: treePartition(t, m.oldPath!), rowKey: m.oldPath! })),
    );
    await submit(
      client,
      present.map((m) => [
        "upsert",
        {
          partitionKey: personPartition(t, m.id),
          rowKey: m.id,
          key: m.placement.key,
          path: m.placement.path,
          chain: JSON.stringify(m.placement.chain),
          directReports: m.placement.directReports,
          pending: false,
        },
        "Merge",
      ]),
    );
  }

  async function team(t: string, managerId: string): Promise<{ path: string; reports: Placed[] } | null> {
    const manager = await row(t, managerId);
    const path = str(manager?.path);
    if (!path) return null;
    const { after, before } = belowPath(path);
    const parts = await Promise.all(
      teamPartitions(t, path).map(async (pk) => {
        const found: Placed[] = [];
        try {
          const rows = tree.listEntities<{ d: string }>({
            queryOptions: { filter: odata`PartitionKey eq ${pk} and RowKey gt ${after} and RowKey lt ${before}`, select: ["RowKey", "d"] },
          });
          for await (const r of rows) found.push({ path: r.rowKey!, person: JSON.parse(r.d) as DirectoryPerson });
        } catch (e) {
          failed(e);
        }
        return found;
      }),
    );
    // In path order, as one partition would give them.
    const reports = parts.length === 1 ? parts[0]! : parts.flat().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { path, reports };
  }

  return {
    async ensureTable() {
      for (const table of [client, tree]) {
        try {
          await table.createTable();
        } catch (e) {
          if (!(e instanceof RestError && e.statusCode === 409)) failed(e);
        }
      }
    },

    async person(t, id) {
      const r = await row(t, id);
      return r ? personOf(r) : null;
    },

    async reportsOf(t, managerId) {
      return (await team(t, managerId))?.reports.map((r) => r.person) ?? [];
    },

    teamOf: team,

    async placeOf(t, id) {
      const r = await row(t, id);
      const path = str(r?.path);
      return r && path ? { path, person: personOf(r) } : null;
    },

    async managerChainOf(t, id) {
      const r = await row(t, id);
      return r && typeof r.chain === "string" ? (JSON.parse(r.chain) as string[]) : [];
    },

    async everyone(t) {
      // One query per person partition, in parallel; the matching job's read of the whole organisation.
      const parts = await Promise.all(
        personPartitions(t).map(async (pk) => {
          const out: { id: string; displayName: string; department: string; chain: string[] }[] = [];
          try {
            const rows = client.listEntities<Record<string, unknown>>({
              queryOptions: { filter: odata`PartitionKey eq ${pk}`, select: ["RowKey", "displayName", "department", "chain", "removed"] },
            });
            for await (const r of rows) {
              if (r.removed === true) continue;
              out.push({ id: r.rowKey!, displayName: str(r.displayName), department: str(r.department), chain: typeof r.chain === "string" ? (JSON.parse(r.chain) as string[]) : [] });
            }
          } catch (e) {
            failed(e);
          }
          return out;
        }),
      );
      return parts.flat();
    },

    async isManager(t, id) {
      const r = await row(t, id);
      return typeof r?.directReports === "number" && r.directReports > 0;
    },

    async state(t) {
      try {
        const r = await client.getEntity<{ d: string; layout?: number }>(`${t}|${SYNC}`, STATE);
        const value = DirectorySyncState.parse(JSON.parse(r.d));
        return { value: r.layout === LAYOUT ? value : { ...value, nextSync: null, link: null, phase: "reading" }, etag: r.etag };
      } catch (e) {
        if (notFound(e)) return null;
        failed(e);
      }
    },

    async saveState(t, state, ifMatch) {
      const entity = { partitionKey: `${t}|${SYNC}`, rowKey: STATE, d: JSON.stringify(state), layout: LAYOUT };
      try {
        if (ifMatch === null) {
          await client.upsertEntity({ partitionKey: TENANTS, rowKey: t }, "Replace");
          const r = await client.createEntity(entity);
          return { value: state, etag: r.etag! };
        }
        const r = await client.updateEntity(entity, "Replace", { etag: ifMatch });
        return { value: state, etag: r.etag! };
      } catch (e) {
        failed(e);
      }
    },

    async tenants() {
      const out: string[] = [];
      try {
        for await (const r of client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${TENANTS}`, select: ["RowKey"] } })) {
          out.push(r.rowKey!);
        }
      } catch (e) {
        failed(e);
      }
      return out;
    },

    async apply(t, changes, round) {
      // One row a person per transaction: the last change of a page wins, as it would applied in order.
      const last = new Map<string, DirectoryChange>();
      for (const c of changes) {
        last.delete(c.id);
        last.set(c.id, c);
      }
      await submit(
        client,
        [...last.values()].map((c): TransactionAction => {
          const base = { partitionKey: personPartition(t, c.id), rowKey: c.id, round, pending: true };
          if (c.kind === "remove") return ["upsert", { ...base, removed: true }, "Merge"];
          const fields: Record<string, string> = {};
          for (const f of PERSON_FIELDS) if (f in c.fields) fields[f] = c.fields[f] ?? "";
          return ["upsert", { ...base, ...fields, ...(c.managerId !== undefined ? { managerId: c.managerId ?? "" } : {}), removed: false }, "Merge"];
        }),
      );
    },

    async *links(t) {
      try {
        for (const pk of personPartitions(t)) {
          const rows = client.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${pk}`, select: LINK_FIELDS } });
          for await (const r of rows) {
            const link: DirectoryLinkRow = {
              id: r.rowKey!,
              managerId: orNull(r.managerId),
              key: orNull(r.key),
              path: orNull(r.path),
              directReports: typeof r.directReports === "number" ? r.directReports : 0,
              pending: r.pending === true,
              removed: r.removed === true,
              round: orNull(r.round),
            };
            yield link;
          }
        }
      } catch (e) {
        failed(e);
      }
    },

    async place(t, moves) {
      if (moves.length === 0) return;
      if (moves.length <= POINT_READS_UP_TO) {
        for (let i = 0; i < moves.length; i += BATCH) {
          const chunk = moves.slice(i, i + BATCH);
          const rows = new Map<string, Row>();
          await mapLimit(chunk, 16, async (m) => {
            const r = await row(t, m.id);
            if (r) rows.set(m.id, r);
          });
          await placeChunk(t, chunk, rows);
        }
        return;
      }
      // Many moves (a first sync): one pass over each person partition, a page at a time, so memory holds one page.
      const byId = new Map(moves.map((m) => [m.id, m]));
      try {
        for (const pk of personPartitions(t)) {
          const pages = client.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${pk}` } }).byPage({ maxPageSize: 1000 });
          for await (const page of pages) {
            const rows = new Map<string, Row>();
            const chunk: typeof moves = [];
            for (const r of page) {
              const m = byId.get(r.rowKey!);
              if (m && r.removed !== true) {
                rows.set(r.rowKey!, r);
                chunk.push(m);
              }
            }
            await placeChunk(t, chunk, rows);
          }
        }
      } catch (e) {
        failed(e);
      }
    },

    async remove(t, people) {
      await deleteAll(tree, people.filter((p) => p.path).map((p) => ({ partitionKey: treePartition(t, p.path!), rowKey: p.path! })));
      await deleteAll(client, people.map((p) => ({ partitionKey: personPartition(t, p.id), rowKey: p.id })));
    },
  };
}
