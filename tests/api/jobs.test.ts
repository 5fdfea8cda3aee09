import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { publicationKeyOf, type MatchingRunView } from "@tandem/core";
import { anotherTenant, castOf, laterCycle, ok, startTestApi, untilPublished, type TestApi, type Who } from "../support/test-api";
import { tableClient } from "../../api/src/adapters/tables/store";
import { tableNames } from "../../api/src/adapters/tables/repositories";
import { JOB_MAX_ATTEMPTS } from "../../api/src/platform/jobs";

/**
 * Long work as jobs (ADR 0010, "Jobs"): a matching run and a publication go through the jobs' queue in Azurite's queue
 * service, run by the local host's worker as the queue trigger runs them in Azure. Publications are written two tandems
 * per message here, so that every publication takes several messages; a failed job is tried again at once.
 */
let api: TestApi;
let coordinator: string;

beforeAll(async () => {
  api = await startTestApi({ env: { JOBS_PUBLICATION_SLICE: "2", JOBS_RETRY_SECONDS: "0" } });
  coordinator = castOf(api.org).coordinator;
});
afterAll(() => api?.close());

const as = (who: Who) => api.as(who);
const app = () => api.running.app;

async function openCycle(who: Who = coordinator) {
  return ok(
    await as(who)("createCycle", {
      body: {
        name: `Cycle ${randomUUID().slice(0, 8)}`,
        ...laterCycle(),
        cadence: { everyWeeks: 2, sessionMinutes: 45 },
        matching: { maxMenteesPerMentor: 3, allowSameDepartment: false, requireCommonLanguage: true, allowCircles: false },
      },
    }),
  );
}

