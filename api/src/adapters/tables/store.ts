import { TableClient, TableServiceClient, RestError, odata, type TableServiceClientOptions } from "@azure/data-tables";
import type { TokenCredential } from "@azure/identity";
import type { z } from "zod";
import { TandemError, type IfMatch, type Versioned } from "@tandem/core";

/**
 * The one place that talks to Azure Table Storage (or Cosmos DB for Table, or Azurite).
 * Values are stored as JSON split over string properties, because one string property holds at most 64 KiB
 * while an entity holds 1 MiB; table keys never leave this folder.
 */
const CHUNK = 30_000;
const MAX_CHUNKS = 16;

type Row = Record<string, unknown> & { etag?: string };

export type StorageTarget = ({ connectionString: string } | { accountUrl: string; credential: TokenCredential }) & {
  /**
   * How long one storage call may take, its retries included (STORAGE_TIMEOUT_SECONDS): past it the call is abandoned
   * and the request answers 503. Without it (scripts, benchmarks) a call waits as long as storage does.
   */
  deadlineMs?: number;
};

type AdditionalPolicy = NonNullable<TableServiceClientOptions["additionalPolicies"]>[number];

/**
 * A deadline on the whole call: placed before the retry policy (per call, not per try), it aborts whatever try is
 * under way, and the retry policy does not start another once the call is aborted. A stalled storage answers
 * nothing, not even an error, so without it a request waits as long as the TCP connection lives.
 */
const deadline = (ms: number): AdditionalPolicy => ({
  position: "perCall",
  policy: {
    name: "tandemStorageDeadline",
    async sendRequest(request, next) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), ms);
      const outer = request.abortSignal;
      const follow = () => controller.abort();
      if (outer?.aborted) controller.abort();
      outer?.addEventListener("abort", follow);
      request.abortSignal = controller.signal;
      try {
        return await next(request);
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener("abort", follow);
      }
    },
  },
});

const optionsFor = (target: StorageTarget): TableServiceClientOptions => ({
  retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
  ...(target.deadlineMs ? { additionalPolicies: [deadline(target.deadlineMs)] } : {}),
  ...("connectionString" in target ? { allowInsecureConnection: target.connectionString.includes("http://") } : {}),
});

export function tableClient(target: StorageTarget, table: string): TableClient {
  if ("connectionString" in target) return TableClient.fromConnectionString(target.connectionString, table, optionsFor(target));
  return new TableClient(target.accountUrl, table, target.credential, optionsFor(target));
}

export function serviceClient(target: StorageTarget): TableServiceClient {
  if ("connectionString" in target) return TableServiceClient.fromConnectionString(target.connectionString, optionsFor(target));
  return new TableServiceClient(target.accountUrl, target.credential, optionsFor(target));
}

/** A storage call abandoned at its deadline (or aborted otherwise): no answer came, so what it wrote is unknown. */
export const timedOut = (e: unknown) => e instanceof Error && e.name === "AbortError";

/** 503 for a call that got no answer in time: a write may or may not have happened, and the client is told how to tell. */
export const noAnswer = () =>
  new TandemError(
    "unavailable",
    "Storage did not answer in time. A change you sent may or may not have been saved: read it again, or send it again with the same If-Match or Idempotency-Key, which is safe.",
  );

