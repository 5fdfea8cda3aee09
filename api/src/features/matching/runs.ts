import {
  TandemError,
  describeRule,
  describeWhyNot,
  RUN_PAGE_SIZE,
  matchCohort,
  presentProposals,
  runPage,
  presentUnmatched,
  skillNames,
  type BilingualNames,
  type MatchingInput,
  type MatchingRun,
  type MatchingRunRecord,
  type MatchingRunRequest,
  type MatchingRunView,
  type RunPageQuery,
  type RunProposal,
  type Skill,
  type Versioned,
  type WhyNotView,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { JOB_MAX_ATTEMPTS } from "../../platform/jobs";
import { fingerprintOf, readInputs } from "./inputs";

/** The jobs of matching (ADR 0010): a run, and a slice of a publication. */
export const matchingJobKinds = { run: "matching.run", publish: "matching.publish" } as const;

/**
 * A publication that has not moved for longer than this (JOBS_PUBLICATION_STALE_MINUTES) is stalled: a claim never
 * committed belongs to a client that gave up (another key may take over), and a committed one lost its job (its api
 * stopped before the job was queued, or the message was lost): the same key sends it again.
 */
export const PUBLICATION_STALE_MS = 10 * 60_000;

/** A running job renews its lease at each step; a run still "running" past it lost its process. */
export const RUN_LEASE_MS = 10 * 60_000;

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** The parts of a run kept in rows of its own partition (ADR 0002): what it read, and what it found. */
export const parts = {
  cycle: "in.cycle",
  people: "in.people",
  tandems: "in.tandems",
  removals: "in.removals",
  proposals: "proposals",
  unmatched: "unmatched",
  pinProblems: "pins",
  names: "names",
} as const;

type PersonName = MatchingRunView["people"][number];

/** A run's publication as coordinators see it: without its Idempotency-Key. */
export const publicationView = (r: MatchingRunRecord): MatchingRunView["publication"] =>
  r.publication
    ? { startedAt: r.publication.startedAt, publishedAt: r.publication.publishedAt, by: r.publication.by, tandemIds: r.publication.tandemIds, written: r.publication.written, error: r.publication.error, stalled: r.publication.stalled ?? false }
    : null;

/** When a publication last moved: rows written before `progressAt` existed count from their start. */
export const lastProgressOf = (pub: NonNullable<MatchingRunRecord["publication"]>): string => pub.progressAt ?? pub.startedAt;

export const bilingualNames = (skills: Pick<Skill, "id" | "label">[], people: PersonName[]): BilingualNames => {
  const names = new Map(people.map((p) => [p.id, p.displayName]));
  return { skill: skillNames(skills), person: (id) => names.get(id) ?? id };
};

/**
 * Matching runs as jobs, the way the directory sync runs (202, a status row, progress): `start` writes the run's row
 * and answers at once; the job reads the cohort, runs the engine and stores the result in slices, then marks the row
 * done. The job is a message on the jobs' queue: a queue-triggered function runs it in Azure, the local host's worker
 * locally (ADR 0010).
 */
export function matchingRuns(deps: Deps, publicationStaleMs = PUBLICATION_STALE_MS) {
  // The last runs solved, to answer "why not" without solving again: the engine is deterministic, so a run solved
  // again from its stored input answers the same, and the cache only saves time.
  const solved = new Map<string, MatchingRun>();
  const remember = (key: string, run: MatchingRun) => {
    solved.delete(key);
    solved.set(key, run);
    while (solved.size > 2) solved.delete(solved.keys().next().value!);
  };

  /**
   * The run's job (ADR 0010, "Jobs"): a queue may hand the same message out twice, even at once, so every step is
   * written with the row's ETag and whoever loses that race stops, leaving the run to the other delivery. What can never
   * succeed is recorded as the run's failure at once; anything else throws, and the queue tries again.
   */
  async function execute(tenantId: string, runId: string): Promise<void> {
    const held = await deps.repos.runs.get(tenantId, runId);
    // Done, failed or gone: a message delivered again has nothing left to do.
    if (held?.value.status !== "running") return;
    let current = held;
    const save = async (change: Partial<MatchingRunRecord>) => {
      current = await deps.repos.runs.put(tenantId, { ...current.value, ...change, leaseUntil: plus(deps.clock.now(), RUN_LEASE_MS) }, current.etag);
    };
    const r = held.value;
    try {
      await save({ progress: 0 });
      const inputs = await readInputs(deps, tenantId, r);
      await save({ progress: 0.3 });
      const run = matchCohort(inputs.input);
      remember(`${tenantId}|${r.id}`, run);
      await save({ progress: 0.6 });
      const names = bilingualNames(inputs.skills, inputs.people);
      const proposals = presentProposals(run.result, names);
      const unmatched = presentUnmatched(run.result, inputs.input.people, names);
      const pinProblems = run.result.pinProblems.map((p) => ({
        ...p,
        words: { fr: p.rules.map((x) => describeRule(x, "fr")).join(" "), en: p.rules.map((x) => describeRule(x, "en")).join(" ") },
      }));
      const involved = new Set([
        ...proposals.flatMap((p) => [p.mentorId, ...p.menteeIds]),
        ...unmatched.map((u) => u.personId),
        ...pinProblems.flatMap((p) => [p.menteeId, p.mentorId]),
      ]);
      const people = inputs.people.filter((p) => involved.has(p.id));
      const { input } = inputs;
      const write = (part: string, items: unknown[]) => deps.repos.runs.putPart(tenantId, r.id, part, items);
      const chunks: Record<string, number> = {};
      for (const [part, items] of [
        [parts.cycle, [input.cycle]],
        [parts.people, input.people],
        [parts.tandems, input.tandems],
        [parts.removals, input.removals],
        [parts.proposals, proposals],
        [parts.unmatched, unmatched],
        [parts.pinProblems, pinProblems],
        [parts.names, people],
      ] as const) {
        chunks[part] = await write(part, items as unknown[]);
      }
      await save({ status: "done", progress: 1, finishedAt: deps.clock.now(), summary: run.result.summary, fingerprint: fingerprintOf(input), chunks });
    } catch (e) {
      // Another delivery of this job wrote the row since: it carries on, this one stops.
      if (e instanceof TandemError && e.code === "precondition_failed") return;
      if (!(e instanceof TandemError) || e.code === "unavailable") throw e;
      await save({ status: "failed", finishedAt: deps.clock.now(), error: e.message.slice(0, 500) }).catch((x: unknown) => deps.warn("matching run could not record its failure", x));
    }
  }

  /** The job was given up (its last attempt threw): the run says why. */
  async function failed(tenantId: string, runId: string, reason: string): Promise<void> {
    const held = await deps.repos.runs.get(tenantId, runId);
    if (held?.value.status !== "running") return;
    const error = `The run failed ${JOB_MAX_ATTEMPTS} times: ${reason}`.slice(0, 500);
    await deps.repos.runs.put(tenantId, { ...held.value, status: "failed", finishedAt: deps.clock.now(), error }, held.etag);
  }

  /** What a run read, from its rows: the same input, so the engine gives the same result. */
  async function storedInput(tenantId: string, r: MatchingRunRecord): Promise<MatchingInput> {
    const read = (part: string) => deps.repos.runs.part(tenantId, r.id, part);
    const [cycle, people, tandems, removals] = await Promise.all([read(parts.cycle), read(parts.people), read(parts.tandems), read(parts.removals)]);
    return { cycle: cycle[0] as MatchingInput["cycle"], people: people as MatchingInput["people"], tandems: tandems as MatchingInput["tandems"], pins: r.pins, removals: removals as MatchingInput["removals"] };
  }

  async function record(tenantId: string, runId: string): Promise<Versioned<MatchingRunRecord>> {
    const r = await deps.repos.runs.get(tenantId, runId);
    if (!r) throw new TandemError("not_found", "This matching run was not found.");
    return r;
  }

  /** A publication that has not moved for longer than the api allows, and is neither done nor stopped by its job. */
  const stalled = (r: MatchingRunRecord): boolean => {
    const pub = r.publication;
    return !!pub && !pub.publishedAt && !pub.error && Date.parse(deps.clock.now()) - Date.parse(lastProgressOf(pub)) >= publicationStaleMs;
  };

  /**
   * A run whose job died (its lease ran out while running) reads as failed: start another. A stalled publication reads
   * as stopped, saying why: one whose request died before it committed (another key may then take it over), or one
   * committed whose job never ran or got lost (the api stopped before it queued it): the same key finishes it.
   */
  const asSeen = (r: MatchingRunRecord): MatchingRunRecord => {
    const now = deps.clock.now();
    const out: MatchingRunRecord =
      r.status === "running" && r.leaseUntil < now ? { ...r, status: "failed", error: "The run stopped before it finished (its process ended): start another run." } : r;
    const pub = out.publication;
    if (!pub || !stalled(out)) return out;
    const minutes = Math.round(publicationStaleMs / 60_000);
    const error = pub.committed
      ? `The publication made no progress for ${minutes} minutes (its job was never queued, or was lost): publish again with the same Idempotency-Key to finish it.`
      : "The publication stopped before it began (its request ended): publish again.";
    return { ...out, publication: { ...pub, error, stalled: true } };
  };

  return {
    execute,
    failed,
    storedInput,
    record,
    asSeen,
    publicationStaleMs,

    async start(caller: Caller, request: MatchingRunRequest): Promise<MatchingRunRecord> {
      const cycle = await deps.repos.cycles.get(caller.tenantId, request.cycleId);
      if (!cycle) throw new TandemError("not_found", "This cycle was not found.", [{ pointer: "/cycleId", message: "no such cycle" }]);
      const now = deps.clock.now();
      const held = await deps.repos.runs.put(
        caller.tenantId,
        {
          id: deps.ids.next(),
          cycleId: request.cycleId,
          status: "running",
          progress: 0,
          objective: request.objective ?? cycle.value.matching.objective,
          pins: request.pins,
          removals: request.removals,
          startedAt: now,
          finishedAt: null,
          leaseUntil: plus(now, RUN_LEASE_MS),
          by: caller.userId,
          error: null,
          summary: null,
          fingerprint: null,
          chunks: {},
          publication: null,
        },
        null,
      );
      try {
        await deps.jobs.enqueue({ kind: matchingJobKinds.run, tenantId: caller.tenantId, runId: held.value.id });
      } catch (e) {
        const error = "The run could not be queued: start another run.";
        await deps.repos.runs.put(caller.tenantId, { ...held.value, status: "failed", finishedAt: deps.clock.now(), error }, held.etag).catch(() => undefined);
        throw e;
      }
      return held.value;
    },

    async list(tenantId: string, cycleId: string): Promise<MatchingRunRecord[]> {
      return (await deps.repos.runs.list(tenantId))
        .map((r) => asSeen(r.value))
        .filter((r) => r.cycleId === cycleId)
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    },

    /** One page of a run: `top` proposals and `top` unmatched from `skip`, and the people they name (RunPageQuery). */
    async view(tenantId: string, runId: string, page: RunPageQuery = { top: RUN_PAGE_SIZE, skip: 0 }): Promise<MatchingRunView> {
      const r = asSeen((await record(tenantId, runId)).value);
      const done = r.status === "done";
      const read = (part: string) => (done ? deps.repos.runs.part(tenantId, r.id, part) : Promise.resolve([]));
      const [allProposals, everyUnmatched, pinProblems, everyone] = await Promise.all([read(parts.proposals), read(parts.unmatched), read(parts.pinProblems), read(parts.names)]);
      const shown = runPage(allProposals as RunProposal[], everyUnmatched as MatchingRunView["unmatched"], [...r.pins, ...r.removals, ...(pinProblems as MatchingRunView["pinProblems"])], everyone as PersonName[], page);
      const { proposals, unmatched, people } = shown;
      return {
        id: r.id,
        cycleId: r.cycleId,
        status: r.status,
        progress: r.progress,
        objective: r.objective,
        pins: r.pins,
        removals: r.removals,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        by: r.by,
        error: r.error,
        summary: r.summary,
        proposals,
        unmatched,
        totals: shown.totals,
        notEnrolled: shown.notEnrolled,
        nextLink: shown.more ? `/api/matching/runs/${r.id}?top=${page.top}&skip=${page.skip + page.top}` : null,
        pinProblems: pinProblems as MatchingRunView["pinProblems"],
        people,
        publication: publicationView(r),
      };
    },

    /** Why the run did not propose this pair: the engine's own answer, from the same input. */
    async whyNot(tenantId: string, runId: string, mentorId: string, menteeId: string): Promise<WhyNotView> {
      const r = asSeen((await record(tenantId, runId)).value);
      if (r.status !== "done") throw new TandemError("illegal_transition", "This run has not finished: ask again once it is done.");
      const key = `${tenantId}|${r.id}`;
      let run = solved.get(key);
      if (!run) {
        run = matchCohort(await storedInput(tenantId, r));
        remember(key, run);
      }
      const [skills, people] = await Promise.all([deps.repos.skills.list(tenantId), deps.repos.runs.part(tenantId, r.id, parts.names)]);
      const everyone = new Map((people as PersonName[]).map((p) => [p.id, p]));
      // Names of people the result does not hold (someone asked about who was left out), from the directory.
      for (const id of [mentorId, menteeId]) {
        if (!everyone.has(id)) {
          const d = await deps.directory.person(tenantId, id);
          if (d) everyone.set(id, { id, displayName: d.displayName, department: d.department });
        }
      }
      const names = bilingualNames(skills.map((s) => s.value), [...everyone.values()]);
      const answer = run.whyNot(menteeId, mentorId);
      const words = (locale: "fr" | "en") => describeWhyNot(answer, locale, { skill: (id) => names.skill(id, locale), person: names.person });
      return { mentorId, menteeId, answer, words: { fr: words("fr"), en: words("en") } };
    },
  };
}

export type MatchingRuns = ReturnType<typeof matchingRuns>;
