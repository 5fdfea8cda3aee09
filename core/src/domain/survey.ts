import { z } from "zod";
import { Id, Instant, text } from "./common";

/**
 * The closing survey (issue 14, point 7): when a tandem or circle completes, each member says whether it helped,
 * whether they would do it again, and what they learned. A member answers once per tandem. What they learned is
 * theirs: coordinators may only ever see counts of the two yes/no answers (DESIGN.md, "Who may see what").
 */
export const ClosingSurveyInput = z.strictObject({
  helped: z.boolean(),
  again: z.boolean(),
  learned: text(2000).default(""),
});
export type ClosingSurveyInput = z.infer<typeof ClosingSurveyInput>;

export const ClosingSurvey = z.strictObject({
  tandemId: Id,
  personId: Id,
  helped: z.boolean(),
  again: z.boolean(),
  learned: z.string(),
  createdAt: Instant,
});
export type ClosingSurvey = z.infer<typeof ClosingSurvey>;
