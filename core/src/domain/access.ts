import type { Tandem } from "./tandems";
import type { CheckIn, Note } from "./sessions";
import type { LearningGoal } from "./goals";

/**
 * "Who may see what" (DESIGN.md) as pure rules. Managers never appear here: they only read aggregates
 * (reports/), so a manager who is not a member relates to a tandem as "none".
 */
export type Relation = "mentor" | "mentee" | "coordinator" | "none";

export interface Viewer {
  id: string;
  coordinator: boolean;
}

export const relationTo = (t: Pick<Tandem, "mentorId" | "menteeIds">, v: Viewer): Relation =>
  t.mentorId === v.id ? "mentor" : t.menteeIds.includes(v.id) ? "mentee" : v.coordinator ? "coordinator" : "none";

export const isParticipant = (r: Relation) => r === "mentor" || r === "mentee";

/** A mentee edits their own goals; the mentor edits any goal of the tandem. */
export const canEditGoal = (r: Relation, goal: Pick<LearningGoal, "menteeId">, v: Viewer) =>
  r === "mentor" || (r === "mentee" && goal.menteeId === v.id);

/** Private notes reach their author only; shared notes reach the tandem. Coordinators read neither. */
export const canReadNote = (n: Pick<Note, "authorId" | "visibility">, r: Relation, v: Viewer) =>
  n.authorId === v.id || (n.visibility === "shared" && isParticipant(r));

/** Participants read each other's check-ins; a coordinator reads the rating, never the free text. */
export function checkInFor(c: CheckIn, r: Relation): CheckIn | null {
  if (isParticipant(r)) return c;
  if (r === "coordinator") {
    const { learned: _l, willTry: _w, ...rest } = c;
    return rest;
  }
  return null;
}
