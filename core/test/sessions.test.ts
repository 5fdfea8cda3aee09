import { describe, expect, it } from "vitest";
import {
  TransitionInput,
  canCheckIn,
  canSayHeldOrNot,
  isHeld,
  isUpcoming,
  nextSession,
  sessionPhase,
  shownStatus,
  upcomingSessions,
  type SessionStatus,
} from "../src/index";

const NOW = "2026-12-02T10:00:00.000Z";
const at = (start: string, minutes = 45, status: SessionStatus = "scheduled", id = start) => ({
  id,
  start,
  end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  status,
});
const YESTERDAY = "2026-12-01T10:00:00.000Z";
const TOMORROW = "2026-12-03T10:00:00.000Z";
const NEXT_WEEK = "2026-12-09T10:00:00.000Z";

describe("held: the one rule", () => {
  it("a meeting that ended and was not cancelled is held, whether or not anyone said so", () => {
    expect(isHeld(at(YESTERDAY), NOW)).toBe(true);
    expect(isHeld(at(YESTERDAY, 45, "moved"), NOW)).toBe(true);
    expect(shownStatus(at(YESTERDAY), NOW)).toBe("held");
  });

  it("a session to come or going on is not held yet, unless a member checked in or marked it held", () => {
    expect(isHeld(at(TOMORROW), NOW)).toBe(false);
    const goingOn = at("2026-12-02T09:45:00.000Z");
    expect(isHeld(goingOn, NOW)).toBe(false);
    expect(isHeld(goingOn, NOW, true)).toBe(true);
    expect(isHeld(at(TOMORROW, 45, "held"), NOW)).toBe(true);
  });

  it("a cancelled session, or one a member said did not take place, is never held, check-in or not", () => {
    for (const status of ["cancelled", "missed"] as const) {
      expect(isHeld(at(YESTERDAY, 45, status), NOW)).toBe(false);
      expect(isHeld(at(YESTERDAY, 45, status), NOW, true)).toBe(false);
      expect(shownStatus(at(YESTERDAY, 45, status), NOW)).toBe(status);
    }
  });

  it("a member may say it did not take place, or that it did, once it has started; never of a cancelled one", () => {
    expect(canSayHeldOrNot(at(YESTERDAY), NOW)).toBe(true);
    expect(canSayHeldOrNot(at(YESTERDAY, 45, "missed"), NOW)).toBe(true);
    expect(canSayHeldOrNot(at(TOMORROW), NOW)).toBe(false);
    expect(canSayHeldOrNot(at(YESTERDAY, 45, "cancelled"), NOW)).toBe(false);
    expect(canCheckIn(at(YESTERDAY, 45, "missed"), NOW)).toBe(false);
  });
});

describe("upcoming means upcoming", () => {
  it("a session moved in Outlook to a time ahead is upcoming, and the next one", () => {
    const moved = at(TOMORROW, 45, "moved", "moved");
    expect(isUpcoming(moved, NOW)).toBe(true);
    expect(sessionPhase(moved, NOW)).toBe("upcoming");
    expect(nextSession([at(NEXT_WEEK, 45, "scheduled", "later"), moved], NOW)?.id).toBe("moved");
  });

  it("a session going on is still upcoming (its Join link is what one needs); an ended one is past", () => {
    expect(sessionPhase(at("2026-12-02T09:30:00.000Z"), NOW)).toBe("upcoming");
    expect(sessionPhase(at(YESTERDAY), NOW)).toBe("past");
    expect(sessionPhase(at(YESTERDAY, 45, "moved"), NOW)).toBe("past");
  });

  it("a future cancelled session is neither upcoming nor past, and nothing to check in to", () => {
    const cancelled = at(TOMORROW, 45, "cancelled");
    expect(sessionPhase(cancelled, NOW)).toBe("calledOff");
    expect(canCheckIn(cancelled, NOW)).toBe(false);
    expect(sessionPhase(at(YESTERDAY, 45, "cancelled"), NOW)).toBe("past");
  });

  it("lists the sessions to come soonest first, leaving out those called off and over", () => {
    const sessions = [
      at(NEXT_WEEK, 45, "scheduled", "c"),
      at(TOMORROW, 45, "cancelled", "x"),
      at(YESTERDAY, 45, "scheduled", "old"),
      at("2026-12-04T10:00:00.000Z", 45, "moved", "b"),
      at("2026-12-02T09:30:00.000Z", 45, "scheduled", "a"),
    ];
    expect(upcomingSessions(sessions, NOW).map((s) => s.id)).toEqual(["a", "b", "c"]);
    expect(nextSession([at(YESTERDAY), at(TOMORROW, 45, "cancelled")], NOW)).toBeNull();
  });
});

describe("ending or pausing a tandem", () => {
  it("may cancel the sessions to come, and only when pausing or ending", () => {
    expect(TransitionInput.safeParse({ action: "pause", cancelUpcoming: true }).success).toBe(true);
    expect(TransitionInput.safeParse({ action: "complete", reason: "Goals reached", cancelUpcoming: true }).success).toBe(true);
    expect(TransitionInput.safeParse({ action: "resume", cancelUpcoming: true }).success).toBe(false);
  });
});
