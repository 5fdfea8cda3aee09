import type { TableDirectory } from "./directory";

/** Reads a request path makes of the directory, by person: what the cache keeps. */
const CACHED = ["person", "placeOf", "managerChainOf", "isManager", "teamOf", "reportsOf"] as const;
/** What the directory sync writes with: any of them drops what the cache holds for the tenant. */
const WRITES = ["apply", "place", "remove"] as const;
const KEPT = 20_000;

/**
 * The synced directory as request paths read it, remembered for `ttlMs`: every request reads it (names in a
 * tandem, the caller's manager status, a report's team), while the sync changes it about once a day. A sync in
 * this process drops the tenant's entries at once (reads already under way are not kept); another instance's
 * sync shows here within `ttlMs`. Concurrent reads of one key share one storage call. Failures are not kept.
 */
export function cachedDirectory(inner: TableDirectory, ttlMs: number, now: () => number = Date.now): TableDirectory {
  if (ttlMs <= 0) return inner;
  const entries = new Map<string, { at: number; generation: number; value: Promise<unknown> }>();
  const generations = new Map<string, number>();
  const generationOf = (tenantId: string) => generations.get(tenantId) ?? 0;

  const read =
    (method: (typeof CACHED)[number]) =>
    (tenantId: string, personId: string): Promise<unknown> => {
      const key = `${method}|${tenantId}|${personId}`;
      const generation = generationOf(tenantId);
      const hit = entries.get(key);
      if (hit && hit.generation === generation && now() - hit.at < ttlMs) return hit.value;
      const value = (inner[method] as (t: string, p: string) => Promise<unknown>)(tenantId, personId);
      if (entries.size >= KEPT) entries.delete(entries.keys().next().value!);
      entries.set(key, { at: now(), generation, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    };

  const write =
    (method: (typeof WRITES)[number]) =>
    async (tenantId: string, ...rest: unknown[]): Promise<void> => {
      generations.set(tenantId, generationOf(tenantId) + 1);
      try {
        await (inner[method] as (t: string, ...r: unknown[]) => Promise<void>)(tenantId, ...rest);
      } finally {
        // Reads that started while it wrote may hold the old rows: they are not kept either.
        generations.set(tenantId, generationOf(tenantId) + 1);
      }
    };

  const cached: TableDirectory = Object.create(inner);
  for (const m of CACHED) (cached as unknown as Record<string, unknown>)[m] = read(m);
  for (const m of WRITES) (cached as unknown as Record<string, unknown>)[m] = write(m);
  return cached;
}
