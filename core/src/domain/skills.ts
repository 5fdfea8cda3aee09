import { z } from "zod";
import { LocalizedText, SkillId } from "./common";

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

export const SkillInput = Skill.omit({ id: true });
export type SkillInput = z.infer<typeof SkillInput>;
