export { trainingModules } from "@tandem/core/client";
export type { TrainingModuleId } from "@tandem/core";
