import { describe, expect, it } from "vitest";
import { check, draftOf, inputOf, newRow, problemKey, removeRow, changeRow, withRole, withRows, type Draft } from "../src/features/profile/draft";
import { meOf, profileOf } from "./data";

const paris = () => "Europe/Paris";

function draft(overrides: Partial<Draft> = {}): Draft {
  return { ...draftOf(meOf(profileOf()), "en", paris), ...overrides };
}

describe("the profile draft", () => {
  it("starts a newcomer from the directory: their language and time zone, two mentees if they teach", () => {
    const d = draftOf(meOf(null), "en", paris);
    expect(d).toEqual({ programRoles: [], offers: [], requests: [], languages: ["fr"], timeZone: "America/Toronto", capacity: 2, paused: false });
  });

  it("starts from the saved profile, each row with a key of its own", () => {
    const d = draftOf(meOf(profileOf({ requests: [{ skillId: "teams-meetings", why: "", urgency: "low" }] })), "fr", paris);
    expect(d.offers).toEqual([{ key: expect.any(String), skillId: "excel-power-query", level: "advanced" }]);
    expect(d.requests[0]!.key).not.toBe(d.offers[0]!.key);
  });

  it("sends what the contract wants: its order, no row keys, a trimmed zone, and no capacity but a mentor's", () => {
    const d = draft({ programRoles: ["mentee", "mentor"], languages: ["en", "fr"], timeZone: " Europe/Paris ", capacity: 3 });
    expect(inputOf(d)).toEqual({
      programRoles: ["mentor", "mentee"],
      offers: [{ skillId: "excel-power-query", level: "advanced" }],
      requests: [],
      languages: ["fr", "en"],
      timeZone: "Europe/Paris",
      capacity: 3,
      paused: false,
    });
    expect(inputOf(withRole(d, "mentor", false)).capacity).toBe(0);
  });

  it("gives someone who starts teaching room for one mentee, and keeps a capacity already chosen", () => {
    expect(withRole(draft({ programRoles: ["mentee"], capacity: 0 }), "mentor", true)).toMatchObject({ programRoles: ["mentee", "mentor"], capacity: 1 });
    expect(withRole(draft({ programRoles: [], capacity: 4 }), "mentor", true).capacity).toBe(4);
    expect(withRole(draft({ programRoles: ["mentor", "mentee"] }), "mentor", false).programRoles).toEqual(["mentee"]);
  });

  it("adds, changes and removes one row by its key, leaving the others", () => {
    let d = withRows(draft(), "requests", (rows) => [...rows, newRow("requests", "a"), newRow("requests", "b")]);
    expect(d.requests).toEqual([
      { key: "a", skillId: "", why: "", urgency: "medium" },
      { key: "b", skillId: "", why: "", urgency: "medium" },
    ]);
    d = changeRow(d, "requests", "b", { skillId: "copilot-in-m365", urgency: "high" });
    d = removeRow(d, "requests", "a");
    expect(d.requests).toEqual([{ key: "b", skillId: "copilot-in-m365", why: "", urgency: "high" }]);
    expect(d.offers).toHaveLength(1);
  });

  it("accepts a complete profile", () => {
    const checked = check(draft());
    expect(checked).toEqual({ ok: true, input: inputOf(draft()) });
  });

  it("finds each problem on its field, and asks for a role though the contract does not", () => {
    const checked = check(
      withRows(draft({ programRoles: [], languages: [], timeZone: "Mars/Olympus", capacity: null }), "requests", () => [newRow("requests", "x")]),
    );
    if (checked.ok) throw new Error("expected problems");
    const keys = Object.fromEntries(Object.entries(checked.problems).map(([path, p]) => [path, problemKey(path, p)]));
    expect(keys).toEqual({
      programRoles: "profile.error.roles",
      "requests.0.skillId": "profile.error.skill",
      languages: "profile.error.languages",
      timeZone: "profile.error.timeZone",
    });
  });

  it("tells a skill listed twice and a list too long apart from other problems of the same fields", () => {
    const twice = check(withRows(draft(), "offers", (rows) => [...rows, { ...rows[0]!, key: "again" }]));
    if (twice.ok) throw new Error("expected problems");
    expect(Object.entries(twice.problems).map(([path, p]) => [path, problemKey(path, p)])).toEqual([["offers.1", "profile.error.duplicate"]]);

    const many = check(withRows(draft(), "offers", () => Array.from({ length: 31 }, (_, i) => ({ key: `k${i}`, skillId: `skill-${i}`, level: "expert" as const }))));
    if (many.ok) throw new Error("expected problems");
    expect(problemKey("offers", many.problems.offers!)).toBe("profile.error.tooMany");
  });

  it("chooses the message by the issue's code and field, never by the contract's English words", () => {
    expect(problemKey("offers.0.skillId", { code: "custom", message: "whatever it says" })).toBe("profile.error.duplicate");
    expect(problemKey("offers.0.skillId", { code: "invalid_format", message: "skill teams-meetings is listed twice" })).toBe("profile.error.skill");
    // A refinement of free text is a custom issue too: on `why`, it is about the text.
    expect(problemKey("requests.0.why", { code: "custom", message: "no control characters" })).toBe("profile.error.why");
    expect(problemKey("requests.0.urgency", { code: "invalid_value", message: "" })).toBe("profile.error.choose");
    expect(problemKey("capacity", { code: "too_big", message: "" })).toBe("profile.error.capacity");
  });

  it("words the api's field problems, which name a field but no code, by the field alone", () => {
    expect(problemKey("timeZone", { message: "an IANA time zone such as Europe/Paris" })).toBe("profile.error.timeZone");
    expect(problemKey("requests.2", { message: "skill x is listed twice" })).toBe("profile.error.duplicate");
    expect(problemKey("offers.0.level", { message: "Invalid option" })).toBe("profile.error.choose");
    expect(problemKey("nickname", { message: "Unrecognized key" })).toBeNull();
  });
});
