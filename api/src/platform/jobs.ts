import { z } from "zod";
import { TandemError, type JobMessage } from "@tandem/core";

/**
 * How many times a job's message is handed out before it is given up: host.json's `extensions.queues.maxDequeueCount`
 * says the same to the Functions runtime, which then moves the message to `<queue>-poison`; the local worker does too.
 */
export const JOB_MAX_ATTEMPTS = 5;

export interface JobAttempt {
  /** 1 for the first delivery (the queue's dequeue count). */
  number: number;
  /** No retry follows if this one throws: the job is then given up, and `failed` says why. */
  last: boolean;
}

/**
 * One kind of job (ADR 0010, "Jobs"). `run` must be idempotent: a queue delivers a message at least once, so the same
 * message may come twice, even at once. It throws to be retried later; what can never succeed (a run whose cycle is
 * gone) it records itself and returns.
 */
export interface JobKind<P extends JobMessage> {
  payload: z.ZodType<P>;
  run(payload: P, attempt: JobAttempt): Promise<void>;
  /** The last attempt failed: record the reason where people look (the job's own row). */
  failed(payload: P, reason: string): Promise<void>;
}

const JobHeader = z.looseObject({ kind: z.string(), tenantId: z.string() });

/** Words for a reason people read: the error's own when it is ours, never an internal message. */
export const reasonOf = (e: unknown) => (e instanceof TandemError ? e.message : "An unexpected error stopped it (the api's log has the details).");

/** The job kinds, and the one delivery logic that the queue trigger (Azure) and the local worker share. */
export function createJobs(warn: (message: string, error: unknown) => void) {
  const kinds = new Map<string, JobKind<JobMessage>>();
  return {
    define<P extends JobMessage>(kind: string, job: JobKind<P>) {
      kinds.set(kind, job as unknown as JobKind<JobMessage>);
    },
    /** One delivery of a message. Throws when the job should be tried again (or, on the last attempt, poisoned). */
    async handle(body: unknown, dequeueCount: number): Promise<void> {
      let raw = body;
      if (typeof raw === "string") {
        try {
          raw = JSON.parse(raw);
        } catch {
          // Left as it is: refused below.
        }
      }
      const header = JobHeader.safeParse(raw);
      const job = header.success ? kinds.get(header.data.kind) : undefined;
      const payload = job?.payload.safeParse(raw);
      // A message no job understands will not be understood by a retry either: said once, and dropped.
      if (!job || !payload?.success) {
        warn("a job message no job understands was dropped", JSON.stringify(raw)?.slice(0, 300));
        return;
      }
      const attempt = { number: dequeueCount, last: dequeueCount >= JOB_MAX_ATTEMPTS };
      try {
        await job.run(payload.data, attempt);
      } catch (e) {
        if (!(e instanceof TandemError)) warn(`job ${header.data!.kind} failed (attempt ${dequeueCount} of ${JOB_MAX_ATTEMPTS})`, e);
        if (attempt.last) {
          await job.failed(payload.data, reasonOf(e)).catch((x: unknown) => warn("a job given up could not record why", x));
        }
        throw e;
      }
    },
  };
}

export type Jobs = ReturnType<typeof createJobs>;
