import type { StorageJobQueue, HeldMessage } from "../adapters/queues/storage-queue";
import { JOB_MAX_ATTEMPTS, type Jobs } from "../platform/jobs";

/**
 * What the Functions runtime does for a queue-triggered function, for the local host (ADR 0001, ADR 0010): polls the
 * jobs' queue, hands each message to the same `jobs.handle` that functions.ts registers with `app.storageQueue`, keeps
 * it hidden while it runs, deletes it once done, makes it visible again after `retrySeconds` when it throws, and moves
 * it to the poison queue when its last attempt throws.
 */
export interface QueueWorkerOptions {
  queue: StorageJobQueue;
  jobs: Jobs;
  /** How long a message stays hidden from other workers while one runs it; renewed at half of it. */
  visibilitySeconds: number;
  /** How long a failed message waits before its next attempt (host.json `visibilityTimeout`). */
  retrySeconds: number;
  /** Messages run at once. */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface QueueWorker {
  /** Stops polling and waits for the messages under way. */
  stop(): Promise<void>;
}

const IDLE_MIN_MS = 50;
const IDLE_MAX_MS = 1000;

export function startQueueWorker(o: QueueWorkerOptions): QueueWorker {
  const concurrency = o.concurrency ?? 2;
  const running = new Set<Promise<void>>();
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function deliver(m: HeldMessage) {
    let held = m;
    let renewing: Promise<void> = Promise.resolve();
    // The message stays hidden while the job runs, however long it takes; a worker that dies stops renewing it, and
    // the message comes back to another worker once its visibility ends.
    const renew = setInterval(() => {
      renewing = o.queue.hide(held, o.visibilitySeconds).then(
        (popReceipt) => void (held = { ...held, popReceipt }),
        (e: unknown) => o.log?.(`job message ${m.id} could not be kept hidden: ${String(e)}`),
      );
    }, (o.visibilitySeconds * 1000) / 2);
    let failed = false;
    try {
      await o.jobs.handle(m.body, m.dequeueCount);
    } catch {
      failed = true;
    }
    clearInterval(renew);
    // A renewal under way changes the pop receipt that deletes or releases the message.
    await renewing;
    try {
      if (!failed) await o.queue.delete(held);
      else if (m.dequeueCount < JOB_MAX_ATTEMPTS) await o.queue.hide(held, o.retrySeconds);
      else {
        o.log?.(`job message ${m.id} failed its last attempt and goes to ${o.queue.name}-poison`);
        await o.queue.poison(held);
      }
    } catch (e) {
      o.log?.(`job message ${m.id} could not be ${failed ? "released" : "deleted"}: ${String(e)}`);
    }
  }

  const loop = (async () => {
    let idle = IDLE_MIN_MS;
    while (!stopped) {
      const room = concurrency - running.size;
      let got: HeldMessage[] = [];
      if (room > 0) {
        try {
          got = await o.queue.receive(room, o.visibilitySeconds);
        } catch (e) {
          o.log?.(`the jobs' queue could not be read: ${String(e)}`);
        }
      }
      for (const m of got) {
        const p = deliver(m).finally(() => {
          running.delete(p);
          wake?.();
        });
        running.add(p);
      }
      if (got.length) {
        idle = IDLE_MIN_MS;
        continue;
      }
      await sleep(idle);
      idle = Math.min(idle * 2, IDLE_MAX_MS);
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await Promise.all(running);
    },
  };
}
