import { z } from "zod";
import { Id, Locale, SkillId } from "../common";
import { Cycle, MatchingObjective } from "../cycles";
import { MAX_CHAIN_DEPTH } from "../directory";
import { ProfileInput, offerLevels, urgencies } from "../people";
import { Tandem, TandemKind } from "../tandems";
import { weekDays } from "../time";

/** HH:mm */
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:mm");

/** A working week in the person's own time zone. */
export const WorkingWeek = z
  .strictObject({
    daysOfWeek: z.array(z.enum(weekDays)).min(1).max(7),
    startTime: LocalTime,
    endTime: LocalTime,
  })
  .refine((w) => w.startTime < w.endTime, { message: "the day ends after it starts", path: ["endTime"] });
export type WorkingWeek = z.infer<typeof WorkingWeek>;

/** Tandem profiles do not hold working hours yet: without them, a person works Monday to Friday, 09:00 to 17:00. */
export const DEFAULT_WORKING_WEEK: WorkingWeek = {
  daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
  startTime: "09:00",
  endTime: "17:00",
};

/**
 * One person as the matching engine sees them: what their profile says, where the directory places them (their
 * department and their chain of managers, nearest first, as `Directory.managerChainOf` gives it), and whether they
 * enrolled in the cycle.
 */
export const MatchingPerson = ProfileInput.pick({
  programRoles: true,
  offers: true,
  requests: true,
  languages: true,
  timeZone: true,
  capacity: true,
  paused: true,
}).extend({
  id: Id,
  enrolled: z.boolean().default(true),
  department: z.string().max(128).default(""),
  managerChain: z.array(Id).max(MAX_CHAIN_DEPTH).default([]),
  workingHours: WorkingWeek.default(DEFAULT_WORKING_WEEK),
});
export type MatchingPerson = z.infer<typeof MatchingPerson>;

/** A tandem or circle that exists already: open ones hold their mentor's places, past ones are not repeated. */
export const ExistingTandem = Tandem.pick({ cycleId: true, mentorId: true, menteeIds: true, status: true });
export type ExistingTandem = z.infer<typeof ExistingTandem>;

export const PairRef = z.strictObject({ menteeId: Id, mentorId: Id });
export type PairRef = z.infer<typeof PairRef>;

export const MatchingInput = z.strictObject({
  cycle: Cycle.pick({ id: true, startsOn: true, matching: true }),
  /** Everyone who could take part: enrolled or not, paused or not (those are left out, and said so). */
  people: z.array(MatchingPerson).max(100_000),
  tandems: z.array(ExistingTandem).max(200_000).default([]),
  /** Pairs the coordinator keeps whatever else happens. */
  pins: z.array(PairRef).max(10_000).default([]),
  /** Pairs the coordinator took out of this run: they never come back in it. */
  removals: z.array(PairRef).max(10_000).default([]),
});
export type MatchingInput = z.infer<typeof MatchingInput>;

// ---------------------------------------------------------------------------------------------------------------
// What a run gives back.
// ---------------------------------------------------------------------------------------------------------------

export { FitPart } from "./fit-part";
import { FitPart } from "./fit-part";

/** One mentee with one mentor, the skill they would work on, and how well they fit (out of 100). */
export const ScoredPair = z.strictObject({
  menteeId: Id,
  mentorId: Id,
  skillId: SkillId,
  /** Out of 100, to a tenth: the sum of the parts' points. */
  score: z.number().min(0).max(100),
  parts: z.array(FitPart),
  pinned: z.boolean(),
});
export type ScoredPair = z.infer<typeof ScoredPair>;

export const MatchProposal = z.strictObject({
  kind: TandemKind,
  mentorId: Id,
  menteeIds: z.array(Id).min(1).max(5),
  skillId: SkillId,
  pairs: z.array(ScoredPair).min(1).max(5),
});
export type MatchProposal = z.infer<typeof MatchProposal>;

/** Why a pair cannot be made, whatever its fit: a hard rule, or someone left out of the run. */
export const pairRules = [
  "unknown_person",
  "not_enrolled",
  "paused",
  "not_a_mentee",
  "not_a_mentor",
  "no_requests",
  "no_offers",
  "same_person",
  "already_matched",
  "no_common_skill",
  "reporting_chain",
  "same_department",
  "no_common_language",
  "no_common_working_hours",
  "paired_before",
  "removed",
  "mentor_full",
  "mentee_pinned_elsewhere",
  "mentor_places_pinned",
] as const;
export const PairRule = z.enum(pairRules);
export type PairRule = z.infer<typeof PairRule>;

