import { z } from "zod";
import { Id, Instant, LocalizedText, SkillId } from "../common";
import { MatchingObjective } from "../cycles";
import { urgencies } from "../people";
import { TandemKind } from "../tandems";
import { FitPart, MatchingSummary, PairRef, PairRule, UnmatchedReason, WhyNot, exclusionReasons } from "./input";

/**
 * A matching run as the coordinator's console sees it (issue 14): a job that reads the cycle's cohort, runs the engine
 * and keeps its result; published, its proposals become tandems and circles in the `proposed` state. Words are given
 * in French and English so that the console and the tab show them as they are.
 */

/** Something said to a person, in both languages the program speaks. */
export const Words = z.strictObject({ fr: z.string(), en: z.string() });
export type Words = z.infer<typeof Words>;

export const MatchingRunRequest = z.strictObject({
  cycleId: Id,
  /** The cycle's objective unless the coordinator asks for the other one for this run. */
  objective: MatchingObjective.optional(),
  /** Pairs kept whatever else happens (a pin that breaks a hard rule is reported, not kept). */
  pins: z.array(PairRef).max(1_000).default([]),
  /** Pairs never proposed in this run. */
  removals: z.array(PairRef).max(1_000).default([]),
});
export type MatchingRunRequest = z.infer<typeof MatchingRunRequest>;

export const runStatuses = ["running", "done", "failed"] as const;
export const RunStatus = z.enum(runStatuses);
export type RunStatus = z.infer<typeof RunStatus>;

/** One part of a fit with its words: "Teaches Copilot at expert level (+40 / 40)". */
export const FitPartView = z.intersection(FitPart, z.strictObject({ words: Words }));
export type FitPartView = z.infer<typeof FitPartView>;

export const RunPair = z.strictObject({
  menteeId: Id,
  score: z.number().min(0).max(100),
  breakdown: z.array(FitPartView),
  pinned: z.boolean(),
});
export type RunPair = z.infer<typeof RunPair>;

/** A tandem (one mentee) or a circle (2 to 5 mentees on one skill) the run proposes. */
export const RunProposal = z.strictObject({
  kind: TandemKind,
  mentorId: Id,
  menteeIds: z.array(Id).min(1).max(5),
  skillId: SkillId,
  /** Out of 100: the pair's score, or a circle's mean over its pairs. */
  score: z.number().min(0).max(100),
  /** A tandem's parts; a circle's are each pair's, in `pairs`. */
  breakdown: z.array(FitPartView),
  pairs: z.array(RunPair).min(1).max(5),
});
export type RunProposal = z.infer<typeof RunProposal>;

/** Why someone has no proposal: a code, the skill it is about, and words. */
export const RunReason = z.strictObject({
  code: z.union([UnmatchedReason, z.enum(exclusionReasons), z.literal("no_mentee_for_offers")]),
  skillId: SkillId.nullable(),
  words: Words,
});
export type RunReason = z.infer<typeof RunReason>;

export const RunUnmatched = z.strictObject({
  personId: Id,
  role: z.enum(["mentor", "mentee"]),
  reasons: z.array(RunReason),
});
export type RunUnmatched = z.infer<typeof RunUnmatched>;

export const RunPinProblem = z.strictObject({ menteeId: Id, mentorId: Id, rules: z.array(PairRule).min(1), words: Words });

/** Who the run is about, so the console names people without another call. */
export const RunPerson = z.strictObject({ id: Id, displayName: z.string(), department: z.string() });

export const RunPublication = z.strictObject({
  startedAt: Instant,
  /** Null while it is being written (a retry with the same Idempotency-Key finishes it). */
  publishedAt: Instant.nullable(),
  by: Id,
  tandemIds: z.array(Id),
  /** How many of the proposals are written as tandems so far: the publication's progress (a job writes them in slices). */
  written: z.int().min(0).default(0),
  /** Why the publication's job stopped before the end, when it did: publishing again with the same key finishes it. */
  error: z.string().nullable().default(null),
  /**
   * No progress for longer than the api allows (`JOBS_PUBLICATION_STALE_MINUTES`): its request ended before it began,
   * or its job was never queued or got lost. `error` says which; publishing again with the same key finishes it. Read,
   * never stored.
   */
  stalled: z.boolean().default(false),
});

