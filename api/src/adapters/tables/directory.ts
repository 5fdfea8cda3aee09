import { RestError, odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import {
  DirectoryPerson,
  DirectorySyncState,
  belowPath,
  type Directory,
  type DirectoryChange,
  type DirectoryLinkRow,
  type DirectoryStore,
  type Placed,
  type Placement,
} from "@tandem/core";
import { mapLimit } from "../../platform/deps";
import {
  SYNC,
  STATE,
  TENANTS,
  BATCH,
  IN_FLIGHT,
  POINT_READS_UP_TO,
  LAYOUT,
  personPartition,
  treePartition,
  teamPartitions,
  personPartitions,
  PERSON_FIELDS,
  LINK_FIELDS,
  str,
  orNull,
  personOf,
  failed,
  inBatches,
  notFound,
  type Row,
} from "./directory-layout";
import { tableClient, type StorageTarget } from "./store";

export { PERSON_BUCKETS, TREE_BUCKETS, TREE_DEPTH, personPartition, teamPartitions, treePartition } from "./directory-layout";

/** The synced organisation in Table Storage (ADR 0002): its rows and partitions are described in directory-layout.ts. */
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
