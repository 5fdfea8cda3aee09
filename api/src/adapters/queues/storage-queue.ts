import { QueueServiceClient, type QueueClient, type StoragePipelineOptions } from "@azure/storage-queue";
import type { TokenCredential } from "@azure/identity";
import type { JobMessage, JobQueue } from "@tandem/core";
import { noAnswer, timedOut } from "../tables/store";

/**
 * The one place that talks to Azure Queue Storage (or Azurite's queue service): the jobs' queue and its poison queue,
 * named as the Functions runtime names it (`<queue>-poison`). Messages are JSON in base64, the encoding a
 * queue-triggered function decodes by default (host.json `messageEncoding`).
 */
export type QueueTarget = ({ connectionString: string } | { queueServiceUrl: string; credential: TokenCredential }) & {
  /** How long one queue call may take (STORAGE_TIMEOUT_SECONDS), as for tables. */
  deadlineMs?: number;
};

/** A message as a worker holds it: its body, how many times it was handed out, and what deletes or updates it. */
export interface HeldMessage {
  id: string;
  popReceipt: string;
  dequeueCount: number;
  body: unknown;
  /** The message as it was sent, to move it to the poison queue unchanged. */
  text: string;
}

export interface StorageJobQueue extends JobQueue {
  name: string;
  ensure(): Promise<void>;
  /** Up to `max` messages, each hidden from other workers for `visibilitySeconds`. */
  receive(max: number, visibilitySeconds: number): Promise<HeldMessage[]>;
  /** Hides a held message for `seconds` more (0: visible again at once); answers its new pop receipt. */
  hide(m: HeldMessage, seconds: number): Promise<string>;
  delete(m: HeldMessage): Promise<void>;
  /** Moves a message that failed its last attempt to the poison queue, as the Functions runtime does. */
  poison(m: HeldMessage): Promise<void>;
  /** What the poison queue holds (operators, tests), without taking it. */
  poisoned(): Promise<unknown[]>;
  /** About how many messages wait or run (the service's approximate count, hidden ones included). */
  pending(): Promise<number>;
}

const encode = (text: string) => Buffer.from(text, "utf8").toString("base64");
const decode = (text: string) => Buffer.from(text, "base64").toString("utf8");
const parse = (text: string): unknown => {
  try {
    return JSON.parse(decode(text));
  } catch {
    return text;
  }
};

export function createStorageJobQueue(target: QueueTarget, name: string): StorageJobQueue {
  const options: StoragePipelineOptions = { retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000 } };
  const service =
    "connectionString" in target
      ? QueueServiceClient.fromConnectionString(target.connectionString, options)
      : new QueueServiceClient(target.queueServiceUrl, target.credential, options);
  const queue = service.getQueueClient(name);
  const poisonQueue = service.getQueueClient(`${name}-poison`);
  // Each call gets the same deadline as a table call: a stalled storage must not hold a request or a worker forever.
  const call = async <T>(fn: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> => {
    try {
      return await fn(target.deadlineMs ? AbortSignal.timeout(target.deadlineMs) : undefined);
    } catch (e) {
      if (timedOut(e) || (e instanceof Error && e.name === "TimeoutError")) throw noAnswer();
      throw e;
    }
  };
  const create = (q: QueueClient) => call((abortSignal) => q.createIfNotExists({ abortSignal }));
  return {
    name,
    async ensure() {
      await Promise.all([create(queue), create(poisonQueue)]);
    },
    async enqueue(message: JobMessage) {
      await call((abortSignal) => queue.sendMessage(encode(JSON.stringify(message)), { abortSignal }));
    },
    async receive(max, visibilitySeconds) {
      const r = await call((abortSignal) => queue.receiveMessages({ numberOfMessages: max, visibilityTimeout: visibilitySeconds, abortSignal }));
      return r.receivedMessageItems.map((m) => ({ id: m.messageId, popReceipt: m.popReceipt, dequeueCount: m.dequeueCount, body: parse(m.messageText), text: m.messageText }));
    },
    async hide(m, seconds) {
      const r = await call((abortSignal) => queue.updateMessage(m.id, m.popReceipt, undefined, seconds, { abortSignal }));
      return r.popReceipt!;
    },
    async delete(m) {
      await call((abortSignal) => queue.deleteMessage(m.id, m.popReceipt, { abortSignal }));
    },
    async poison(m) {
      await call((abortSignal) => poisonQueue.sendMessage(m.text, { abortSignal }));
      await call((abortSignal) => queue.deleteMessage(m.id, m.popReceipt, { abortSignal }));
    },
    async poisoned() {
      const r = await call((abortSignal) => poisonQueue.peekMessages({ numberOfMessages: 32, abortSignal }));
      return r.peekedMessageItems.map((m) => parse(m.messageText));
    },
    async pending() {
      return (await call((abortSignal) => queue.getProperties({ abortSignal }))).approximateMessagesCount ?? 0;
    },
  };
}
