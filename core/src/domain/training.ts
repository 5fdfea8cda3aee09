import { z } from "zod";

import { trainingModules } from "./training-modules";

export { trainingModules };
export const TrainingModuleId = z.enum(trainingModules);
export type TrainingModuleId = z.infer<typeof TrainingModuleId>;

export const trainingComplete = (completed: readonly string[]) => trainingModules.every((m) => completed.includes(m));