/** The rules that block a mentor who teaches the requested skill. */
export const blockingRules = [
  "reporting_chain",
  "same_department",
  "no_common_language",
  "no_common_working_hours",
  "paired_before",
  "removed",
] as const satisfies readonly PairRule[];
export type BlockingRule = (typeof blockingRules)[number];

export const unmatchedReasons = ["no_mentor_offers_skill", "mentors_full", ...blockingRules] as const;
export const UnmatchedReason = z.enum(unmatchedReasons);
export type UnmatchedReason = z.infer<typeof UnmatchedReason>;

/** For one requested skill: the mentors who teach it, and what kept each of them away. */
export const SkillShortfall = z.strictObject({
  skillId: SkillId,
  reason: UnmatchedReason,
  /** Enrolled, available mentors who teach the skill. */
  mentors: z.int().min(0),
  /** Of them, those a hard rule keeps away, per rule (a mentor may be kept away by several rules). */
  blocked: z.partialRecord(z.enum(blockingRules), z.int().min(1)),
  /** Of them, eligible, but with no place left before this run (tandems already open). */
  full: z.int().min(0),
  /** Of them, eligible, but whose places this run gave to other mentees. */
  taken: z.int().min(0),
});
export type SkillShortfall = z.infer<typeof SkillShortfall>;

export const UnmatchedMentee = z.strictObject({
  menteeId: Id,
  reason: UnmatchedReason,
  skills: z.array(SkillShortfall),
});
export type UnmatchedMentee = z.infer<typeof UnmatchedMentee>;

export const exclusionReasons = ["not_enrolled", "paused", "already_matched", "no_requests", "no_offers"] as const;
export const ExcludedPerson = z.strictObject({ personId: Id, reason: z.enum(exclusionReasons) });
export type ExcludedPerson = z.infer<typeof ExcludedPerson>;

export const PinProblem = z.strictObject({ menteeId: Id, mentorId: Id, rules: z.array(PairRule).min(1) });
export type PinProblem = z.infer<typeof PinProblem>;

/** A mentor's places: what their profile and the cycle allow, what open tandems hold, what this run proposes. */
export const MentorLoad = z.strictObject({
  mentorId: Id,
  places: z.int().min(0),
  open: z.int().min(0),
  proposed: z.int().min(0),
});
export type MentorLoad = z.infer<typeof MentorLoad>;

export const MatchingSummary = z.strictObject({
  objective: MatchingObjective,
  mentees: z.int().min(0),
  mentors: z.int().min(0),
  candidatePairs: z.int().min(0),
  matched: z.int().min(0),
  pinned: z.int().min(0),
  unmatched: z.int().min(0),
  /** The sum of the proposed pairs' scores. */
  totalScore: z.number().min(0),
});
export type MatchingSummary = z.infer<typeof MatchingSummary>;

export const MatchingResult = z.strictObject({
  cycleId: Id,
  summary: MatchingSummary,
  proposals: z.array(MatchProposal),
  unmatched: z.array(UnmatchedMentee),
  excluded: z.array(ExcludedPerson),
  pinProblems: z.array(PinProblem),
  mentors: z.array(MentorLoad),
});
export type MatchingResult = z.infer<typeof MatchingResult>;

/** Why a pair the coordinator asks about is not proposed. */
export const WhyNot = z.discriminatedUnion("status", [
  z.strictObject({ status: z.literal("proposed"), kind: TandemKind, pinned: z.boolean() }),
  /** Hard rules (or someone left out of the run): no fit would make this pair. */
  z.strictObject({ status: z.literal("ruled_out"), rules: z.array(PairRule).min(1) }),
  /**
   * Allowed, but another set of proposals is better: the pair would be proposed (in a tie) if its fit were
   * `fitShortfall` points higher, and taking it would leave `wouldUnmatch` more people without a mentor.
   * `changes`: who would get another mentor, or none, if the pair were forced.
   */
  z.strictObject({
    status: z.literal("not_chosen"),
    pair: ScoredPair,
    fitShortfall: z.number(),
    wouldUnmatch: z.int(),
    changes: z.array(z.strictObject({ menteeId: Id, from: Id.nullable(), to: Id.nullable() })),
  }),
]);
export type WhyNot = z.infer<typeof WhyNot>;