/** How many proposals, and how many of the unmatched, one page of a run holds at most, unless `top` asks for fewer. */
export const RUN_PAGE_SIZE = 200;
export const MAX_RUN_PAGE_SIZE = 1_000;

/**
 * One page of a run's result, as Microsoft Graph pages its collections: `top` items of each list from `skip`; the answer's
 * `nextLink` (like Graph's `@odata.nextLink`) is the next page's address, null on the last.
 */
const whole = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, "a whole number")
    .default(String(fallback))
    .transform(Number)
    .pipe(z.int().min(min).max(max));
export const RunPageQuery = z.strictObject({
  top: whole(1, MAX_RUN_PAGE_SIZE, RUN_PAGE_SIZE),
  skip: whole(0, 1_000_000, 0),
});
export type RunPageQuery = z.infer<typeof RunPageQuery>;

export const MatchingRunView = z
  .strictObject({
    id: Id,
    cycleId: Id,
    status: RunStatus,
    /** 0 to 1: reading the cohort, solving, storing the result. */
    progress: z.number().min(0).max(1),
    objective: MatchingObjective,
    pins: z.array(PairRef),
    removals: z.array(PairRef),
    startedAt: Instant,
    finishedAt: Instant.nullable(),
    by: Id,
    error: z.string().nullable(),
    /** Once done. */
    summary: MatchingSummary.nullable(),
    /** This page's proposals (`top` from `skip`). */
    proposals: z.array(RunProposal),
    /** This page's people without a proposal (`top` from `skip`), but for those not enrolled: `notEnrolled` counts them. */
    unmatched: z.array(RunUnmatched),
    /** How many proposals and unmatched the whole run holds, over every page. */
    totals: z.strictObject({ proposals: z.int().min(0), unmatched: z.int().min(0) }),
    /** Members of the program who did not enrol in the cycle, left out of the run (their reason: `not_enrolled`). */
    notEnrolled: z.int().min(0),
    /** The next page (`/api/matching/runs/{id}?top=…&skip=…`), null on the last one. */
    nextLink: z.string().nullable(),
    pinProblems: z.array(RunPinProblem),
    /** Who this page mentions (and the pins). */
    people: z.array(RunPerson),
    publication: RunPublication.nullable(),
  })
  .meta({ id: "MatchingRun" });

/** The Idempotency-Key a publication of this run is sent with: the same for a run whatever reloads the console saw. */
export const publicationKeyOf = (runId: string) => `publish:${runId}`;
export type MatchingRunView = z.infer<typeof MatchingRunView>;

/** What POST /matching/runs answers at once (202), and GET /matching/runs lists. */
export const MatchingRunStarted = z
  .strictObject({ id: Id, cycleId: Id, status: RunStatus, progress: z.number().min(0).max(1), startedAt: Instant, publication: RunPublication.nullable() })
  .meta({ id: "MatchingRunStarted" });
export type MatchingRunStarted = z.infer<typeof MatchingRunStarted>;

export const WhyNotQuery = z.strictObject({ mentorId: Id, menteeId: Id });
export const WhyNotView = z
  .strictObject({ mentorId: Id, menteeId: Id, answer: WhyNot, words: Words })
  .meta({ id: "WhyNot" });
export type WhyNotView = z.infer<typeof WhyNotView>;

/**
 * What POST /matching/runs/{id}/publish answers (202): the publication, accepted, as its job writes it. It is done once
 * `publishedAt` is set; until then the run (its Location) shows its progress in `publication.written`.
 */
export const PublishedRun = z
  .strictObject({
    runId: Id,
    publishedAt: Instant.nullable(),
    tandemIds: z.array(Id),
    tandems: z.int().min(0),
    circles: z.int().min(0),
    written: z.int().min(0),
    error: z.string().nullable(),
  })
  .meta({ id: "PublishedRun" });
