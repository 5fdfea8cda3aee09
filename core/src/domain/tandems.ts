import { z } from "zod";
import { HistoryEntry, Id, Instant, appendHistory, text } from "./common";
import { TandemError } from "../errors";
import { TandemMatch } from "./matching/fit-part";

export const tandemKinds = ["tandem", "circle"] as const;
export const TandemKind = z.enum(tandemKinds);
export type TandemKind = z.infer<typeof TandemKind>;

export const tandemStatuses = ["proposed", "accepted", "declined", "active", "paused", "completed", "withdrawn"] as const;
export const TandemStatus = z.enum(tandemStatuses);
export type TandemStatus = z.infer<typeof TandemStatus>;

export const CIRCLE_MIN_MENTEES = 2;
export const CIRCLE_MAX_MENTEES = 5;

const membershipShape = (t: { kind: TandemKind; mentorId: string; menteeIds: string[] }, ctx: z.RefinementCtx) => {
  if (t.kind === "tandem" && t.menteeIds.length !== 1) {
    ctx.addIssue({ code: "custom", path: ["menteeIds"], message: "a tandem has exactly one mentee" });
  }
  if (t.kind === "circle" && (t.menteeIds.length < CIRCLE_MIN_MENTEES || t.menteeIds.length > CIRCLE_MAX_MENTEES)) {
    ctx.addIssue({
      code: "custom",
      path: ["menteeIds"],
      message: `a circle has ${CIRCLE_MIN_MENTEES} to ${CIRCLE_MAX_MENTEES} mentees`,
    });
  }
  if (new Set(t.menteeIds).size !== t.menteeIds.length) {
    ctx.addIssue({ code: "custom", path: ["menteeIds"], message: "a mentee is listed twice" });
  }
  if (t.menteeIds.includes(t.mentorId)) {
    ctx.addIssue({ code: "custom", path: ["menteeIds"], message: "the mentor cannot also be a mentee" });
  }
};

export const TandemProposal = z
  .strictObject({
    kind: TandemKind,
    cycleId: Id,
    mentorId: Id,
    menteeIds: z.array(Id).min(1).max(CIRCLE_MAX_MENTEES),
  })
  .superRefine(membershipShape);
export type TandemProposal = z.infer<typeof TandemProposal>;