function encode(value: unknown): Record<string, string> {
  const json = JSON.stringify(value);
  const chunks = Math.max(1, Math.ceil(json.length / CHUNK));
  if (chunks > MAX_CHUNKS) throw new TandemError("payload_too_large", "This item has grown too large to store.");
  const out: Record<string, string> = {};
  for (let i = 0; i < chunks; i++) out[`d${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

function decode(row: Row): unknown {
  let json = "";
  for (let i = 0; typeof row[`d${i}`] === "string"; i++) json += row[`d${i}`] as string;
  return JSON.parse(json);
}

function storageError(e: unknown): never {
  if (e instanceof TandemError) throw e;
  if (timedOut(e)) throw noAnswer();
  if (e instanceof RestError) {
    if (e.statusCode === 412) throw new TandemError("precondition_failed", "It was changed elsewhere: reload and try again.");
    if (e.statusCode === 409) throw new TandemError("conflict", "It already exists.");
    if (e.statusCode === 404) throw new TandemError("not_found", "It was not found.");
    // Storage refusing what we sent is our bug, not an outage: a 503 would have clients retry it forever.
    if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500 && e.statusCode !== 408 && e.statusCode !== 429) throw e;
  }
  throw new TandemError("unavailable", "Storage is not answering. Try again in a moment.");
}

/**
 * Creates rows of one partition in one entity-group transaction: all of them or none (at most 100, the service's
 * limit). Answers each row's etag by row key; a row that already exists fails the whole with "conflict".
 */
export async function createAll(client: TableClient, pk: string, rows: { rk: string; value: unknown }[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  if (rows.length > 100) throw new TandemError("payload_too_large", "At most 100 items can be written together.");
  try {
    const r = await client.submitTransaction(rows.map((row) => ["create", { partitionKey: pk, rowKey: row.rk, ...encode(row.value) }]));
    // Sub-responses come in the order of the requests.
    return new Map(rows.map((row, i) => [row.rk, r.getResponseForEntity(row.rk)?.etag ?? r.subResponses[i]?.etag ?? ""]));
  } catch (e) {
    storageError(e);
  }
}

export class TableStore<T> {
  constructor(
    private readonly client: TableClient,
    private readonly schema: z.ZodType<T>,
  ) {}

  private read(row: Row): Versioned<T> {
    return { value: this.schema.parse(decode(row)), etag: row.etag! };
  }

  async get(pk: string, rk: string): Promise<Versioned<T> | null> {
    try {
      return this.read(await this.client.getEntity<Record<string, unknown>>(pk, rk));
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return null;
      storageError(e);
    }
  }

  /** One partition, optionally a row-key prefix of it: never a table scan. */
  async query(pk: string, rkPrefix?: string): Promise<Versioned<T>[]> {
    const filter = rkPrefix
      ? odata`PartitionKey eq ${pk} and RowKey ge ${rkPrefix} and RowKey lt ${rkPrefix + "\uffff"}`
      : odata`PartitionKey eq ${pk}`;
    try {
      const out: Versioned<T>[] = [];
      for await (const row of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        out.push(this.read(row));
      }
      return out;
    } catch (e) {
      storageError(e);
    }
  }

  /**
   * One partition's rows whose row key is in (after, before), with their keys: one range query, page by page.
   * `trusted`: rows only this api writes, read in bulk for a report, are not checked against the schema again (it
   * was checked when they were written, and is again whenever one is read to be changed).
   */
  async range(pk: string, after: string | null, before: string | null, trusted = false): Promise<(Versioned<T> & { rowKey: string })[]> {
    let filter = odata`PartitionKey eq ${pk}`;
    if (after !== null) filter += ` and ${odata`RowKey gt ${after}`}`;
    if (before !== null) filter += ` and ${odata`RowKey lt ${before}`}`;
    return this.list(filter, trusted);
  }

  /** The rows of every partition whose key is in (after, before): a scan of that span, for jobs only. */
  async scan(after: string, before: string): Promise<(Versioned<T> & { partitionKey: string; rowKey: string })[]> {
    return this.list(odata`PartitionKey gt ${after} and PartitionKey lt ${before}`);
  }

  private async list(filter: string, trusted = false): Promise<(Versioned<T> & { partitionKey: string; rowKey: string })[]> {
    try {
      const out: (Versioned<T> & { partitionKey: string; rowKey: string })[] = [];
      for await (const row of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        const read = trusted ? { value: decode(row) as T, etag: row.etag! } : this.read(row);
        out.push({ ...read, partitionKey: row.partitionKey!, rowKey: row.rowKey! });
      }
      return out;
    } catch (e) {
      storageError(e);
    }
  }

  async create(pk: string, rk: string, value: T): Promise<Versioned<T>> {
    try {
      const r = await this.client.createEntity({ partitionKey: pk, rowKey: rk, ...encode(value) });
      return { value, etag: r.etag! };
    } catch (e) {
      storageError(e);
    }
  }

  /** Replaces only if the stored version still matches: a stale etag writes nothing. */
  async replace(pk: string, rk: string, value: T, ifMatch: IfMatch): Promise<Versioned<T>> {
    try {
      const r = await this.client.updateEntity({ partitionKey: pk, rowKey: rk, ...encode(value) }, "Replace", {
        etag: ifMatch,
      });
      return { value, etag: r.etag! };
    } catch (e) {
      storageError(e);
    }
  }

  /** Creates or replaces, whatever is there. */
  async upsert(pk: string, rk: string, value: T): Promise<void> {
    try {
      await this.client.upsertEntity({ partitionKey: pk, rowKey: rk, ...encode(value) }, "Replace");
    } catch (e) {
      storageError(e);
    }
  }

  async delete(pk: string, rk: string, ifMatch: IfMatch): Promise<void> {
    try {
      await this.client.deleteEntity(pk, rk, { etag: ifMatch });
    } catch (e) {
      storageError(e);
    }
  }
}