export type PublishedRun = z.infer<typeof PublishedRun>;

/** A hard rule a pair breaks, as the 409 of a hand-made proposal names it. */
export const BrokenRule = z.strictObject({ menteeId: Id, rule: PairRule, words: Words });
export type BrokenRule = z.infer<typeof BrokenRule>;


export const DemandQuery = z.strictObject({ cycleId: Id });
export const SkillDemand = z.strictObject({
  skillId: SkillId,
  label: LocalizedText.nullable(),
  /** Open requests: enrolled mentees, not paused, not yet in an open tandem of the cycle. */
  requests: z.strictObject({ count: z.int().min(0), urgency: z.strictObject(Object.fromEntries(urgencies.map((u) => [u, z.int().min(0)])) as Record<(typeof urgencies)[number], z.ZodInt>) }),
  /** Enrolled mentors, not paused, who offer the skill. */
  mentors: z.int().min(0),
  /** Their places left (a mentor who offers several skills counts for each). */
  freeCapacity: z.int().min(0),
  /** Requests beyond the free places: above 0, mentees will wait (or share a mentor in a circle). */
  gap: z.int(),
});
export type SkillDemand = z.infer<typeof SkillDemand>;
export const DemandReport = z
  .strictObject({ cycleId: Id, skills: z.array(SkillDemand), totals: z.strictObject({ requests: z.int().min(0), mentors: z.int().min(0), freeCapacity: z.int().min(0) }) })
  .meta({ id: "DemandReport" });
export type DemandReport = z.infer<typeof DemandReport>;

/** What changed since a run read its inputs, as the 409 of a publish says it. */
export const RunInputChange = z.strictObject({
  what: z.enum(["cycle", "people", "tandems"]),
  /** Who or which tandems (the first 50). */
  ids: z.array(Id),
  words: Words,
});
export type RunInputChange = z.infer<typeof RunInputChange>;

/** A run as stored: what the view shows, and what only the api reads (the input's fingerprint, the lease, the key). */
export const MatchingRunRecord = z.strictObject({
  id: Id,
  cycleId: Id,
  status: RunStatus,
  progress: z.number().min(0).max(1),
  objective: MatchingObjective,
  pins: z.array(PairRef),
  removals: z.array(PairRef),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
  /** A running job renews it; past it, the job's process is gone and the run reads as failed. */
  leaseUntil: Instant,
  by: Id,
  error: z.string().nullable(),
  summary: MatchingSummary.nullable(),
  /** sha-256 of the input the engine ran on, in a canonical order. */
  fingerprint: z.string().nullable(),
  /** How many rows each part of the result takes (ADR 0002): the input, proposals, unmatched, people. */
  chunks: z.record(z.string(), z.int().min(0)),
  /** The Idempotency-Key that published it; `committed` once every place is taken and the tandems are being written. */
  publication: RunPublication.extend({
    key: z.string(),
    committed: z.boolean(),
    /** When the publication last moved (claimed, committed, a slice written, sent again): how it is known stalled. */
    progressAt: Instant.optional(),
    /** Set when the run is read, never stored. */
    stalled: z.boolean().optional(),
  }).nullable(),
});
export type MatchingRunRecord = z.infer<typeof MatchingRunRecord>;

/**
 * A mentor's places as one row, written with its ETag (issue 14, point 4): every tandem of theirs that holds a place,
 * so that two writers who read the same row cannot both take the last place. `held`: accepted (or further) by every
 * member; a place only reserved is a proposal's. `at`: when the row said so, to tell a writer in flight from one that
 * died before writing its tandem.
 */
export const MentorPlaces = z.strictObject({
  mentorId: Id,
  entries: z.array(z.strictObject({ tandemId: Id, cycleId: Id, mentees: z.int().min(1).max(5), held: z.boolean(), at: Instant })).max(200),
});
export type MentorPlaces = z.infer<typeof MentorPlaces>;
