import type { AggregateUpdater, Calendar, Clock, Directory, IdSource, JobQueue, ReportStore, Repositories } from "@tandem/core";
import type { Caller } from "./auth";
import type { HttpOptions } from "./http";

/** What the services get: chosen once at start-up (app.ts), never inside a handler. */
export interface Deps {
  repos: Repositories;
  /** A cheap call that proves storage answers (health). */
  pingStorage(): Promise<void>;
  directory: Directory;
  /** The report aggregates: where they are kept, and the one updater every write that changes them calls. */
  reports: ReportStore;
  aggregates: AggregateUpdater;
  /** Reports hide figures about fewer people than this (configured, never below 5). */
  minGroupSize: number;
  clock: Clock;
  ids: IdSource;
  /** Where long work goes to run as a job (ADR 0010): the queue a queue-triggered function, or the local worker, reads. */
  jobs: JobQueue;
  /** The caller's own calendar (Microsoft Graph, or the simulator), reached on their behalf, per request. */
  calendarFor(caller: Caller): Calendar;
  /** How long a meeting Tandem booked may have no session before the orphan sweep cancels it (ADR 0006). */
  orphanGraceMs: number;
  /**
   * Problems worth an operator's eye that do not fail the request (a reconciliation that could not run); with a null
   * error, a line that reports no failure (an orphan meeting cancelled).
   */
  warn(message: string, error: unknown): void;
}

export interface FeatureContext {
  deps: Deps;
  http: HttpOptions;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };
export const randomIds: IdSource = { next: () => crypto.randomUUID() };

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
