import { describe, it, expect } from "vitest";
import {
  GoalInput,
  GoalPatch,
  LearningGoal,
  TandemError,
  applyGoalPatch,
  newGoal,
  type LearningGoal as Goal,
} from "../src/index";

const MENTEE = "22222222-2222-4222-8222-222222222222";
const MENTOR = "11111111-1111-4111-8111-111111111111";
const GOAL_ID = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const TANDEM_ID = "88888888-8888-4888-8888-888888888888";
const CREATED = "2025-03-01T09:00:00.000Z";
const LATER = "2025-04-10T14:30:00.000Z";

const input = (extra: Record<string, unknown> = {}) =>
  GoalInput.parse({
    menteeId: MENTEE,
    title: "Run a Teams live event",
    skillId: "teams-events",
    successCriterion: "I host the April town hall without help",
    targetDate: "2025-06-30",
    ...extra,
  });

const goal = (extra: Record<string, unknown> = {}): Goal => newGoal(GOAL_ID, TANDEM_ID, input(extra), MENTEE, CREATED);

const rejects = (f: () => unknown, pointer: string) => {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TandemError);
  expect((error as TandemError).code).toBe("validation");
  expect((error as TandemError).problems.map((p) => p.pointer)).toContain(pointer);
};

describe("GoalInput", () => {
  it("defaults a new goal to not started, at 0 %, without a project", () => {
    const i = input();
    expect(i.status).toBe("not_started");
    expect(i.progress).toBe(0);
    expect(i.project).toBeNull();
  });

  it("trims the title and refuses a blank one", () => {
    expect(input({ title: "  Use Copilot in Excel  " }).title).toBe("Use Copilot in Excel");
    expect(GoalInput.safeParse({ ...input(), title: "   " }).success).toBe(false);
  });

  it("refuses a progress outside 0–100 or not a whole number", () => {
    for (const progress of [-1, 101, 12.5]) expect(GoalInput.safeParse({ ...input(), progress }).success).toBe(false);
  });
});

describe("newGoal", () => {
  it("creates the goal in its tandem, with a creation entry in its history", () => {
    const g = goal();
    expect(g).toMatchObject({
      id: GOAL_ID,
      tandemId: TANDEM_ID,
      menteeId: MENTEE,
      title: "Run a Teams live event",
      status: "not_started",
      progress: 0,
      createdAt: CREATED,
      updatedAt: CREATED,
    });
    expect(g.history).toEqual([{ at: CREATED, by: MENTEE, action: "create" }]);
    expect(LearningGoal.safeParse(g).success).toBe(true);
  });

  it("puts a goal created as achieved at 100 %", () => {
    expect(goal({ status: "achieved" }).progress).toBe(100);
  });

  it("starts a goal created with some progress as in progress", () => {
    expect(goal({ progress: 30 }).status).toBe("in_progress");
  });

  it("a goal created at 100 % (status not given) is achieved", () => {
    expect(goal({ progress: 100 }).status).toBe("achieved");
  });
});