export const Tandem = z.strictObject({
  id: Id,
  kind: TandemKind,
  cycleId: Id,
  mentorId: Id,
  menteeIds: z.array(Id).min(1).max(CIRCLE_MAX_MENTEES),
  status: TandemStatus,
  /** Members who accepted the proposal; it becomes "accepted" once every member has. */
  acceptedBy: z.array(Id),
  declineReason: z.string().optional(),
  /** Completed before the cycle ended: it still counts as completed. */
  completedEarly: z.boolean().optional(),
  /** A proposal published from a matching run: the score and parts of each pair, shown to the members as "why". */
  match: TandemMatch.optional(),
  history: z.array(HistoryEntry),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Tandem = z.infer<typeof Tandem>;

export const tandemActions = ["accept", "decline", "activate", "pause", "resume", "complete", "reopen", "withdraw"] as const;
export const TandemAction = z.enum(tandemActions);
export type TandemAction = z.infer<typeof TandemAction>;

export const TransitionInput = z
  .strictObject({
    action: TandemAction,
    reason: text(500).optional(),
    /**
     * Pausing or ending: also cancel the sessions still to come that the caller booked, each through the one way to
     * cancel a session (its Outlook meeting is cancelled too). Meetings someone else booked stay theirs to cancel.
     */
    cancelUpcoming: z.boolean().optional(),
  })
  .refine((t) => t.action !== "decline" || (t.reason !== undefined && t.reason.length > 0), {
    message: "declining needs a reason",
    path: ["reason"],
  })
  .refine((t) => !t.cancelUpcoming || t.action === "pause" || t.action === "complete", {
    message: "only pausing or ending cancels the sessions to come",
    path: ["cancelUpcoming"],
  });
export type TransitionInput = z.infer<typeof TransitionInput>;

export const membersOf = (t: Pick<Tandem, "mentorId" | "menteeIds">): string[] => [t.mentorId, ...t.menteeIds];
export const isMember = (t: Pick<Tandem, "mentorId" | "menteeIds">, personId: string) =>
  membersOf(t).includes(personId);

/** Which status each action leaves from, and who may take it. */
const rules: Record<TandemAction, { from: readonly TandemStatus[]; by: "member" | "member-or-coordinator" | "coordinator" }> = {
  accept: { from: ["proposed"], by: "member" },
  decline: { from: ["proposed"], by: "member" },
  activate: { from: ["accepted"], by: "member-or-coordinator" },
  pause: { from: ["active"], by: "member-or-coordinator" },
  resume: { from: ["paused"], by: "member-or-coordinator" },
  complete: { from: ["accepted", "active", "paused"], by: "member-or-coordinator" },
  /** Ended too soon, or by mistake: the program's people start it again, the members cannot on their own. */
  reopen: { from: ["completed"], by: "coordinator" },
  /** A proposal that should not stand (a mistake, someone left): taken back before everyone accepted it. */
  withdraw: { from: ["proposed"], by: "coordinator" },
};

type Actor = { id: string; coordinator: boolean };

/**
 * Whether a person may take an action, whatever the status. In a circle, running it for everyone (activate,
 * pause, resume, complete) belongs to its mentor or a coordinator, not to one of several mentees.
 */
function mayTake(t: Tandem, action: TandemAction, actor: Actor): boolean {
  const rule = rules[action];
  if (rule.by === "member") return isMember(t, actor.id);
  if (rule.by === "coordinator") return actor.coordinator;
  const runner = t.kind === "circle" ? t.mentorId === actor.id : isMember(t, actor.id);
  return runner || actor.coordinator;
}

const whoMay = (t: Tandem, action: TandemAction) =>
  rules[action].by === "member"
    ? "a member"
    : rules[action].by === "coordinator"
      ? "a coordinator"
      : t.kind === "circle"
      ? "the mentor or a coordinator"
      : "a member or a coordinator";

/** The actions a person may take on a tandem now: what the tab offers as buttons. */
export const allowedActions = (t: Tandem, actor: Actor): TandemAction[] =>
  tandemActions.filter((a) => {
    if (!rules[a].from.includes(t.status)) return false;
    if (a === "accept" && t.acceptedBy.includes(actor.id)) return false;
    return mayTake(t, a, actor);
  });

export interface TransitionContext {
  actor: Actor;
  at: string;
  reason?: string;
  /** The last day of the tandem's cycle, to tell early completion. */
  cycleEndsOn?: string;
}

/** Applies one lifecycle action, or throws: only legal transitions exist, and each leaves a trace. */
export function transition(t: Tandem, action: TandemAction, ctx: TransitionContext): Tandem {
  const rule = rules[action];
  if (!mayTake(t, action, ctx.actor)) {
    throw new TandemError("forbidden", `Only ${whoMay(t, action)} may ${action} this ${t.kind}.`);
  }
  if (!rule.from.includes(t.status)) {
    throw new TandemError("illegal_transition", `A ${t.status} ${t.kind} cannot be ${pastTense[action]}.`);
  }
  if (action === "decline" && !ctx.reason?.trim()) {
    throw new TandemError("validation", "Declining needs a reason.", [{ pointer: "/reason", message: "declining needs a reason" }]);
  }
  if (action === "accept" && t.acceptedBy.includes(ctx.actor.id)) {
    throw new TandemError("illegal_transition", "You have already accepted.");
  }

  let next: Tandem = { ...t, updatedAt: ctx.at };
  switch (action) {
    case "accept": {
      const acceptedBy = [...t.acceptedBy, ctx.actor.id];
      const everyone = membersOf(t).every((m) => acceptedBy.includes(m));
      next = { ...next, acceptedBy, status: everyone ? "accepted" : "proposed" };
      break;
    }
    case "decline":
      next = { ...next, status: "declined", declineReason: ctx.reason!.trim() };
      break;
    case "activate":
    case "resume":
      next = { ...next, status: "active" };
      break;
    case "reopen": {
      const { completedEarly: _early, ...open } = next;
      next = { ...open, status: "active" };
      break;
    }
    case "withdraw":
      next = { ...next, status: "withdrawn" };
      break;
    case "pause":
      next = { ...next, status: "paused" };
      break;
    case "complete":
      next = {
        ...next,
        status: "completed",
        completedEarly: ctx.cycleEndsOn !== undefined && ctx.at.slice(0, 10) < ctx.cycleEndsOn,
      };
      break;
  }
  next.history = appendHistory(t.history, {
    at: ctx.at,
    by: ctx.actor.id,
    action,
    ...(t.status !== next.status ? { changes: { status: { from: t.status, to: next.status } } } : {}),
    ...(ctx.reason?.trim() ? { reason: ctx.reason.trim() } : {}),
  });
  return next;
}

const pastTense: Record<TandemAction, string> = {
  accept: "accepted",
  decline: "declined",
  activate: "activated",
  pause: "paused",
  resume: "resumed",
  complete: "completed",
  reopen: "reopened",
  withdraw: "withdrawn",
};

export const newTandem = (id: string, p: TandemProposal, by: string, at: string): Tandem => ({
  id,
  kind: p.kind,
  cycleId: p.cycleId,
  mentorId: p.mentorId,
  menteeIds: [...p.menteeIds],
  status: "proposed",
  acceptedBy: [],
  history: [{ at, by, action: "propose" }],
  createdAt: at,
  updatedAt: at,
});

/** Goals, sessions and notes can be worked on from acceptance until completion. */
export const isWorkable = (t: Pick<Tandem, "status">) =>
  t.status === "accepted" || t.status === "active" || t.status === "paused";
