import { z } from "zod";
import { Id, TandemError, newTandem, type RunProposal, type Tandem } from "@tandem/core";
import { mapLimit, type Deps } from "../../platform/deps";
import { JOB_MAX_ATTEMPTS, type Jobs } from "../../platform/jobs";
import { markPublication } from "./publish";
import { matchingJobKinds, parts, type MatchingRuns } from "./runs";

const RunJob = z.looseObject({ kind: z.literal(matchingJobKinds.run), tenantId: z.string(), runId: Id });
const PublishJob = z.looseObject({
  kind: z.literal(matchingJobKinds.publish),
  tenantId: z.string(),
  runId: Id,
  key: z.string(),
  /** The first proposal of the slice this message writes. */
  from: z.int().min(0),
});
type PublishJob = z.infer<typeof PublishJob>;

/**
 * The matching's jobs (ADR 0010, "Jobs"): a run, and a publication written in slices of `slice` proposals, one message
 * each, so that each stays far below a function's time limit whatever the cohort. A slice enqueues the next before it
 * records its own progress: a worker that dies in between leaves the slice to be written again (nothing twice: the
 * tandem ids come from the run), never a publication without a next message.
 */
export function defineMatchingJobs(jobs: Jobs, deps: Deps, runs: MatchingRuns, slice: number) {
  jobs.define(matchingJobKinds.run, {
    payload: RunJob,
    run: (m) => runs.execute(m.tenantId, m.runId),
    failed: (m, reason) => runs.failed(m.tenantId, m.runId, reason),
  });

  jobs.define(matchingJobKinds.publish, {
    payload: PublishJob,
    run: (m) => publishSlice(m),
    async failed(m, reason) {
      const held = await deps.repos.runs.get(m.tenantId, m.runId);
      if (!held) return;
      const error = `Publishing stopped after ${JOB_MAX_ATTEMPTS} attempts: ${reason}`.slice(0, 500);
      await markPublication(deps, runs, m.tenantId, held, m.key, (pub) => (pub.publishedAt ? null : { error }));
    },
  });

  async function publishSlice(m: PublishJob): Promise<void> {
    const t = m.tenantId;
    const held = await deps.repos.runs.get(t, m.runId);
    const pub = held?.value.publication;
    // Another key's, not committed, or done: nothing for this message to do.
    if (!held || pub?.key !== m.key || !pub.committed || pub.publishedAt) return;
    const proposals = (await deps.repos.runs.part(t, m.runId, parts.proposals)) as RunProposal[];
    const end = Math.min(m.from + slice, proposals.length);
    // Written already by another delivery of this message, which sent the next one too.
    if (pub.written >= end) return;
    const by = pub.by;
    const now = deps.clock.now();
    const ids = pub.tandemIds;
    const written = proposals.slice(m.from, end).map((p, i) => [p, ids[m.from + i]!] as const);
    await mapLimit(written, 8, async ([p, id]) => {
      const tandem: Tandem = {
        ...newTandem(id, { kind: p.kind, cycleId: held.value.cycleId, mentorId: p.mentorId, menteeIds: p.menteeIds }, by, now),
        match: { runId: m.runId, skillId: p.skillId, pairs: p.pairs.map((x) => ({ menteeId: x.menteeId, score: x.score, parts: x.breakdown.map(({ words: _, ...part }) => part) })) },
      };
      try {
        await deps.repos.tandems.create(t, tandem);
      } catch (e) {
        // Written by an earlier try of this slice.
        if (!(e instanceof TandemError && e.code === "conflict")) throw e;
      }
    });
    await mapLimit(written, 4, ([, id]) => deps.aggregates.tandemChanged(t, id));
    if (end < proposals.length) await deps.jobs.enqueue({ ...m, from: end });
    const last = end === proposals.length;
    await markPublication(deps, runs, t, held, m.key, (p) =>
      p.written >= end && (!last || p.publishedAt) ? null : { written: Math.max(p.written, end), ...(last ? { publishedAt: p.publishedAt ?? deps.clock.now() } : {}) },
    );
  }
}
