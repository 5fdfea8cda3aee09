import {
  TandemError,
  inputChanges,
  type MatchingRunRecord,
  type PublishedRun,
  type RunInputChange,
  type RunProposal,
  type Versioned,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import { mapLimit, type Deps } from "../../platform/deps";
import { idFromName } from "../../platform/name-ids";
import { placesOf, reserve, unreserve } from "../tandems/places";
import { readInputs } from "./inputs";
import { lastProgressOf, matchingJobKinds, parts, type MatchingRuns } from "./runs";

/** The same id for a proposal of a run whatever the retry: a retried publication writes the same tandems, once. */
export const tandemIdOf = (runId: string, p: Pick<RunProposal, "mentorId" | "menteeIds">): string =>
  idFromName(`${runId}|${p.mentorId}|${[...p.menteeIds].sort().join(",")}`);

/** The publication as the request answers it and the run shows it: written by a job, done once `publishedAt` is set. */
const answerOf = (r: MatchingRunRecord, proposals: RunProposal[]): PublishedRun => ({
  runId: r.id,
  publishedAt: r.publication!.publishedAt,
  tandemIds: r.publication!.tandemIds,
  tandems: proposals.filter((p) => p.kind === "tandem").length,
  circles: proposals.filter((p) => p.kind === "circle").length,
  written: r.publication!.written,
  error: r.publication!.error,
});

type Publication = NonNullable<MatchingRunRecord["publication"]>;

/**
 * Records a step of a key's publication on the run's row, with its ETag: a concurrent delivery or retry with the same
 * key may have recorded it (or more) first. Answers the row as it stands, or throws "conflict" if another key holds it.
 */
export async function markPublication(
  deps: Deps,
  runs: MatchingRuns,
  t: string,
  held: Versioned<MatchingRunRecord>,
  key: string,
  change: (pub: Publication) => Partial<Publication> | null,
): Promise<Versioned<MatchingRunRecord>> {
  let current = held;
  for (;;) {
    const pub = current.value.publication;
    if (pub?.key !== key) throw new TandemError("conflict", "This run is being published under another Idempotency-Key: retry with that key.");
    const next = change(pub);
    if (!next) return current;
    try {
      return await deps.repos.runs.put(t, { ...current.value, publication: { ...pub, ...next, progressAt: deps.clock.now() } }, current.etag);
    } catch (e) {
      if (!(e instanceof TandemError && e.code === "precondition_failed")) throw e;
      current = await runs.record(t, current.value.id);
    }
  }
}

const changed = (changes: RunInputChange[]) =>
  new TandemError(
    "conflict",
    `The run's inputs changed since it ran: ${changes.map((c) => c.words.en).join(" ")} Run the matching again, then publish the new run.`,
    [],
    { changes },
  );

/**
 * Publishes a run: each proposal becomes a tandem or circle in the `proposed` state, carrying its score and parts.
 * Once per run, whatever the retries: the Idempotency-Key is kept on the run's row; a retry with it answers the same
 * publication, or finishes it if it was cut short (tandem ids come from the run, so a retry writes the same ones).
 * Before anything is written: refused (409, saying what changed) when the cohort, the cycle or the tandems differ from
 * what the run read; then every mentor's places are taken on their row of places, all or none (409 if a proposal or
 * an acceptance took one meanwhile). Only then are the tandems written, by a job in slices (`publishSlice`): past that
 * point a publication always finishes, and the answer (202) is the publication under way.
 */
export async function publishRun(deps: Deps, runs: MatchingRuns, caller: Caller, runId: string, key: string): Promise<PublishedRun> {
  const t = caller.tenantId;
  let current = await runs.record(t, runId);
  const seen = runs.asSeen(current.value);
  if (seen.status !== "done") {
    throw new TandemError("illegal_transition", seen.status === "running" ? "This run has not finished yet: publish it once it is done." : "This run failed: start another one.");
  }
  const proposals = (await deps.repos.runs.part(t, runId, parts.proposals)) as RunProposal[];
  const ids = proposals.map((p) => tandemIdOf(runId, p));
  const now = () => deps.clock.now();

  // Claim the publication for this key, or find it done or under way.
  for (;;) {
    const pub = current.value.publication;
    if (pub?.publishedAt) {
      if (pub.key === key) return answerOf(current.value, proposals);
      throw new TandemError("illegal_transition", "This run was already published (with another Idempotency-Key).");
    }
    if (pub && pub.key === key) break;
    if (pub && (pub.committed || Date.parse(now()) - Date.parse(lastProgressOf(pub)) < runs.publicationStaleMs)) {
      throw new TandemError("conflict", "This run is being published under another Idempotency-Key: retry with that key.");
    }
    try {
      const at = now();
      const claim = { key, startedAt: at, progressAt: at, publishedAt: null, by: caller.userId, tandemIds: ids, committed: false, written: 0, error: null };
      current = await deps.repos.runs.put(t, { ...current.value, publication: claim }, current.etag);
      break;
    } catch (e) {
      if (!(e instanceof TandemError && e.code === "precondition_failed")) throw e;
      current = await runs.record(t, runId);
    }
  }

  const release = async () => {
    const latest = await runs.record(t, runId);
    if (latest.value.publication?.key === key && !latest.value.publication.committed) {
      await deps.repos.runs.put(t, { ...latest.value, publication: null }, latest.etag).catch((e: unknown) => deps.warn("a refused publication could not release its claim", e));
    }
  };

  if (!current.value.publication!.committed) {
    const own = new Set(ids);
    const [before, fresh] = await Promise.all([runs.storedInput(t, current.value), readInputs(deps, t, current.value, own)]);
    const changes = inputChanges(before, fresh.input);
    if (changes.length) {
      await release();
      throw changed(changes);
    }
    // Every mentor's places, all or none.
    const byMentor = new Map<string, { tandemId: string; cycleId: string; mentees: number }[]>();
    proposals.forEach((p, i) => {
      const list = byMentor.get(p.mentorId) ?? [];
      list.push({ tandemId: ids[i]!, cycleId: current.value.cycleId, mentees: p.menteeIds.length });
      byMentor.set(p.mentorId, list);
    });
    const capacity = new Map(fresh.input.people.map((p) => [p.id, p.capacity]));
    const reserved: string[] = [];
    const full: string[] = [];
    await mapLimit([...byMentor], 8, async ([mentorId, claims]) => {
      try {
        await reserve(deps, t, mentorId, claims, placesOf(capacity.get(mentorId) ?? 0, fresh.cycle.matching.maxMenteesPerMentor));
        reserved.push(mentorId);
      } catch (e) {
        if (!(e instanceof TandemError && e.code === "conflict")) throw e;
        full.push(mentorId);
      }
    }).catch(async (e: unknown) => {
      await mapLimit(reserved, 8, (m) => unreserve(deps, t, m, byMentor.get(m)!.map((c) => c.tandemId)));
      await release();
      throw e;
    });
    if (full.length) {
      await mapLimit(reserved, 8, (m) => unreserve(deps, t, m, byMentor.get(m)!.map((c) => c.tandemId)));
      await release();
      full.sort();
      throw changed([
        {
          what: "tandems",
          ids: full.slice(0, 50),
          words: {
            fr: `Des places de mentors ont été prises depuis le calcul (${full.length} mentor${full.length > 1 ? "s" : ""}).`,
            en: `Mentors' places were taken since the run (${full.length} mentor${full.length > 1 ? "s" : ""}).`,
          },
        },
      ]);
    }
    current = await markPublication(deps, runs, t, current, key, (pub) => (pub.committed ? null : { committed: true }));
  }

  // Committed: the job writes the tandems, in slices. A retry with the key sends it again from where it got (and past
  // an error): a second delivery of a slice writes nothing twice (tandem ids come from the run).
  if (!current.value.publication!.publishedAt) {
    if (proposals.length === 0) {
      current = await markPublication(deps, runs, t, current, key, (pub) => (pub.publishedAt ? null : { publishedAt: now() }));
    } else {
      // Recorded as progress even when nothing stopped it: a publication sent again because it stalled (committed, but
      // its api stopped before queuing its job) is under way again, and reads so until its job writes a slice.
      current = await markPublication(deps, runs, t, current, key, () => ({ error: null }));
      await deps.jobs.enqueue({ kind: matchingJobKinds.publish, tenantId: t, runId, key, from: current.value.publication!.written });
    }
  }
  return answerOf(current.value, proposals);
}
