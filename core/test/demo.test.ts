import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { DemoOrganisation, checkDemoOrganisation, dateIn, demoSessionDay, weekdayOf, zonedTimeToUtc } from "../src/index";

const raw: unknown = JSON.parse(readFileSync(new URL("../../demo/organisation.json", import.meta.url), "utf8"));
const org = DemoOrganisation.parse(raw);

const personNamed = (displayName: string) => {
  const person = org.people.find((p) => p.displayName === displayName);
  if (!person) throw new Error(`no ${displayName} in the demo organisation`);
  return person;
};

describe("the demo organisation", () => {
  it("is consistent: every reference points at something that exists and fits", () => {
    expect(checkDemoOrganisation(org)).toEqual([]);
  });

  it("is a company of at least 40 people in at least 4 departments", () => {
    expect(org.people.length).toBeGreaterThanOrEqual(40);
    expect(new Set(org.people.map((p) => p.department)).size).toBeGreaterThanOrEqual(4);
  });

  it("has one manager tree with a single chief executive at the top", () => {
    const roots = org.people.filter((p) => p.managerId === null);
    expect(roots).toHaveLength(1);
    const managers = new Set(org.people.map((p) => p.managerId).filter((id) => id !== null));
    expect(managers.size).toBeGreaterThanOrEqual(3);
  });

  it("mixes French and English speakers across offices in several time zones", () => {
    expect(new Set(org.people.map((p) => p.preferredLanguage))).toEqual(new Set(["fr", "en"]));
    const zones = new Set(org.people.map((p) => p.timeZone));
    for (const zone of ["Europe/Paris", "America/Toronto", "Europe/London"]) expect(zones).toContain(zone);
    expect(zones.size).toBeGreaterThanOrEqual(4);
  });

  it("has two coordinators and people who have not joined the program", () => {
    expect(org.people.filter((p) => p.coordinator)).toHaveLength(2);
    expect(org.people.filter((p) => p.profile === undefined).length).toBeGreaterThanOrEqual(5);
  });

  it("has tandems and circles at every stage of their lifecycle", () => {
    expect(org.tandems.filter((t) => t.kind === "tandem").length).toBeGreaterThanOrEqual(8);
    expect(org.tandems.filter((t) => t.kind === "circle").length).toBeGreaterThanOrEqual(1);
    const statuses = new Set(org.tandems.map((t) => t.status));
    for (const status of ["proposed", "active", "declined", "completed"] as const) expect(statuses).toContain(status);
  });

  it("has sessions already held, with check-ins to look back on", () => {
    const held = org.tandems.flatMap((t) => t.sessions).filter((s) => s.daysFromNow < 0 && s.status === "held");
    expect(held.some((s) => s.checkIns.length > 0)).toBe(true);
  });
});

describe("checkDemoOrganisation", () => {
  const broken = (change: (copy: DemoOrganisation) => void) => {
    const copy = structuredClone(org);
    change(copy);
    return checkDemoOrganisation(copy);
  };

  it("reports a manager who is not in the organisation", () => {
    const problems = broken((o) => {
      o.people[1]!.managerId = "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f";
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/reports to 0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f, who is not in the organisation/);
  });

  it("reports a loop in the manager chain", () => {
    const problems = broken((o) => {
      const ceo = o.people.find((p) => p.managerId === null)!;
      ceo.managerId = o.people.find((p) => p.managerId === ceo.id)!.id;
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/manager chain loops/);
  });

  it("reports a mentor who is also one of the mentees", () => {
    const problems = broken((o) => {
      const circle = o.tandems.find((t) => t.kind === "circle")!;
      circle.menteeIds[0] = circle.mentorId;
    });
    expect(problems.some((p) => /is both mentor and mentee/.test(p))).toBe(true);
  });

  it("reports a check-in by someone outside the tandem", () => {
    const outsider = personNamed("Nathalie Roux");
    const problems = broken((o) => {
      const session = o.tandems.flatMap((t) => t.sessions).find((s) => s.checkIns.length > 0)!;
      session.checkIns[0]!.personId = outsider.id;
    });
    expect(problems).toEqual([expect.stringMatching(/check-in by Nathalie Roux, who is not a member/)]);
  });

  it("reports an achieved goal that is not at 100 %", () => {
    const problems = broken((o) => {
      const goal = o.tandems.flatMap((t) => t.goals).find((g) => g.status === "achieved")!;
      goal.progress = 90;
    });
    expect(problems).toEqual([expect.stringMatching(/is achieved but at 90 % progress/)]);
  });
});

describe("the demo's sessions, whatever the day it is seeded", () => {
  // A week of seeding days, each at 07:00 UTC: every weekday lands on Saturday and Sunday for some session.
  const seedingDays = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 10, 30 + i, 7)));
  const members = (t: (typeof org.tandems)[number]) => [t.mentorId, ...t.menteeIds].map((id) => org.people.find((p) => p.id === id)!);

  it("fall on a day every member of the tandem works, in each member's own time zone", () => {
    const offDays: string[] = [];
    for (const now of seedingDays) {
      for (const t of org.tandems) {
        for (const s of t.sessions) {
          const start = zonedTimeToUtc(demoSessionDay(now, s, members(t)), s.localTime, s.timeZone);
          for (const m of members(t)) {
            const day = weekdayOf(dateIn(start, m.timeZone));
            if (!m.workingHours.daysOfWeek.includes(day)) offDays.push(`${now.toISOString().slice(0, 10)}: ${m.displayName} on ${day}`);
          }
        }
      }
    }
    expect(offDays).toEqual([]);
  });

  it("stay on their side of now: held and cancelled ones before it, scheduled ones after it", () => {
    for (const now of seedingDays) {
      for (const t of org.tandems) {
        for (const s of t.sessions) {
          const start = zonedTimeToUtc(demoSessionDay(now, s, members(t)), s.localTime, s.timeZone).getTime();
          if (s.status === "scheduled") expect(start).toBeGreaterThan(now.getTime());
          else expect(start + s.minutes * 60_000).toBeLessThan(now.getTime());
        }
      }
    }
  });
});
