import { describe, it, expect } from "vitest";
import {
  TandemError,
  TandemProposal,
  allowedActions,
  newTandem,
  tandemActions,
  tandemStatuses,
  transition,
  type Tandem,
  type TandemAction,
  type TandemStatus,
  type TransitionContext,
} from "../src/index";

const MENTOR = "11111111-1111-4111-8111-111111111111";
const MENTEE_A = "22222222-2222-4222-8222-222222222222";
const MENTEE_B = "33333333-3333-4333-8333-333333333333";
const MENTEE_C = "44444444-4444-4444-8444-444444444444";
const COORDINATOR = "55555555-5555-4555-8555-555555555555";
const OUTSIDER = "66666666-6666-4666-8666-666666666666";
const CYCLE = "77777777-7777-4777-8777-777777777777";
const TANDEM_ID = "88888888-8888-4888-8888-888888888888";
const EXTRA = ["99999999-9999-4999-8999-999999999991", "99999999-9999-4999-8999-999999999992", "99999999-9999-4999-8999-999999999993", "99999999-9999-4999-8999-999999999994", "99999999-9999-4999-8999-999999999995"];

const CREATED = "2025-03-01T09:00:00.000Z";
const NOW = "2025-04-10T14:30:00.000Z";

const as = (id: string, coordinator = false) => ({ id, coordinator });
const ctx = (actor: { id: string; coordinator: boolean }, extra: Partial<TransitionContext> = {}): TransitionContext => ({
  actor,
  at: NOW,
  ...extra,
});

const circle = (status: TandemStatus = "proposed", acceptedBy: string[] = []): Tandem => ({
  ...newTandem(TANDEM_ID, { kind: "circle", cycleId: CYCLE, mentorId: MENTOR, menteeIds: [MENTEE_A, MENTEE_B] }, COORDINATOR, CREATED),
  status,
  acceptedBy,
});

const tandem = (status: TandemStatus = "proposed", acceptedBy: string[] = []): Tandem => ({
  ...newTandem(TANDEM_ID, { kind: "tandem", cycleId: CYCLE, mentorId: MENTOR, menteeIds: [MENTEE_A] }, COORDINATOR, CREATED),
  status,
  acceptedBy,
});

/** The lifecycle as DESIGN.md tells it, written independently of the rules table in src. */
const legal: Record<TandemStatus, TandemAction[]> = {
  proposed: ["accept", "decline"],
  accepted: ["activate", "complete"],
  declined: [],
  active: ["pause", "complete"],
  paused: ["resume", "complete"],
  completed: [],
  withdrawn: [],
};

/** What only a coordinator may do: take a proposal back, start a completed tandem again. */
const coordinatorOnly: Partial<Record<TandemStatus, TandemAction[]>> = { proposed: ["withdraw"], completed: ["reopen"] };
const coordinatorMay = (status: TandemStatus, action: TandemAction) => coordinatorOnly[status]?.includes(action) ?? false;

const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a TandemError, nothing was thrown");
};

const codeOf = (f: () => unknown) => {
  const e = caught(f);
  expect(e).toBeInstanceOf(TandemError);
  return (e as TandemError).code;
};

describe("newTandem", () => {
  it("starts proposed, with nobody having accepted and the proposal in its history", () => {
    const t = tandem();
    expect(t.status).toBe("proposed");
    expect(t.acceptedBy).toEqual([]);
    expect(t.history).toEqual([{ at: CREATED, by: COORDINATOR, action: "propose" }]);
  });
});

