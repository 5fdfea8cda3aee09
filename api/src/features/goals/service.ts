import {
  TandemError,
  applyGoalPatch,
  canEditGoal,
  isWorkable,
  newGoal,
  notFound,
  type GoalInput,
  type GoalPatch,
  type LearningGoal,
  type Versioned,
} from "@tandem/core";
import type { MemberAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { createOnce } from "../../platform/idempotent-create";
import { writeVersion } from "../../platform/versions";

const viewer = (c: Caller) => ({ id: c.userId, coordinator: c.coordinator });

export async function createGoal(
  deps: Deps,
  caller: Caller,
  { tandem, relation }: MemberAccess,
  input: GoalInput,
  key: string | null = null,
): Promise<Versioned<LearningGoal>> {
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
  // The status and progress may be reconciled on the way in: the rest is what a retry must send again.
  const { status: _s, progress: _p, ...fields } = input;
  const saved = await createOnce(deps, caller, {
    kind: `goal|${tandem.value.id}`,
    key,
    fields,
    create: (id) => deps.repos.goals.create(caller.tenantId, newGoal(id, tandem.value.id, input, caller.userId, deps.clock.now())),
    find: (id) => deps.repos.goals.get(caller.tenantId, tandem.value.id, id),
  });
  await deps.aggregates.tandemChanged(caller.tenantId, tandem.value.id);
  return saved;
}

async function requireActiveSkill(deps: Deps, caller: Caller, skillId: string) {
  const skill = await deps.repos.skills.get(caller.tenantId, skillId);
  if (!skill || skill.value.retired) {
    throw new TandemError("validation", "Choose a skill from the catalogue.", [{ pointer: "/skillId", message: "not in the catalogue" }]);
  }
}

/** A goal its mentee or the mentor may still change: the tandem still runs. */
function editable(caller: Caller, { tandem, relation }: MemberAccess, goal: Versioned<LearningGoal> | null) {
  if (!goal) throw notFound("This goal");
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
  access: MemberAccess,
  found: Versioned<LearningGoal> | null,
  patch: GoalPatch,
  ifMatch: string,
): Promise<Versioned<LearningGoal>> {
  const goal = editable(caller, access, found);
  if (patch.skillId !== undefined && patch.skillId !== goal.value.skillId) await requireActiveSkill(deps, caller, patch.skillId);
  const next = applyGoalPatch(goal.value, patch, caller.userId, deps.clock.now());
  const version = writeVersion(ifMatch, goal, "This goal");
  if (next === goal.value) return goal;
  const saved = await deps.repos.goals.replace(caller.tenantId, next, version);
  await deps.aggregates.tandemChanged(caller.tenantId, next.tandemId);
  return saved;
}

export async function deleteGoal(deps: Deps, caller: Caller, access: MemberAccess, found: Versioned<LearningGoal> | null, ifMatch: string | null) {
  const goal = editable(caller, access, found);
  await deps.repos.goals.delete(caller.tenantId, goal.value.tandemId, goal.value.id, writeVersion(ifMatch, goal, "This goal"));
  await deps.aggregates.tandemChanged(caller.tenantId, goal.value.tandemId);
}
