import { describe, expect, it } from "vitest";
import { canBookFor, escapeHtml, formatInstant, occurrencesOf, sessionAgenda, shareWorkingTime, zonedTimeToUtc } from "../src/index";

describe("formatInstant", () => {
  it("writes an instant in each person's own clock, with the offset of that day", () => {
    const t = Date.parse("2026-12-02T14:30:00Z");
    expect(formatInstant(t, "Europe/Paris")).toBe("2026-12-02T15:30:00+01:00");
    expect(formatInstant(t, "America/Toronto")).toBe("2026-12-02T09:30:00-05:00");
    expect(formatInstant(Date.parse("2026-07-02T14:30:00Z"), "Europe/Paris")).toBe("2026-07-02T16:30:00+02:00");
    expect(formatInstant(t, "Asia/Kolkata")).toBe("2026-12-02T20:00:00+05:30");
  });
});

describe("occurrencesOf", () => {
  it("keeps a series at the same wall-clock time across a daylight saving change", () => {
    // Paris moves to summer time on 29 March 2026; Montréal did on 8 March.
    const first = { start: "2026-03-19T15:00:00+01:00", end: "2026-03-19T15:45:00+01:00" };
    const all = occurrencesOf(first, "Europe/Paris", { everyWeeks: 1, occurrences: 3 });
    expect(all.map((o) => o.start)).toEqual(["2026-03-19T15:00:00+01:00", "2026-03-26T15:00:00+01:00", "2026-04-02T15:00:00+02:00"]);
    expect(all.map((o) => Date.parse(o.end) - Date.parse(o.start))).toEqual([45, 45, 45].map((m) => m * 60_000));
  });

  it("spaces occurrences by the cadence's weeks, and a single session is itself", () => {
    const first = { start: "2026-12-15T10:00:00-05:00", end: "2026-12-15T10:45:00-05:00" };
    expect(occurrencesOf(first, "America/Toronto", { everyWeeks: 2, occurrences: 3 }).map((o) => o.start.slice(0, 10))).toEqual([
      "2026-12-15",
      "2026-12-29",
      "2027-01-12",
    ]);
    expect(occurrencesOf(first, "America/Toronto", null)).toEqual([first]);
  });

  it("writes the occurrences in the organizer's zone, whatever zone the start came in", () => {
    const [o] = occurrencesOf({ start: "2026-12-15T15:00:00Z", end: "2026-12-15T15:45:00Z" }, "Europe/Paris", null);
    expect(o).toEqual({ start: "2026-12-15T16:00:00+01:00", end: "2026-12-15T16:45:00+01:00" });
  });
});

describe("shareWorkingTime", () => {
  const paris = { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"] as const, startTime: "09:00", endTime: "17:30", timeZone: "Europe/Paris" };
  const montreal = { ...paris, startTime: "08:30", endTime: "16:30", timeZone: "America/Toronto" };
  const singapore = { ...paris, startTime: "09:00", endTime: "18:00", timeZone: "Asia/Singapore" };
  const week = [zonedTimeToUtc("2026-12-07", "00:00", "UTC").getTime(), zonedTimeToUtc("2026-12-12", "00:00", "UTC").getTime()] as const;
  const w = (h: typeof paris) => ({ ...h, daysOfWeek: [...h.daysOfWeek] });

  it("sees the afternoon in Paris that is the morning in Montréal", () => {
    expect(shareWorkingTime([w(paris), w(montreal)], ...week, 45)).toBe(true);
    // 13:30 to 16:30 UTC: three hours, not four.
    expect(shareWorkingTime([w(paris), w(montreal)], ...week, 180)).toBe(true);
    expect(shareWorkingTime([w(paris), w(montreal)], ...week, 181)).toBe(false);
  });

  it("sees that Singapore and Montréal never work at the same time", () => {
    expect(shareWorkingTime([w(singapore), w(montreal)], ...week, 15)).toBe(false);
  });

  it("needs a working day in the window", () => {
    const weekend = [zonedTimeToUtc("2026-12-12", "00:00", "UTC").getTime(), zonedTimeToUtc("2026-12-14", "00:00", "UTC").getTime()] as const;
    expect(shareWorkingTime([w(paris), w(paris)], ...weekend, 15)).toBe(false);
  });
});

describe("sessionAgenda", () => {
  it("escapes every name and goal it puts in the HTML agenda", () => {
    const { subject, html } = sessionAgenda({
      language: "en",
      kind: "circle",
      mentor: "Léa <Admin>",
      mentees: ["Tom & Jerry", "O'Brien", "Ann"],
      goals: [{ title: `<img src=x onerror="alert(1)">`, successCriterion: "a < b", mentee: "Tom & Jerry", targetDate: "2027-01-31" }],
    });
    expect(subject).toBe("Tandem circle · Léa <Admin> and Tom & Jerry, O'Brien and Ann");
    expect(html).not.toMatch(/<img|<Admin>/);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("Tom &amp; Jerry, O&#39;Brien and Ann");
    expect(html).toContain("a &lt; b");
  });

  it("speaks the organizer's language and says when there is no goal yet", () => {
    const { html } = sessionAgenda({ language: "fr", kind: "tandem", mentor: "Léa", mentees: ["Marc"], goals: [] });
    expect(html).toContain("Objectifs en cours");
    expect(html).toContain("Pas encore d'objectif");
  });

  it("escapes the five characters that matter in HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("canBookFor", () => {
  it("books for accepted and active tandems only", () => {
    for (const status of ["accepted", "active"] as const) expect(canBookFor({ status })).toBe(true);
    for (const status of ["proposed", "declined", "paused", "completed"] as const) expect(canBookFor({ status })).toBe(false);
  });
});
