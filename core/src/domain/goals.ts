import { z } from "zod";
import { CalendarDate, HistoryEntry, HttpsUrl, Id, Instant, SkillId, appendHistory, text } from "./common";
import { TandemError } from "../errors";

export const goalStatuses = ["not_started", "in_progress", "achieved", "abandoned"] as const;
export const GoalStatus = z.enum(goalStatuses);
export type GoalStatus = z.infer<typeof GoalStatus>;

/** "Tie learning to a real project": a Teams channel or a plain link. */
export const ProjectLink = z.strictObject({
  kind: z.enum(["teams-channel", "link"]),
  url: HttpsUrl,
  name: text(120).optional(),
});
export type ProjectLink = z.infer<typeof ProjectLink>;

const goalFields = {
  title: text(120, 1),
  skillId: SkillId,
  successCriterion: text(500),
  targetDate: CalendarDate,
  status: GoalStatus,
  progress: z.int().min(0).max(100),
  project: ProjectLink.nullable(),
};

export const GoalInput = z.strictObject({
  menteeId: Id,
  title: goalFields.title,
  skillId: goalFields.skillId,
  successCriterion: goalFields.successCriterion,
  targetDate: goalFields.targetDate,
  status: goalFields.status.default("not_started"),
  progress: goalFields.progress.default(0),
  project: goalFields.project.default(null),
});
export type GoalInput = z.infer<typeof GoalInput>;

export const GoalPatch = z
  .strictObject({
    title: goalFields.title,
    skillId: goalFields.skillId,
    successCriterion: goalFields.successCriterion,
    targetDate: goalFields.targetDate,
    status: goalFields.status,
    progress: goalFields.progress,
    project: goalFields.project,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, "change at least one field");
export type GoalPatch = z.infer<typeof GoalPatch>;

export const LearningGoal = z.strictObject({
  id: Id,
  tandemId: Id,
  menteeId: Id,
  ...goalFields,
  history: z.array(HistoryEntry),
  createdAt: Instant,
  updatedAt: Instant,
});
export type LearningGoal = z.infer<typeof LearningGoal>;

const badProgress = (message: string) =>
  new TandemError("validation", `${message[0]!.toUpperCase()}${message.slice(1)}.`, [{ pointer: "/progress", message }]);

/**
 * Progress and status tell the same story: an achieved goal is at 100 %, a goal at 100 % is achieved (unless
 * abandoned), and a goal with progress has started. What the person set explicitly wins over what follows.
 */
function reconcile(goal: LearningGoal, patch: GoalPatch): LearningGoal {
  const next = { ...goal, ...patch };
  const onlyStatus = patch.status !== undefined && patch.progress === undefined;
  if (next.status === "achieved") {
    if (patch.status !== "achieved" && patch.progress !== undefined && patch.progress !== 100) {
      throw badProgress("an achieved goal is at 100 % progress");
    }
    next.progress = 100;
  } else if (next.progress === 100 && next.status !== "abandoned") {
    if (onlyStatus) throw badProgress("lower the progress to reopen a goal at 100 %");
    next.status = "achieved";
  } else if (next.status === "not_started" && next.progress > 0) {
    if (onlyStatus) next.progress = 0;
    else next.status = "in_progress";
  }
  return next;
}

export function newGoal(id: string, tandemId: string, input: GoalInput, by: string, at: string): LearningGoal {
  const base: LearningGoal = {
    id,
    tandemId,
    ...input,
    history: [{ at, by, action: "create" }],
    createdAt: at,
    updatedAt: at,
  };
  // The default status is not a choice the person made: let the progress speak.
  const goal = reconcile(base, {
    progress: input.progress,
    ...(input.status !== "not_started" ? { status: input.status } : {}),
  });
  return { ...goal, history: base.history };
}

/** Applies a change and records, field by field, what it was and what it became. */
export function applyGoalPatch(goal: LearningGoal, patch: GoalPatch, by: string, at: string): LearningGoal {
  const next = reconcile(goal, patch);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(goalFields) as (keyof typeof goalFields)[]) {
    if (JSON.stringify(goal[key]) !== JSON.stringify(next[key])) changes[key] = { from: goal[key], to: next[key] };
  }
  if (Object.keys(changes).length === 0) return goal;
  return { ...next, updatedAt: at, history: appendHistory(goal.history, { at, by, action: "update", changes }) };
}
