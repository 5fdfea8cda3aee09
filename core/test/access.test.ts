import { describe, it, expect } from "vitest";
import { canEditGoal, canReadNote, checkInFor, relationTo, type CheckIn, type Relation } from "../src/index";

const MENTOR = "11111111-1111-4111-8111-111111111111";
const MENTEE_A = "22222222-2222-4222-8222-222222222222";
const MENTEE_B = "33333333-3333-4333-8333-333333333333";
const COORDINATOR = "55555555-5555-4555-8555-555555555555";
const MANAGER = "66666666-6666-4666-8666-666666666666";
const SESSION = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";

const circle = { mentorId: MENTOR, menteeIds: [MENTEE_A, MENTEE_B] };
const viewer = (id: string, coordinator = false) => ({ id, coordinator });
const rel = (id: string, coordinator = false): Relation => relationTo(circle, viewer(id, coordinator));

describe("relationTo", () => {
  it("tells the mentor, each mentee, a coordinator and everyone else apart", () => {
    expect(rel(MENTOR)).toBe("mentor");
    expect(rel(MENTEE_A)).toBe("mentee");
    expect(rel(MENTEE_B)).toBe("mentee");
    expect(rel(COORDINATOR, true)).toBe("coordinator");
    expect(rel(MANAGER)).toBe("none");
  });

  it("treats a coordinator who takes part as a participant, not as a coordinator", () => {
    expect(rel(MENTOR, true)).toBe("mentor");
    expect(rel(MENTEE_B, true)).toBe("mentee");
  });
});

describe("canEditGoal", () => {
  const goalOfA = { menteeId: MENTEE_A };
  const can = (id: string, coordinator = false) => canEditGoal(rel(id, coordinator), goalOfA, viewer(id, coordinator));

  it("lets a mentee edit their own goal", () => {
    expect(can(MENTEE_A)).toBe(true);
  });

  it("does not let a mentee edit another mentee's goal in the same circle", () => {
    expect(can(MENTEE_B)).toBe(false);
  });

  it("lets the mentor edit any goal of the circle", () => {
    expect(can(MENTOR)).toBe(true);
    expect(canEditGoal("mentor", { menteeId: MENTEE_B }, viewer(MENTOR))).toBe(true);
  });

  it("does not let a coordinator or an outsider edit goals", () => {
    expect(can(COORDINATOR, true)).toBe(false);
    expect(can(MANAGER)).toBe(false);
  });
});

describe("canReadNote", () => {
  const read = (note: { authorId: string; visibility: "private" | "shared" }, id: string, coordinator = false) =>
    canReadNote(note, rel(id, coordinator), viewer(id, coordinator));

  it("shows a private note to its author only", () => {
    const note = { authorId: MENTEE_A, visibility: "private" as const };
    expect(read(note, MENTEE_A)).toBe(true);
    expect(read(note, MENTOR)).toBe(false);
    expect(read(note, MENTEE_B)).toBe(false);
    expect(read(note, COORDINATOR, true)).toBe(false);
    expect(read(note, MANAGER)).toBe(false);
  });

  it("shows a shared note to every member, but not to a coordinator or an outsider", () => {
    const note = { authorId: MENTOR, visibility: "shared" as const };
    expect(read(note, MENTOR)).toBe(true);
    expect(read(note, MENTEE_A)).toBe(true);
    expect(read(note, MENTEE_B)).toBe(true);
    expect(read(note, COORDINATOR, true)).toBe(false);
    expect(read(note, MANAGER)).toBe(false);
  });
});

describe("checkInFor", () => {
  const checkIn: CheckIn = {
    sessionId: SESSION,
    personId: MENTEE_A,
    learned: "How to share a Loop component",
    willTry: "Use Loop for the weekly status",
    rating: 4,
    createdAt: "2025-04-10T15:00:00.000Z",
    updatedAt: "2025-04-10T15:00:00.000Z",
  };

  it("shows the whole check-in to the members", () => {
    expect(checkInFor(checkIn, "mentor")).toEqual(checkIn);
    expect(checkInFor(checkIn, "mentee")).toEqual(checkIn);
  });

  it("shows a coordinator the rating but none of the free text", () => {
    const seen = checkInFor(checkIn, "coordinator");
    expect(seen).not.toBeNull();
    expect(seen!.rating).toBe(4);
    expect(seen).not.toHaveProperty("learned");
    expect(seen).not.toHaveProperty("willTry");
    expect(JSON.stringify(seen)).not.toContain("Loop");
  });

  it("shows nothing to anyone else, such as a manager", () => {
    expect(checkInFor(checkIn, "none")).toBeNull();
  });

  it("leaves the original check-in untouched", () => {
    checkInFor(checkIn, "coordinator");
    expect(checkIn.learned).toBe("How to share a Loop component");
  });
});
