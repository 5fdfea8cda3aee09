import { z } from "zod";
import { Id, Locale, SkillId } from "../common";
import { offerLevels, urgencies } from "../people";

/** Each part of a pair's fit, out of the part's share of 100 (its weight among the cycle's weights). */
export const FitPart = z.discriminatedUnion("part", [
  z.strictObject({ part: z.literal("skill"), skillId: SkillId, level: z.enum(offerLevels), points: z.number(), max: z.number() }),
  z.strictObject({ part: z.literal("urgency"), skillId: SkillId, urgency: z.enum(urgencies), points: z.number(), max: z.number() }),
  z.strictObject({ part: z.literal("crossDepartment"), different: z.boolean(), points: z.number(), max: z.number() }),
  z.strictObject({ part: z.literal("language"), languages: z.array(Locale), points: z.number(), max: z.number() }),
  z.strictObject({ part: z.literal("overlap"), hoursPerWeek: z.number(), points: z.number(), max: z.number() }),
]);
export type FitPart = z.infer<typeof FitPart>;

/** The fit a published proposal carries into its tandem, for the tab's "why": each mentee's score and parts. */
export const TandemMatch = z.strictObject({
  runId: Id,
  skillId: SkillId,
  pairs: z.array(z.strictObject({ menteeId: Id, score: z.number().min(0).max(100), parts: z.array(FitPart) })).min(1).max(5),
});
export type TandemMatch = z.infer<typeof TandemMatch>;
