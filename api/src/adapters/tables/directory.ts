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
import { tableClient, type StorageTarget } from "./store";

/**
 * The synced organisation (ADR 0002), two tables:
 *   Directory      PK tenant        RK person id   one row per person: their data as separate properties (so that a
 *                                                  page of changes merges without a read), their manager, and their
 *                                                  place in the tree: key, path, chain of managers, direct reports
 *                  PK tenant|sync   RK state       the sync's progress
 *                  PK tenants       RK tenant      the tenants the timer syncs
 *   DirectoryTree  PK tenant        RK path        one row per person at their place in the tree, with their data: a
 *                                                  manager's reports are one range query, below the manager's path
 * Empty strings stand for absent values: the table service has no null.
 */
const SYNC = "sync";
const STATE = "state";
const TENANTS = "tenants";
/** The table service's limit for one entity-group transaction. */
const BATCH = 100;
/** Transactions in flight at once: enough to keep storage busy without queueing behind each other. */
const IN_FLIGHT = 4;
/** Below this many moves, whole rows are point-read; above it, the partition is read once, page by page. */
const POINT_READS_UP_TO = 500;

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
  if (e instanceof RestError && e.statusCode === 412) throw new TandemError("precondition_failed", "The directory sync state was changed elsewhere.");
  if (e instanceof RestError && e.statusCode === 409) throw new TandemError("conflict", "It already exists.");
  const why = e instanceof RestError ? (e.statusCode ?? e.code ?? "no answer") : e instanceof Error ? e.name : "no answer";
  throw new TandemError("unavailable", `Storage is not answering (${why}). Try again in a moment.`);
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
      const r = await client.getEntity<Record<string, unknown>>(t, id);
      return r.removed === true ? null : r;
    } catch (e) {
      if (notFound(e)) return null;
      failed(e);
    }
  }

  /** Submits actions of one partition in transactions of at most 100, a few at once. */
  async function submit(table: TableClient, actions: TransactionAction[]): Promise<void> {
    const batches: TransactionAction[][] = [];
    for (let i = 0; i < actions.length; i += BATCH) batches.push(actions.slice(i, i + BATCH));
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
    const batches: (typeof rows)[] = [];
    for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));
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
      present.map((m) => ["upsert", { partitionKey: t, rowKey: m.placement.path, d: JSON.stringify(personOf(rows.get(m.id)!)) }, "Replace"]),
    );
    await deleteAll(
      tree,
      present.filter((m) => m.oldPath && m.oldPath !== m.placement.path).map((m) => ({ partitionKey: t, rowKey: m.oldPath! })),
    );
    await submit(
      client,
      present.map((m) => [
        "upsert",
        {
          partitionKey: t,
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
    const reports: Placed[] = [];
    try {
      const rows = tree.listEntities<{ d: string }>({
        queryOptions: { filter: odata`PartitionKey eq ${t} and RowKey gt ${after} and RowKey lt ${before}`, select: ["RowKey", "d"] },
      });
      for await (const r of rows) reports.push({ path: r.rowKey!, person: JSON.parse(r.d) as DirectoryPerson });
    } catch (e) {
      failed(e);
    }
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
      const out: { id: string; displayName: string; department: string; chain: string[] }[] = [];
      try {
        const rows = client.listEntities<Record<string, unknown>>({
          queryOptions: { filter: odata`PartitionKey eq ${t}`, select: ["RowKey", "displayName", "department", "chain", "removed"] },
        });
        for await (const r of rows) {
          if (r.removed === true) continue;
          out.push({ id: r.rowKey!, displayName: str(r.displayName), department: str(r.department), chain: typeof r.chain === "string" ? (JSON.parse(r.chain) as string[]) : [] });
        }
      } catch (e) {
        failed(e);
      }
      return out;
    },

    async isManager(t, id) {
      const r = await row(t, id);
      return typeof r?.directReports === "number" && r.directReports > 0;
    },

    async state(t) {
      try {
        const r = await client.getEntity<{ d: string }>(`${t}|${SYNC}`, STATE);
        return { value: DirectorySyncState.parse(JSON.parse(r.d)), etag: r.etag };
      } catch (e) {
        if (notFound(e)) return null;
        failed(e);
      }
    },

    async saveState(t, state, ifMatch) {
      const entity = { partitionKey: `${t}|${SYNC}`, rowKey: STATE, d: JSON.stringify(state) };
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
          const base = { partitionKey: t, rowKey: c.id, round, pending: true };
          if (c.kind === "remove") return ["upsert", { ...base, removed: true }, "Merge"];
          const fields: Record<string, string> = {};
          for (const f of PERSON_FIELDS) if (f in c.fields) fields[f] = c.fields[f] ?? "";
          return ["upsert", { ...base, ...fields, ...(c.managerId !== undefined ? { managerId: c.managerId ?? "" } : {}), removed: false }, "Merge"];
        }),
      );
    },

    async *links(t) {
      let rows;
      try {
        rows = client.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${t}`, select: LINK_FIELDS } });
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
      // Many moves (a first sync): one pass over the partition, a page at a time, so memory holds one page.
      const byId = new Map(moves.map((m) => [m.id, m]));
      try {
        const pages = client.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${t}` } }).byPage({ maxPageSize: 1000 });
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
      } catch (e) {
        failed(e);
      }
    },

    async remove(t, people) {
      await deleteAll(tree, people.filter((p) => p.path).map((p) => ({ partitionKey: t, rowKey: p.path! })));
      await deleteAll(client, people.map((p) => ({ partitionKey: t, rowKey: p.id })));
    },
  };
}
