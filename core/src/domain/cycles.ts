import { z } from "zod";
import { CalendarDate, Id, text } from "./common";

export const Cadence = z.strictObject({
  everyWeeks: z.int().min(1).max(8),
  sessionMinutes: z.int().min(15).max(180).multipleOf(5),
});
export type Cadence = z.infer<typeof Cadence>;

/**
 * What the coordinator wants most from a matching run: as many people matched as possible, then the highest total
 * fit among those matchings ("most-matched"); or the highest total fit, then as many people as possible
 * ("best-fit"), which may leave someone out to give a better mentor to someone else.
 */
export const matchingObjectives = ["most-matched", "best-fit"] as const;
export const MatchingObjective = z.enum(matchingObjectives);
export type MatchingObjective = z.infer<typeof MatchingObjective>;

/** How much each part of a pair's fit weighs, relative to the others (they need not add up to 100). */
export const FitWeights = z
  .strictObject({
    /** The mentor teaches the requested skill: more the higher their level. */
    skill: z.int().min(0).max(100),
    /** The mentee's request is urgent. */
    urgency: z.int().min(0).max(100),
    /** Mentor and mentee work in different departments. */
    crossDepartment: z.int().min(0).max(100),
    /** They share a language. */
    language: z.int().min(0).max(100),
    /** Their working hours have time in common each week. */
    overlap: z.int().min(0).max(100),
  })
  .refine((w) => w.skill + w.urgency + w.crossDepartment + w.language + w.overlap > 0, {
    message: "at least one weight above 0",
  });
export type FitWeights = z.infer<typeof FitWeights>;

export const DEFAULT_FIT_WEIGHTS: FitWeights = { skill: 40, urgency: 25, crossDepartment: 15, language: 10, overlap: 10 };

/** A cycle's matching rules. Cycles written before a rule existed read with its default. */
export const MatchingRules = z.strictObject({
  /** At most this many mentees per mentor at once (and never more than the mentor's own capacity). */
  maxMenteesPerMentor: z.int().min(1).max(10),
  allowSameDepartment: z.boolean(),
  requireCommonLanguage: z.boolean(),
  objective: MatchingObjective.default("most-matched"),
  weights: FitWeights.default(DEFAULT_FIT_WEIGHTS),
  /** Mentees matched to one mentor on the same skill form a circle (2 to 5 mentees) rather than separate tandems. */
  allowCircles: z.boolean().default(false),
  /** A pair that met in an earlier cycle may be proposed again. */
  allowRepeatPairs: z.boolean().default(false),
  /** Mentor and mentee need at least this many hours a week within both their working hours; 0: no limit. */
  minWeeklyOverlapHours: z.int().min(0).max(60).default(0),
});
export type MatchingRules = z.infer<typeof MatchingRules>;

/**
 * Who takes part in a cycle's matching. "profile": everyone whose profile holds a role (how every cycle worked before
 * enrolment per cycle, and still the default, so cycles written before it read as they ran). "cycle": only the people
 * who enrolled in this cycle, with the roles they enrolled as (the others are left out as `not_enrolled`).
 */
export const cycleEnrolments = ["profile", "cycle"] as const;
export const CycleEnrolment = z.enum(cycleEnrolments);
export type CycleEnrolment = z.infer<typeof CycleEnrolment>;

export const CycleInput = z
  .strictObject({
    name: text(80, 1),
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    cadence: Cadence,
    matching: MatchingRules,
    enrolment: CycleEnrolment.default("profile"),
  })
  .refine((c) => c.startsOn < c.endsOn, { message: "a cycle ends after it starts", path: ["endsOn"] });
export type CycleInput = z.infer<typeof CycleInput>;

export const Cycle = z.strictObject({
  id: Id,
  name: z.string(),
  startsOn: CalendarDate,
  endsOn: CalendarDate,
  cadence: Cadence,
  matching: MatchingRules,
  enrolment: CycleEnrolment.default("profile"),
});
export type Cycle = z.infer<typeof Cycle>;
