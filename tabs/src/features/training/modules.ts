export { trainingModules, type TrainingModuleId } from "@tandem/core";
