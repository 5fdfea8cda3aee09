import { z } from "zod";
import { LocalizedText, SkillId, text } from "./common";

/** The digital-skill families named by reverse-mentoring practice. */
export const skillCategories = [
  "software",
  "social-networks",
  "collaboration",
  "ai",
  "customer-experience",
  "ways-of-working",
] as const;
export const SkillCategory = z.enum(skillCategories);

export const Skill = z.strictObject({
  id: SkillId,
  label: LocalizedText,
  category: SkillCategory,
  /** Retired skills stay readable on old offers and goals but cannot be chosen again. */
  retired: z.boolean().default(false),
});
export type Skill = z.infer<typeof Skill>;

/**
 * A skill as a coordinator writes it: its labels follow the text rules of every field a person types (`text()`:
 * trimmed, no control characters, no lone surrogates). Stored skills are read with `Skill`, which does not refuse
 * a label saved before that rule.
 */
export const SkillInput = Skill.omit({ id: true }).extend({
  label: z.strictObject({ fr: text(120, 1), en: text(120, 1) }),
});
export type SkillInput = z.infer<typeof SkillInput>;