describe("transition: accepting", () => {
  it("stays proposed until every member of a circle has accepted, then becomes accepted", () => {
    let t = circle();
    t = transition(t, "accept", ctx(as(MENTEE_A)));
    expect(t.status).toBe("proposed");
    expect(t.acceptedBy).toEqual([MENTEE_A]);
    t = transition(t, "accept", ctx(as(MENTOR)));
    expect(t.status).toBe("proposed");
    t = transition(t, "accept", ctx(as(MENTEE_B)));
    expect(t.status).toBe("accepted");
    expect(new Set(t.acceptedBy)).toEqual(new Set([MENTOR, MENTEE_A, MENTEE_B]));
  });

  it("a one-to-one tandem is accepted once both the mentor and the mentee have accepted", () => {
    const once = transition(tandem(), "accept", ctx(as(MENTOR)));
    expect(once.status).toBe("proposed");
    const twice = transition(once, "accept", ctx(as(MENTEE_A)));
    expect(twice.status).toBe("accepted");
  });

  it("records each acceptance in the history, with the status change only on the last one", () => {
    const once = transition(tandem(), "accept", ctx(as(MENTOR), { at: "2025-04-01T08:00:00.000Z" }));
    const twice = transition(once, "accept", ctx(as(MENTEE_A), { at: "2025-04-02T08:00:00.000Z" }));
    expect(twice.history.slice(1)).toEqual([
      { at: "2025-04-01T08:00:00.000Z", by: MENTOR, action: "accept" },
      {
        at: "2025-04-02T08:00:00.000Z",
        by: MENTEE_A,
        action: "accept",
        changes: { status: { from: "proposed", to: "accepted" } },
      },
    ]);
    expect(twice.updatedAt).toBe("2025-04-02T08:00:00.000Z");
    expect(twice.createdAt).toBe(CREATED);
  });

  it("refuses a second acceptance by the same person", () => {
    const once = transition(circle(), "accept", ctx(as(MENTEE_A)));
    expect(codeOf(() => transition(once, "accept", ctx(as(MENTEE_A))))).toBe("illegal_transition");
  });

  it("does not modify the tandem it was given", () => {
    const t = circle();
    const snapshot = structuredClone(t);
    transition(t, "accept", ctx(as(MENTEE_A)));
    expect(t).toEqual(snapshot);
  });
});

describe("transition: declining", () => {
  it("declines with the reason, trimmed, on the tandem and in the history", () => {
    const t = transition(circle("proposed", [MENTOR]), "decline", ctx(as(MENTEE_B), { reason: "  No time this quarter  " }));
    expect(t.status).toBe("declined");
    expect(t.declineReason).toBe("No time this quarter");
    expect(t.history.at(-1)).toEqual({
      at: NOW,
      by: MENTEE_B,
      action: "decline",
      changes: { status: { from: "proposed", to: "declined" } },
      reason: "No time this quarter",
    });
  });

  it.each([undefined, "", "   "])("refuses to decline without a reason (%j)", (reason) => {
    const e = caught(() => transition(tandem(), "decline", ctx(as(MENTEE_A), reason === undefined ? {} : { reason })));
    expect(e).toBeInstanceOf(TandemError);
    expect((e as TandemError).code).toBe("validation");
    expect((e as TandemError).problems).toEqual([{ pointer: "/reason", message: expect.any(String) }]);
  });
});

