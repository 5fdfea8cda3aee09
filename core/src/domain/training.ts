import { z } from "zod";

/** Mentor training: short modules a junior completes before mentoring a senior (DESIGN.md, "Mentor training"). */
export const trainingModules = ["listening", "no-jargon", "patience", "show-dont-do", "privacy"] as const;
export const TrainingModuleId = z.enum(trainingModules);
export type TrainingModuleId = z.infer<typeof TrainingModuleId>;

export const trainingComplete = (completed: readonly string[]) => trainingModules.every((m) => completed.includes(m));
