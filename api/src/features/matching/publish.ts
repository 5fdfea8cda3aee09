import { createHash } from "node:crypto";
import {
  TandemError,
  inputChanges,
  newTandem,
  type MatchingRunRecord,
  type PublishedRun,
  type RunInputChange,
  type RunProposal,
  type Tandem,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import { mapLimit, type Deps } from "../../platform/deps";
import { placesOf, reserve, unreserve } from "../tandems/places";
import { readInputs } from "./inputs";
import { parts, type MatchingRuns } from "./runs";

/** A claim on a publication older than this, never committed, belongs to a client that gave up: another key may take over. */
const CLAIM_MS = 10 * 60_000;

/** The same id for a proposal of a run whatever the retry: a retried publication writes the same tandems, once. */
export function tandemIdOf(runId: string, p: Pick<RunProposal, "mentorId" | "menteeIds">): string {
  const h = createHash("sha256").update(`${runId}|${p.mentorId}|${[...p.menteeIds].sort().join(",")}`).digest("hex");
  // A version-8 (custom) UUID, RFC 9562: its version and variant bits set, the rest from the hash.
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const answerOf = (r: MatchingRunRecord, proposals: RunProposal[]): PublishedRun => ({
  runId: r.id,
  publishedAt: r.publication!.publishedAt!,
  tandemIds: r.publication!.tandemIds,
  tandems: proposals.filter((p) => p.kind === "tandem").length,
  circles: proposals.filter((p) => p.kind === "circle").length,
});

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
 * an acceptance took one meanwhile). Only then are the tandems written: past that point a publication always finishes.
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
    if (pub && (pub.committed || Date.parse(now()) - Date.parse(pub.startedAt) < CLAIM_MS)) {
      throw new TandemError("conflict", "This run is being published under another Idempotency-Key: retry with that key.");
    }
    try {
      current = await deps.repos.runs.put(t, { ...current.value, publication: { key, startedAt: now(), publishedAt: null, by: caller.userId, tandemIds: ids, committed: false } }, current.etag);
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
    await mark({ committed: true });
  }

  // Committed: write what is not written yet. A tandem that exists already was written by an earlier try.
  await mapLimit(proposals.map((p, i) => [p, i] as const), 8, async ([p, i]) => {
    const tandem: Tandem = {
      ...newTandem(ids[i]!, { kind: p.kind, cycleId: current.value.cycleId, mentorId: p.mentorId, menteeIds: p.menteeIds }, caller.userId, now()),
      match: { runId, skillId: p.skillId, pairs: p.pairs.map((x) => ({ menteeId: x.menteeId, score: x.score, parts: x.breakdown.map(({ words: _, ...part }) => part) })) },
    };
    try {
      await deps.repos.tandems.create(t, tandem);
    } catch (e) {
      if (!(e instanceof TandemError && e.code === "conflict")) throw e;
    }
  });
  await mapLimit(ids, 4, (id) => deps.aggregates.tandemChanged(t, id));
  await mark({ publishedAt: now() });
  return answerOf(current.value, proposals);

  /** Records a step of this key's publication; a concurrent retry with the same key may have recorded it first. */
  async function mark(change: Partial<NonNullable<MatchingRunRecord["publication"]>>) {
    for (;;) {
      const pub = current.value.publication;
      if (pub?.key !== key) throw new TandemError("conflict", "This run is being published under another Idempotency-Key: retry with that key.");
      if (Object.entries(change).every(([k, v]) => k === "publishedAt" ? pub.publishedAt !== null : pub[k as keyof typeof pub] === v)) return;
      try {
        current = await deps.repos.runs.put(t, { ...current.value, publication: { ...pub, ...change } }, current.etag);
        return;
      } catch (e) {
        if (!(e instanceof TandemError && e.code === "precondition_failed")) throw e;
        current = await runs.record(t, runId);
      }
    }
  }
}