describe("transition: running the tandem", () => {
  it("activates, pauses, resumes and completes, leaving one history entry per step", () => {
    let t = tandem("accepted", [MENTOR, MENTEE_A]);
    t = transition(t, "activate", ctx(as(MENTOR), { at: "2025-04-01T00:00:00.000Z" }));
    expect(t.status).toBe("active");
    t = transition(t, "pause", ctx(as(MENTEE_A), { at: "2025-05-01T00:00:00.000Z", reason: "Parental leave" }));
    expect(t.status).toBe("paused");
    t = transition(t, "resume", ctx(as(MENTEE_A), { at: "2025-06-01T00:00:00.000Z" }));
    expect(t.status).toBe("active");
    t = transition(t, "complete", ctx(as(MENTOR), { at: "2025-07-01T00:00:00.000Z" }));
    expect(t.status).toBe("completed");
    expect(t.history.slice(1)).toEqual([
      { at: "2025-04-01T00:00:00.000Z", by: MENTOR, action: "activate", changes: { status: { from: "accepted", to: "active" } } },
      {
        at: "2025-05-01T00:00:00.000Z",
        by: MENTEE_A,
        action: "pause",
        changes: { status: { from: "active", to: "paused" } },
        reason: "Parental leave",
      },
      { at: "2025-06-01T00:00:00.000Z", by: MENTEE_A, action: "resume", changes: { status: { from: "paused", to: "active" } } },
      { at: "2025-07-01T00:00:00.000Z", by: MENTOR, action: "complete", changes: { status: { from: "active", to: "completed" } } },
    ]);
  });

  it("flags a completion before the end of the cycle as early; it still counts as completed", () => {
    const t = transition(tandem("active"), "complete", ctx(as(MENTOR), { at: "2025-05-15T10:00:00.000Z", cycleEndsOn: "2025-06-30" }));
    expect(t.status).toBe("completed");
    expect(t.completedEarly).toBe(true);
  });

  it("does not flag a completion on the last day of the cycle or after it as early", () => {
    const onLastDay = transition(tandem("active"), "complete", ctx(as(MENTOR), { at: "2025-06-30T16:00:00.000Z", cycleEndsOn: "2025-06-30" }));
    const after = transition(tandem("paused"), "complete", ctx(as(MENTOR), { at: "2025-07-02T09:00:00.000Z", cycleEndsOn: "2025-06-30" }));
    expect(onLastDay.completedEarly).toBe(false);
    expect(after.completedEarly).toBe(false);
  });

  it("keeps the history bounded: the oldest entries go first", () => {
    const long = tandem("active");
    long.history = Array.from({ length: 100 }, (_, i) => ({ at: CREATED, by: MENTOR, action: `old-${i}` }));
    const t = transition(long, "pause", ctx(as(MENTOR)));
    expect(t.history).toHaveLength(100);
    expect(t.history[0]!.action).toBe("old-1");
    expect(t.history.at(-1)!.action).toBe("pause");
  });
});

describe("transition: illegal transitions", () => {
  const cases = tandemStatuses.flatMap((status) =>
    tandemActions.filter((a) => !legal[status].includes(a) && !coordinatorMay(status, a)).map((action) => ({ status, action })),
  );

  it("covers every status × action pair outside the lifecycle", () => {
    expect(cases).toHaveLength(tandemStatuses.length * tandemActions.length - 10);
  });

  it.each([
    { status: "proposed", action: "withdraw" },
    { status: "completed", action: "reopen" },
  ] as const)("a member may not $action a $status tandem: it is a coordinator's", ({ status, action }) => {
    const t = tandem(status, status === "proposed" ? [] : [MENTOR, MENTEE_A]);
    expect(codeOf(() => transition(t, action, ctx(as(MENTOR), { reason: "because" })))).toBe("forbidden");
  });

  it.each(cases)("a member cannot $action a $status tandem", ({ status, action }) => {
    const t = tandem(status, status === "proposed" ? [] : [MENTOR, MENTEE_A]);
    const coordinators = action === "reopen" || action === "withdraw";
    expect(codeOf(() => transition(t, action, ctx(as(MENTOR), { reason: "because" })))).toBe(coordinators ? "forbidden" : "illegal_transition");
  });

  it.each(cases.filter((c) => c.action !== "accept" && c.action !== "decline"))(
    "a coordinator cannot $action a $status tandem either",
    ({ status, action }) => {
      expect(codeOf(() => transition(tandem(status), action, ctx(as(COORDINATOR, true), { reason: "because" })))).toBe(
        "illegal_transition",
      );
    },
  );
});