async function until<T>(read: () => Promise<T>, done: (t: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const t = await read();
    if (done(t)) return t;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not happen`);
}

const runOf = async (runId: string, who: Who = coordinator) => ok(await as(who)("getMatchingRun", { params: { runId } }));
const finished = (runId: string, who: Who = coordinator) => until(() => runOf(runId, who), (r) => r.status !== "running", "the run's end");
const drained = () => until(() => app().queue.pending(), (n) => n === 0, "an empty queue");
const tandemsOfCycle = async (cycleId: string) => ok(await as(coordinator)("listTandems", { query: { scope: "all" } })).items.filter((t) => t.cycleId === cycleId);

/** A run of a new cycle, done, with at least `n` proposals. */
async function doneRun(n = 3): Promise<MatchingRunView> {
  const cycle = await openCycle();
  const started = ok(await as(coordinator)("startMatchingRun", { body: { cycleId: cycle.id } }));
  const run = await finished(started.id);
  expect(run.status, run.error ?? "").toBe("done");
  expect(run.proposals.length).toBeGreaterThanOrEqual(n);
  return run;
}

/** Declines what a test published, so that the mentors' places are free again for the next test's cycle. */
async function giveBack(cycleId: string) {
  for (const t of await tandemsOfCycle(cycleId)) {
    if (t.status === "proposed") ok(await as(t.menteeIds[0]!)("transitionTandem", { params: { id: t.id }, body: { action: "decline", reason: "Fin du test." } }));
  }
}

async function expectEachTandemOnce(run: MatchingRunView, tandemIds: string[]) {
  const tandems = await tandemsOfCycle(run.cycleId);
  expect(tandems.map((t) => t.id).sort()).toEqual([...tandemIds].sort());
  expect(tandems).toHaveLength(run.proposals.length);
  for (const t of tandems) expect(t.status).toBe("proposed");
  // A mentee of the run sees their proposal once.
  const mentee = run.proposals[0]!.menteeIds[0]!;
  expect(ok(await as(mentee)("listTandems")).items.filter((t) => t.cycleId === run.cycleId)).toHaveLength(1);
}

describe("a run and a publication through the jobs' queue", () => {
  it("waits in the queue while no worker runs, and completes once one does; a message delivered again changes nothing", async () => {
    await api.running.worker!.stop();
    const cycle = await openCycle();
    const started = await as(coordinator)("startMatchingRun", { body: { cycleId: cycle.id } });
    expect(started.status).toBe(202);
    const runId = ok(started).id;
    // Nothing ran it: the run waits, its message in the queue.
    expect(await runOf(runId)).toMatchObject({ status: "running", progress: 0 });
    expect(await app().queue.pending()).toBe(1);

    api.running.startWorker();
    const run = await finished(runId);
    expect(run.status, run.error ?? "").toBe("done");
    expect(run.progress).toBe(1);

    // The same message again (a queue delivers at least once): the run is as it was.
    await app().queue.enqueue({ kind: "matching.run", tenantId: api.org.tenantId, runId });
    await drained();
    expect(await runOf(runId)).toEqual(run);

    // Its publication: accepted at once, then written message by message.
    await api.running.worker!.stop();
    const accepted = await as(coordinator)("publishMatchingRun", { params: { runId }, idempotencyKey: randomUUID() });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get("location")).toBe(`/api/matching/runs/${runId}`);
    expect(ok(accepted)).toMatchObject({ publishedAt: null, written: 0, error: null });
    expect(await tandemsOfCycle(cycle.id)).toEqual([]);
    expect((await runOf(runId)).publication).toMatchObject({ publishedAt: null, written: 0 });

    api.running.startWorker();
    const publication = await untilPublished(as(coordinator), runId);
    expect(publication.written).toBe(run.proposals.length);
    await expectEachTandemOnce(run, ok(accepted).tandemIds);
    await drained();
    await giveBack(cycle.id);
  });
});

describe("a publication's messages", () => {
  it("delivered twice, even at once, write each tandem once", async () => {
    const run = await doneRun();
    await api.running.worker!.stop();
    const key = randomUUID();
    const accepted = ok(await as(coordinator)("publishMatchingRun", { params: { runId: run.id }, idempotencyKey: key }));
    // The first slice's message, twice more; and the same key sent again, which sends it again too.
    const first = { kind: "matching.publish", tenantId: api.org.tenantId, runId: run.id, key, from: 0 };
    await Promise.all([app().queue.enqueue(first), app().queue.enqueue(first)]);
    expect(ok(await as(coordinator)("publishMatchingRun", { params: { runId: run.id }, idempotencyKey: key })).tandemIds).toEqual(accepted.tandemIds);
    expect(await app().queue.pending()).toBe(4);

    api.running.startWorker();
    await untilPublished(as(coordinator), run.id);
    await drained();
    await expectEachTandemOnce(run, accepted.tandemIds);
    const tandems = await tandemsOfCycle(run.cycleId);
    // Written once: each tandem's history is its one proposal.
    for (const t of tandems) expect(t.history.map((h) => h.action)).toEqual(["propose"]);
    expect((await runOf(run.id)).publication).toMatchObject({ written: run.proposals.length, error: null });
    await giveBack(run.cycleId);
  });

  it("resume after a worker died in the middle: the message it held comes back, and the publication finishes", async () => {
    const run = await doneRun(3);
    await api.running.worker!.stop();
    const accepted = ok(await as(coordinator)("publishMatchingRun", { params: { runId: run.id }, idempotencyKey: randomUUID() }));
    // A worker takes the first message, writes its slice and sends the next, then dies before it deletes the message:
    // hidden for a second, the message comes back to the next worker.
    const [held] = await app().queue.receive(1, 1);
    expect(held!.body).toMatchObject({ kind: "matching.publish", from: 0 });
    await app().jobs.handle(held!.body, held!.dequeueCount);
    const midway = (await runOf(run.id)).publication!;
    expect(midway).toMatchObject({ written: 2, publishedAt: null });
    expect(await tandemsOfCycle(run.cycleId)).toHaveLength(2);

    // A new worker, as after a restart.
    api.running.startWorker();
    const publication = await untilPublished(as(coordinator), run.id);
    expect(publication.written).toBe(run.proposals.length);
    await drained();
    await expectEachTandemOnce(run, accepted.tandemIds);
    await giveBack(run.cycleId);
  });
});

describe("a publication whose request ended before it committed", () => {
  it("reads as stopped once its claim is stale, and another key publishes the run", async () => {
    const run = await doneRun();
    // What a request that died after claiming its key, 11 minutes ago, leaves: a claim, nothing taken, nothing queued.
    const stored = (await app().repos.runs.get(api.org.tenantId, run.id))!;
    const startedAt = new Date(Date.now() - 11 * 60_000).toISOString();
    const claim = { key: randomUUID(), startedAt, publishedAt: null, by: coordinator, tandemIds: [], committed: false, written: 0, error: null };
    await app().repos.runs.put(api.org.tenantId, { ...stored.value, publication: claim }, stored.etag);
    expect((await runOf(run.id)).publication).toMatchObject({ publishedAt: null, error: "The publication stopped before it began (its request ended): publish again." });

    const accepted = await as(coordinator)("publishMatchingRun", { params: { runId: run.id }, idempotencyKey: randomUUID() });
    expect(accepted.status).toBe(202);
    await untilPublished(as(coordinator), run.id);
    await expectEachTandemOnce(run, ok(accepted).tandemIds);
    await giveBack(run.cycleId);
  });
});

describe("a publication committed but never queued", () => {
  it("reads as stalled once it made no progress for the configured time, and the run's key finishes it", async () => {
    const run = await doneRun();
    await api.running.worker!.stop();
    const key = publicationKeyOf(run.id);
    const accepted = ok(await as(coordinator)("publishMatchingRun", { params: { runId: run.id }, idempotencyKey: key }));
    // What an api that stopped between committing the publication and queuing its job leaves: the places taken, the
    // publication committed, no message. The message is taken off the queue, and the last progress put 11 minutes back.
    const [message] = await app().queue.receive(1, 30);
    expect(message!.body).toMatchObject({ kind: "matching.publish", runId: run.id, from: 0 });
    await app().queue.delete(message!);
    const stored = (await app().repos.runs.get(api.org.tenantId, run.id))!;
    expect(stored.value.publication).toMatchObject({ committed: true, written: 0, publishedAt: null });
    // Not stalled before JOBS_PUBLICATION_STALE_MINUTES (10 by default) without progress: under way, as far as anyone can tell.
    const lastMoved = async (minutesAgo: number) => {
      const held = (await app().repos.runs.get(api.org.tenantId, run.id))!;
      const progressAt = new Date(Date.now() - minutesAgo * 60_000).toISOString();
      await app().repos.runs.put(api.org.tenantId, { ...held.value, publication: { ...held.value.publication!, progressAt } }, held.etag);
    };
    expect((await runOf(run.id)).publication).toMatchObject({ stalled: false, error: null });
    await lastMoved(9);
    expect((await runOf(run.id)).publication).toMatchObject({ stalled: false, error: null });
    await lastMoved(11);

    const seen = (await runOf(run.id)).publication!;
    expect(seen).toMatchObject({ stalled: true, publishedAt: null, written: 0 });
    expect(seen.error).toMatch(/no progress for 10 minutes/);
    // Still committed: another key may not take it over.
    expect((await as(coordinator)("publishMatchingRun", { params: { runId: run.id }, idempotencyKey: randomUUID() })).status).toBe(409);

    // The console's "Finish publishing": the run's key again. It is under way at once, and finishes.
    api.running.startWorker();
    ok(await as(coordinator)("publishMatchingRun", { params: { runId: run.id }, idempotencyKey: key }));
    expect((await runOf(run.id)).publication).toMatchObject({ stalled: false, error: null });
    const publication = await untilPublished(as(coordinator), run.id);
    expect(publication.written).toBe(run.proposals.length);
    await drained();
    await expectEachTandemOnce(run, accepted.tandemIds);
    await giveBack(run.cycleId);
  });
});

describe("a job that keeps failing", () => {
  it(`is tried ${JOB_MAX_ATTEMPTS} times, then the run says why it failed and its message is in the poison queue`, async () => {
    // Another tenant whose people's table holds a row nobody can read: every attempt to read the cohort fails.
    const other = anotherTenant();
    const boss = { ...other, coordinator: true, displayName: "Coordinatrice Ailleurs" };
    const cycle = await openCycle(boss);
    const people = tableClient({ connectionString: inject("azuriteConnectionString") }, tableNames(app().config.tablePrefix).people);
    await people.createEntity({ partitionKey: other.tenantId, rowKey: randomUUID(), d0: "{ not json" });

    const runId = ok(await as(boss)("startMatchingRun", { body: { cycleId: cycle.id } })).id;
    const run = await finished(runId, boss);
    expect(run.status).toBe("failed");
    expect(run.error).toBe(`The run failed ${JOB_MAX_ATTEMPTS} times: Storage is not answering. Try again in a moment.`);
    expect(await app().queue.poisoned()).toContainEqual({ kind: "matching.run", tenantId: other.tenantId, runId });
    await drained();
  });
});

describe("the local worker", () => {
  it("keeps a message hidden while its job runs longer than the message's visibility: the job runs once", async () => {
    const quick = await startTestApi({ seed: false, env: { JOBS_VISIBILITY_SECONDS: "1" } });
    try {
      const { jobs, queue } = quick.running.app;
      let runs = 0;
      jobs.define("test.slow", {
        payload: z.looseObject({ kind: z.literal("test.slow"), tenantId: z.string() }),
        run: async () => {
          runs++;
          // Three times the visibility: without renewals, the message would come back to the worker's other slot.
          await new Promise((r) => setTimeout(r, 3000));
        },
        failed: async () => undefined,
      });
      await queue.enqueue({ kind: "test.slow", tenantId: randomUUID() });
      await until(() => queue.pending(), (n) => n === 0, "the slow job's end");
      expect(runs).toBe(1);
    } finally {
      await quick.close();
    }
  });
});
