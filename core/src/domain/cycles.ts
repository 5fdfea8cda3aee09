import { z } from "zod";
import { CalendarDate, Id, text } from "./common";

export const Cadence = z.strictObject({
  everyWeeks: z.int().min(1).max(8),
  sessionMinutes: z.int().min(15).max(180).multipleOf(5),
});
export type Cadence = z.infer<typeof Cadence>;

export const MatchingRules = z.strictObject({
  maxMenteesPerMentor: z.int().min(1).max(10),
  allowSameDepartment: z.boolean(),
  requireCommonLanguage: z.boolean(),
});

export const CycleInput = z
  .strictObject({
    name: text(80, 1),
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    cadence: Cadence,
    matching: MatchingRules,
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
});
export type Cycle = z.infer<typeof Cycle>;