describe("transition: reopening and withdrawing (coordinators)", () => {
  it("a coordinator reopens a completed tandem: active again, no longer completed early, the reason in its history", () => {
    const completed = transition(tandem("active", [MENTOR, MENTEE_A]), "complete", ctx(as(MENTOR), { cycleEndsOn: "2025-06-30", reason: "Moving teams" }));
    expect(completed.completedEarly).toBe(true);
    expect(completed.history.at(-1)).toMatchObject({ action: "complete", reason: "Moving teams" });
    const reopened = transition(completed, "reopen", ctx(as(COORDINATOR, true), { reason: "Ended by mistake" }));
    expect(reopened.status).toBe("active");
    expect(reopened.completedEarly).toBeUndefined();
    expect(reopened.history.at(-1)).toMatchObject({
      action: "reopen",
      by: COORDINATOR,
      reason: "Ended by mistake",
      changes: { status: { from: "completed", to: "active" } },
    });
  });

  it("no member reopens a tandem, not even its mentor, and nobody reopens one that is not completed", () => {
    const completed = tandem("completed", [MENTOR, MENTEE_A]);
    for (const who of [MENTOR, MENTEE_A]) expect(codeOf(() => transition(completed, "reopen", ctx(as(who))))).toBe("forbidden");
    expect(allowedActions(completed, as(MENTOR))).toEqual([]);
    expect(allowedActions(completed, as(COORDINATOR, true))).toEqual(["reopen"]);
    expect(codeOf(() => transition(tandem("paused"), "reopen", ctx(as(COORDINATOR, true))))).toBe("illegal_transition");
  });

  it("a coordinator withdraws a proposal, even one some members accepted; a member cannot", () => {
    const half = circle("proposed", [MENTEE_A]);
    expect(codeOf(() => transition(half, "withdraw", ctx(as(MENTOR))))).toBe("forbidden");
    const withdrawn = transition(half, "withdraw", ctx(as(COORDINATOR, true), { reason: "Mentor leaving" }));
    expect(withdrawn.status).toBe("withdrawn");
    expect(withdrawn.history.at(-1)).toMatchObject({ action: "withdraw", reason: "Mentor leaving" });
    expect(allowedActions(withdrawn, as(COORDINATOR, true))).toEqual([]);
    expect(codeOf(() => transition(tandem("accepted", [MENTOR, MENTEE_A]), "withdraw", ctx(as(COORDINATOR, true))))).toBe("illegal_transition");
  });

  it("pausing keeps its optional reason in the history", () => {
    const paused = transition(tandem("active", [MENTOR, MENTEE_A]), "pause", ctx(as(MENTEE_A), { reason: "  Busy quarter " }));
    expect(paused.history.at(-1)).toMatchObject({ action: "pause", reason: "Busy quarter" });
  });
});

describe("transition: who may act", () => {
  it.each(tandemStatuses.flatMap((status) => tandemActions.map((action) => ({ status, action }))))(
    "someone outside the tandem who is not a coordinator cannot $action a $status tandem",
    ({ status, action }) => {
      expect(codeOf(() => transition(tandem(status), action, ctx(as(OUTSIDER), { reason: "because" })))).toBe("forbidden");
    },
  );

  it("a coordinator may pause and complete a tandem they are not part of", () => {
    const paused = transition(tandem("active"), "pause", ctx(as(COORDINATOR, true)));
    expect(paused.status).toBe("paused");
    expect(paused.history.at(-1)!.by).toBe(COORDINATOR);
    const completed = transition(paused, "complete", ctx(as(COORDINATOR, true)));
    expect(completed.status).toBe("completed");
  });

  it.each(["accept", "decline"] as const)("a coordinator cannot %s on behalf of the members", (action) => {
    expect(codeOf(() => transition(tandem(), action, ctx(as(COORDINATOR, true), { reason: "no" })))).toBe("forbidden");
  });

  it("a coordinator who is also the mentor accepts as the mentor", () => {
    const t = transition(tandem(), "accept", ctx(as(MENTOR, true)));
    expect(t.acceptedBy).toEqual([MENTOR]);
  });
});

