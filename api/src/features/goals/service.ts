import {
  TandemError,
  applyGoalPatch,
  canEditGoal,
  isParticipant,
  isWorkable,
  newGoal,
  type GoalInput,
  type GoalPatch,
  type LearningGoal,
  type Versioned,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { accessTandem } from "../tandems/service";

const viewer = (c: Caller) => ({ id: c.userId, coordinator: c.coordinator });

export async function listGoals(deps: Deps, caller: Caller, tandemId: string): Promise<Versioned<LearningGoal>[]> {
  // Both reads at once; the goals are only returned once access is granted.
  const [, goals] = await Promise.all([accessTandem(deps, caller, tandemId), deps.repos.goals.list(caller.tenantId, tandemId)]);
  return goals;
}

export async function createGoal(
  deps: Deps,
  caller: Caller,
  tandemId: string,
  input: GoalInput,
): Promise<Versioned<LearningGoal>> {
  const { tandem, relation } = await accessTandem(deps, caller, tandemId);
  if (!isParticipant(relation)) throw new TandemError("forbidden", "Only the members of a tandem set its goals.");
  if (!tandem.value.menteeIds.includes(input.menteeId)) {
    throw new TandemError("validation", "A goal belongs to one of the tandem's mentees.", [
      { pointer: "/menteeId", message: "not a mentee of this tandem" },
    ]);
  }
  if (!canEditGoal(relation, input, viewer(caller))) {
    throw new TandemError("forbidden", "A mentee sets their own goals; the mentor may set goals for anyone.");
  }
  if (!isWorkable(tandem.value)) {
    throw new TandemError("illegal_transition", `Goals cannot be added to a ${tandem.value.status} ${tandem.value.kind}.`);
  }
  await requireActiveSkill(deps, caller, input.skillId);
  return deps.repos.goals.create(caller.tenantId, newGoal(deps.ids.next(), tandemId, input, caller.userId, deps.clock.now()));
}

async function requireActiveSkill(deps: Deps, caller: Caller, skillId: string) {
  const skill = await deps.repos.skills.get(caller.tenantId, skillId);
  if (!skill || skill.value.retired) {
    throw new TandemError("validation", "Choose a skill from the catalogue.", [{ pointer: "/skillId", message: "not in the catalogue" }]);
  }
}

async function editableGoal(deps: Deps, caller: Caller, tandemId: string, goalId: string) {
  const { tandem, relation } = await accessTandem(deps, caller, tandemId);
  const goal = await deps.repos.goals.get(caller.tenantId, tandemId, goalId);
  if (!goal) throw new TandemError("not_found", "This goal was not found.");
  if (!canEditGoal(relation, goal.value, viewer(caller))) {
    throw new TandemError("forbidden", "Only the goal's mentee and the mentor may change it.");
  }
  if (!isWorkable(tandem.value)) {
    throw new TandemError("illegal_transition", `The goals of a ${tandem.value.status} ${tandem.value.kind} can no longer change.`);
  }
  return goal;
}

export async function updateGoal(
  deps: Deps,
  caller: Caller,
  tandemId: string,
  goalId: string,
  patch: GoalPatch,
  ifMatch: string,
): Promise<Versioned<LearningGoal>> {
  const goal = await editableGoal(deps, caller, tandemId, goalId);
  if (patch.skillId !== undefined && patch.skillId !== goal.value.skillId) await requireActiveSkill(deps, caller, patch.skillId);
  const next = applyGoalPatch(goal.value, patch, caller.userId, deps.clock.now());
  if (ifMatch !== "*" && ifMatch !== goal.etag) {
    throw new TandemError("precondition_failed", "This goal was changed elsewhere: reload and try again.");
  }
  if (next === goal.value) return goal;
  return deps.repos.goals.replace(caller.tenantId, next, ifMatch === "*" ? goal.etag : ifMatch);
}

export async function deleteGoal(deps: Deps, caller: Caller, tandemId: string, goalId: string, ifMatch: string | null) {
  const goal = await editableGoal(deps, caller, tandemId, goalId);
  await deps.repos.goals.delete(caller.tenantId, tandemId, goalId, ifMatch ?? goal.etag);
}