describe("applyGoalPatch", () => {
  it("applies a change and records, field by field, what it was and what it became", () => {
    const before = goal();
    const after = applyGoalPatch(before, { title: "Run the April town hall", targetDate: "2025-04-30" }, MENTOR, LATER);
    expect(after.title).toBe("Run the April town hall");
    expect(after.targetDate).toBe("2025-04-30");
    expect(after.updatedAt).toBe(LATER);
    expect(after.createdAt).toBe(CREATED);
    expect(after.history).toEqual([
      ...before.history,
      {
        at: LATER,
        by: MENTOR,
        action: "update",
        changes: {
          title: { from: "Run a Teams live event", to: "Run the April town hall" },
          targetDate: { from: "2025-06-30", to: "2025-04-30" },
        },
      },
    ]);
  });

  it("records only the fields that really changed", () => {
    const after = applyGoalPatch(goal(), { title: "Run a Teams live event", progress: 20 }, MENTEE, LATER);
    expect(Object.keys(after.history.at(-1)!.changes!).sort()).toEqual(["progress", "status"]);
  });

  it("records a project link being attached", () => {
    const project = { kind: "teams-channel" as const, url: "https://teams.microsoft.com/l/channel/19%3Aabc", name: "Town hall" };
    const after = applyGoalPatch(goal(), { project }, MENTEE, LATER);
    expect(after.project).toEqual(project);
    expect(after.history.at(-1)!.changes).toEqual({ project: { from: null, to: project } });
  });

  it("returns the very same goal, without a history entry, when nothing changes", () => {
    const before = goal({ progress: 40 });
    const after = applyGoalPatch(before, { title: before.title, progress: 40 }, MENTOR, LATER);
    expect(after).toBe(before);
    expect(after.updatedAt).toBe(CREATED);
    expect(after.history).toHaveLength(1);
  });

  it("puts a goal marked achieved at 100 %, and records both changes", () => {
    const after = applyGoalPatch(goal({ progress: 60 }), { status: "achieved" }, MENTEE, LATER);
    expect(after.status).toBe("achieved");
    expect(after.progress).toBe(100);
    expect(after.history.at(-1)!.changes).toEqual({
      status: { from: "in_progress", to: "achieved" },
      progress: { from: 60, to: 100 },
    });
  });

  it("marks a goal brought to 100 % as achieved", () => {
    const after = applyGoalPatch(goal({ progress: 80 }), { progress: 100 }, MENTEE, LATER);
    expect(after.status).toBe("achieved");
    expect(after.progress).toBe(100);
  });

  it("moves a not-started goal to in progress as soon as it has progress", () => {
    expect(applyGoalPatch(goal(), { progress: 10 }, MENTEE, LATER).status).toBe("in_progress");
  });

  it("keeps an in-progress goal in progress when its progress changes below 100", () => {
    expect(applyGoalPatch(goal({ progress: 10 }), { progress: 70 }, MENTEE, LATER).status).toBe("in_progress");
  });

  it("keeps an abandoned goal abandoned, even at 100 %", () => {
    const abandoned = applyGoalPatch(goal({ progress: 50 }), { status: "abandoned" }, MENTEE, LATER);
    const after = applyGoalPatch(abandoned, { progress: 100 }, MENTEE, LATER);
    expect(after.status).toBe("abandoned");
    expect(after.progress).toBe(100);
  });

  it("keeps an abandoned goal abandoned when its progress moves", () => {
    const abandoned = applyGoalPatch(goal(), { status: "abandoned" }, MENTEE, LATER);
    expect(applyGoalPatch(abandoned, { progress: 20 }, MENTEE, LATER).status).toBe("abandoned");
  });

  it("refuses to lower the progress of an achieved goal without reopening it", () => {
    const achieved = goal({ status: "achieved" });
    rejects(() => applyGoalPatch(achieved, { progress: 50 }, MENTEE, LATER), "/progress");
  });

  it("reopens an achieved goal when status and progress change together", () => {
    const after = applyGoalPatch(goal({ status: "achieved" }), { status: "in_progress", progress: 80 }, MENTEE, LATER);
    expect(after).toMatchObject({ status: "in_progress", progress: 80 });
  });

  it("keeps the history bounded: the oldest entries go first", () => {
    const long: Goal = {
      ...goal(),
      history: Array.from({ length: 100 }, (_, i) => ({ at: CREATED, by: MENTEE, action: `old-${i}` })),
    };
    const after = applyGoalPatch(long, { progress: 5 }, MENTEE, LATER);
    expect(after.history).toHaveLength(100);
    expect(after.history[0]!.action).toBe("old-1");
    expect(after.history.at(-1)!.action).toBe("update");
  });
});

describe("GoalPatch", () => {
  const ok = (p: unknown) => GoalPatch.safeParse(p).success;

  it("accepts a change of one field", () => {
    expect(ok({ progress: 50 })).toBe(true);
  });

  it("refuses an empty change", () => {
    expect(ok({})).toBe(false);
  });

  it("refuses unknown fields, including moving the goal to another mentee", () => {
    expect(ok({ progress: 50, colour: "red" })).toBe(false);
    expect(ok({ menteeId: MENTOR })).toBe(false);
    expect(ok({ history: [] })).toBe(false);
  });

  it("accepts a title of 120 characters and refuses one of 121", () => {
    expect(ok({ title: "a".repeat(120) })).toBe(true);
    expect(ok({ title: "a".repeat(121) })).toBe(false);
  });

  it("refuses control characters but keeps line breaks and tabs in free text", () => {
    expect(ok({ title: "Bell\u0007" })).toBe(false);
    expect(ok({ successCriterion: "escape \u001b[31m" })).toBe(false);
    expect(ok({ successCriterion: "del \u007f" })).toBe(false);
    expect(ok({ successCriterion: "first line\nsecond line\twith a tab" })).toBe(true);
  });

  it("accepts an https project link and refuses http or script links", () => {
    const link = (url: string) => ({ project: { kind: "link", url } });
    expect(ok(link("https://contoso.sharepoint.com/sites/townhall"))).toBe(true);
    expect(ok(link("http://contoso.sharepoint.com/sites/townhall"))).toBe(false);
    expect(ok(link("javascript:alert(1)"))).toBe(false);
    expect(ok(link("not a url"))).toBe(false);
  });

  it("lets the project link be removed", () => {
    expect(ok({ project: null })).toBe(true);
  });

  it("refuses an unknown status and an impossible target date", () => {
    expect(ok({ status: "done" })).toBe(false);
    expect(ok({ targetDate: "2025-02-30" })).toBe(false);
  });
});

describe("reopening and restarting goals", () => {
  it("asks for a lower progress when an achieved goal is reopened by status alone", () => {
    const achieved = goal({ status: "achieved" });
    rejects(() => applyGoalPatch(achieved, { status: "in_progress" }, MENTEE, LATER), "/progress");
  });

  it("resets the progress of a goal set back to not started", () => {
    const started = goal({ progress: 60 });
    expect(applyGoalPatch(started, { status: "not_started" }, MENTEE, LATER)).toMatchObject({
      status: "not_started",
      progress: 0,
    });
  });
});