describe("allowedActions matches what transition permits", () => {
  const actors = [
    { name: "mentor", actor: as(MENTOR) },
    { name: "first mentee", actor: as(MENTEE_A) },
    { name: "second mentee", actor: as(MENTEE_B) },
    { name: "coordinator", actor: as(COORDINATOR, true) },
    { name: "outsider", actor: as(OUTSIDER) },
  ];
  const states: { name: string; t: Tandem }[] = [
    ...tandemStatuses.map((s) => ({ name: `circle ${s}`, t: circle(s, s === "proposed" ? [] : [MENTOR, MENTEE_A, MENTEE_B]) })),
    { name: "circle proposed, accepted by the mentor and the first mentee", t: circle("proposed", [MENTOR, MENTEE_A]) },
    ...tandemStatuses.map((s) => ({ name: `tandem ${s}`, t: tandem(s, s === "proposed" ? [] : [MENTOR, MENTEE_A]) })),
  ];

  for (const { name, t } of states) {
    for (const { name: who, actor } of actors) {
      it(`${name}, as the ${who}`, () => {
        const allowed = allowedActions(t, actor);
        for (const action of tandemActions) {
          const run = () => transition(t, action, ctx(actor, { reason: "Schedules do not fit" }));
          if (allowed.includes(action)) expect(run).not.toThrow();
          else expect(run).toThrow(TandemError);
        }
      });
    }
  }

  it("offers a member exactly the lifecycle's next steps", () => {
    for (const status of tandemStatuses) {
      expect(new Set(allowedActions(tandem(status), as(MENTOR)))).toEqual(new Set(legal[status]));
    }
  });

  it("no longer offers accept to someone who already accepted, but still offers decline", () => {
    expect(allowedActions(circle("proposed", [MENTEE_A]), as(MENTEE_A))).toEqual(["decline"]);
    expect(allowedActions(circle("proposed", [MENTEE_A]), as(MENTEE_B))).toEqual(["accept", "decline"]);
  });

  it("offers nothing to an outsider, and a coordinator withdrawing a proposal but never accepting it for the members", () => {
    for (const status of tandemStatuses) expect(allowedActions(tandem(status), as(OUTSIDER))).toEqual([]);
    expect(allowedActions(tandem("proposed"), as(COORDINATOR, true))).toEqual(["withdraw"]);
  });
});

describe("TandemProposal", () => {
  const proposal = (kind: "tandem" | "circle", menteeIds: string[], mentorId = MENTOR) =>
    TandemProposal.safeParse({ kind, cycleId: CYCLE, mentorId, menteeIds });

  it("accepts a tandem with exactly one mentee", () => {
    expect(proposal("tandem", [MENTEE_A]).success).toBe(true);
  });

  it.each([[[MENTEE_A, MENTEE_B]], [[]]])("refuses a tandem with %j mentees", (menteeIds) => {
    expect(proposal("tandem", menteeIds).success).toBe(false);
  });

  it.each([2, 3, 4, 5])("accepts a circle of %i mentees", (n) => {
    expect(proposal("circle", EXTRA.slice(0, n)).success).toBe(true);
  });

  it.each([0, 1, 6])("refuses a circle of %i mentees", (n) => {
    const ids = [...EXTRA, MENTEE_A].slice(0, n);
    expect(proposal("circle", ids).success).toBe(false);
  });

  it("refuses a mentor who is also one of the mentees", () => {
    const r = proposal("circle", [MENTEE_A, MENTOR]);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toContainEqual(["menteeIds"]);
    expect(proposal("tandem", [MENTOR]).success).toBe(false);
  });

  it("refuses a mentee listed twice", () => {
    expect(proposal("circle", [MENTEE_A, MENTEE_A]).success).toBe(false);
    expect(proposal("circle", [MENTEE_A, MENTEE_B, MENTEE_A]).success).toBe(false);
    expect(proposal("circle", [MENTEE_A, MENTEE_B, MENTEE_C]).success).toBe(true);
  });

  it("refuses unknown fields and ids that are not GUIDs", () => {
    expect(
      TandemProposal.safeParse({ kind: "tandem", cycleId: CYCLE, mentorId: MENTOR, menteeIds: [MENTEE_A], status: "active" }).success,
    ).toBe(false);
    expect(proposal("tandem", ["alice"]).success).toBe(false);
  });
});

describe("running a circle", () => {
  const active = () => ({ ...circle("active", [MENTOR, MENTEE_A, MENTEE_B]) });

  it.each(["pause", "complete"] as const)("lets the mentor %s a circle for everyone, not one of its mentees", (action) => {
    expect(transition(active(), action, ctx(as(MENTOR))).status).not.toBe("active");
    expect((caught(() => transition(active(), action, ctx(as(MENTEE_A)))) as TandemError).code).toBe("forbidden");
    expect(allowedActions(active(), as(MENTEE_A))).not.toContain(action);
    expect(allowedActions(active(), as(MENTOR))).toContain(action);
  });

  it("still lets a mentee of a tandem (one mentee) pause it", () => {
    const t = tandem("active", [MENTOR, MENTEE_A]);
    expect(transition(t, "pause", ctx(as(MENTEE_A))).status).toBe("paused");
  });
});
