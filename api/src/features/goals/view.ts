import type { GoalView, LearningGoal, Versioned } from "@tandem/core";
import { withEtag } from "../../platform/versions";

export const goalView = (g: Versioned<LearningGoal>): GoalView => withEtag(g);
