import { describe, expect, it } from "vitest";
import {
  canBookFor,
  checkChangeable,
  checkSessionSlot,
  firstOverlap,
  heldBy,
  escapeHtml,
  formatInstant,
  isWatched,
  knownEventId,
  meetingMatch,
  movedTo,
  occurrenceAt,
  occurrenceSpan,
  daysOff,
  occurrencesOf,
  previousHeld,
  proposedSlots,
  seriesEnding,
  seriesFrom,
  sessionAgenda,
  sessionAsMeeting,
  sessionOfMeeting,
  sessionsOfMeeting,
  shareWorkingTime,
  suggestionWindow,
  watchSpan,
  zonedTimeToUtc,
  type Availability,
  type BookedMeeting,
  type CalendarEvent,
  type SessionRecord,
  type TandemError,
} from "../src/index";

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
    expect(html).toContain("by 31 January 2027");
    expect(html).not.toContain("2027-01-31");
  });

  it("speaks the organizer's language and says when there is no goal yet", () => {
    const { html } = sessionAgenda({ language: "fr", kind: "tandem", mentor: "Léa", mentees: ["Marc"], goals: [] });
    expect(html).toContain("Objectifs en cours");
    expect(html).toContain("Pas encore d'objectif");
  });

  it("writes target dates in the organizer's words, never ISO: « d'ici le 1er décembre »", () => {
    const goal = { title: "Copilot", successCriterion: "", mentee: "Marc", targetDate: "2026-12-01" };
    const { html } = sessionAgenda({ language: "fr", kind: "tandem", mentor: "Léa", mentees: ["Marc"], goals: [goal] });
    expect(html).toContain("d'ici le 1er décembre 2026");
    expect(html).not.toContain("2026-12-01");
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

// ---------------------------------------------------------------------------------------------------------------
// The rules around booking, moving and cancelling, on plain values.
// ---------------------------------------------------------------------------------------------------------------

const NOW = "2026-12-01T08:00:00.000Z";
const counter = () => {
  let n = 0;
  return () => `s${++n}`;
};
const versioned = (value: SessionRecord) => ({ value, etag: `W/"${value.id}"` });
/** A weekly series of four Paris sessions at 15:00, Tuesdays from 8 December 2026, as booked by "mentor". */
const weekly = (over: Partial<BookedMeeting> = {}) =>
  sessionsOfMeeting({
    tandemId: "t",
    organizerId: "mentor",
    slot: { start: "2026-12-08T15:00:00+01:00", end: "2026-12-08T15:45:00+01:00" },
    timeZone: "Europe/Paris",
    event: { id: "master", iCalUId: "ICAL-MASTER", matchKey: "KEY", joinUrl: "https://teams.microsoft.com/l/meetup-join/x" },
    recurrence: { everyWeeks: 1, occurrences: 4 },
    seriesId: "series",
    status: "scheduled",
    now: NOW,
    nextId: counter(),
    ...over,
  });
const single = (over: Partial<BookedMeeting> = {}) => weekly({ recurrence: null, seriesId: null, ...over })[0]!;

describe("sessionsOfMeeting", () => {
  it("gives a series one session per occurrence, all linked to the organizer's series master by their original start", () => {
    const all = weekly();
    expect(all.map((s) => s.id)).toEqual(["s1", "s2", "s3", "s4"]);
    expect(all.map((s) => s.start)).toEqual(["2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29"].map((d) => `${d}T15:00:00+01:00`));
    for (const s of all) {
      expect(s).toMatchObject({ seriesId: "series", status: "scheduled", graphEventId: "master", recurrence: { everyWeeks: 1, occurrences: 4 } });
      expect(s.link).toEqual({ organizerId: "mentor", eventId: "master", matchKey: "KEY", originalStart: new Date(Date.parse(s.start)).toISOString() });
    }
  });

  it("gives a single meeting one session with no original start", () => {
    const s = single();
    expect(s).toMatchObject({ id: "s1", seriesId: null, recurrence: null, end: "2026-12-08T15:45:00+01:00" });
    expect(s.link?.originalStart).toBeNull();
  });
});

describe("checkSessionSlot", () => {
  const at = (start: string, minutes: number) => ({ start, end: new Date(Date.parse(start) + minutes * 60_000).toISOString() });
  const pointerOf = (f: () => void) => {
    try {
      f();
    } catch (e) {
      return (e as TandemError).problems[0]?.pointer;
    }
    return null;
  };

  it("takes a time to come that lasts 15 minutes to 3 hours", () => {
    expect(pointerOf(() => checkSessionSlot(at("2026-12-02T10:00:00Z", 15), NOW))).toBeNull();
    expect(pointerOf(() => checkSessionSlot(at("2026-12-02T10:00:00Z", 180), NOW))).toBeNull();
  });

  it("refuses a time that has passed, naming /start, and a length out of bounds, naming /end", () => {
    expect(pointerOf(() => checkSessionSlot(at(NOW, 45), NOW))).toBe("/start");
    expect(pointerOf(() => checkSessionSlot(at("2026-12-02T10:00:00Z", 14), NOW))).toBe("/end");
    expect(pointerOf(() => checkSessionSlot(at("2026-12-02T10:00:00Z", 181), NOW))).toBe("/end");
  });
});

describe("suggestionWindow", () => {
  it("looks from tomorrow's midnight in the caller's zone by default", () => {
    const w = suggestionWindow({ days: 2 }, "America/Toronto", NOW, 45);
    // 08:00 UTC on 1 December is 03:00 in Montréal: tomorrow starts at 05:00 UTC on 2 December.
    expect(new Date(w.from).toISOString()).toBe("2026-12-02T05:00:00.000Z");
    expect(new Date(w.to).toISOString()).toBe("2026-12-04T05:00:00.000Z");
  });

  it("starts no earlier than now when today is asked for", () => {
    const w = suggestionWindow({ from: "2026-12-01", days: 1 }, "Europe/Paris", NOW, 45);
    expect(w.from).toBe(Date.parse(NOW));
    expect(new Date(w.to).toISOString()).toBe("2026-12-01T23:00:00.000Z");
  });

  it("refuses days that have passed (/from)", () => {
    expect(() => suggestionWindow({ from: "2026-11-20", days: 3 }, "Europe/Paris", NOW, 45)).toThrow(/these days have passed/);
  });
});

describe("proposedSlots", () => {
  const slot = (start: string, organizer: Availability, ...attendees: [string, Availability][]) => ({
    start,
    end: start,
    confidence: 100,
    organizer,
    attendees: attendees.map(([address, availability]) => ({ address, availability })),
  });
  const people = [
    { id: "mentor", mail: "lea@brisemer.example" },
    { id: "mentee", mail: "Marc@Brisemer.example" },
  ];

  it("keeps the times when the organizer too is free, names attendees by their id whatever the case of their mail", () => {
    const found = [
      slot("a", "tentative", ["marc@brisemer.example", "free"]),
      slot("b", "free", ["MARC@brisemer.example", "workingElsewhere"]),
      slot("c", "free", ["marc@brisemer.example", "busy"]),
    ];
    expect(proposedSlots(found, "mentor", people, 10)).toEqual([
      { start: "b", end: "b", confidence: 100, attendees: [{ id: "mentor", availability: "free" }, { id: "mentee", availability: "workingElsewhere" }] },
    ]);
  });

  it("keeps at most `max` of them, and leaves out an attendee Tandem does not know", () => {
    const found = ["a", "b", "c"].map((s) => slot(s, "free", ["marc@brisemer.example", "free"], ["room@brisemer.example", "free"]));
    const kept = proposedSlots(found, "mentor", people, 2);
    expect(kept.map((s) => s.start)).toEqual(["a", "b"]);
    expect(kept[0]!.attendees.map((a) => a.id)).toEqual(["mentor", "mentee"]);
  });
});

describe("checkChangeable and movedTo", () => {
  it("lets a session still to come be changed, moved or not, and says why another cannot", () => {
    expect(() => checkChangeable(single(), NOW)).not.toThrow();
    expect(() => checkChangeable({ ...single(), status: "moved" }, NOW)).not.toThrow();
    expect(() => checkChangeable(single(), "2026-12-08T14:45:00Z")).toThrow(/this one is over/);
    expect(() => checkChangeable({ ...single(), status: "cancelled" }, NOW)).toThrow(/this one is cancelled/);
    expect(() => checkChangeable({ ...single(), status: "held" }, NOW)).toThrow(/this one is held/);
  });

  it("writes the new times in the session's own zone and marks it moved", () => {
    const s = movedTo(single(), { start: "2026-12-09T09:00:00-05:00", end: "2026-12-09T09:45:00-05:00" });
    expect(s).toMatchObject({ start: "2026-12-09T15:00:00+01:00", end: "2026-12-09T15:45:00+01:00", status: "moved", id: "s1" });
  });
});

describe("a series and its occurrences", () => {
  it("orders a series by original start, so that an occurrence moved before an earlier one keeps its place", () => {
    const [a, b, c, d] = weekly();
    // The third one moved to Monday the 14th, before the second.
    const moved = { ...c!, start: "2026-12-14T15:00:00+01:00", end: "2026-12-14T15:45:00+01:00", status: "moved" as const };
    const other = single({ nextId: () => "other" });
    const all = [a!, b!, moved, d!, other].map(versioned);
    const { series, from } = seriesFrom(all, b!);
    expect(series.map((s) => s.value.id)).toEqual(["s1", "s2", "s3", "s4"]);
    expect(from.map((s) => s.value.id)).toEqual(["s2", "s3", "s4"]);
    expect(seriesFrom(all, other).series).toEqual([]);
  });

  it("cancels a series that starts at the target, and cuts one that started earlier after its last earlier occurrence", () => {
    const all = weekly();
    expect(seriesEnding(all, all[0]!, all)).toEqual([{ eventId: "master", cut: null }]);
    expect(seriesEnding(all, all[2]!, all.slice(2))).toEqual([
      {
        eventId: "master",
        cut: { timeZone: "Europe/Paris", recurrence: { everyWeeks: 1, firstDate: "2026-12-08", end: { lastDate: "2026-12-15" } } },
      },
    ]);
  });

  it("ends each Outlook series a series was split into: the older one cut, the newer one cancelled", () => {
    const [a, b, c, d] = weekly({ recurrence: { everyWeeks: 2, occurrences: 4 } });
    // Moved from the third on: the last two now belong to a new series master.
    const later = [c!, d!].map((s) => ({ ...s, link: { ...s.link!, eventId: "new-master" } }));
    const all = [a!, b!, ...later];
    expect(seriesEnding(all, b!, [b!, ...later])).toEqual([
      { eventId: "master", cut: { timeZone: "Europe/Paris", recurrence: { everyWeeks: 2, firstDate: "2026-12-08", end: { lastDate: "2026-12-08" } } } },
      { eventId: "new-master", cut: null },
    ]);
  });

  it("knows an occurrence's own id once seen, and otherwise finds it among the instances by its original start", () => {
    const [first, second] = weekly();
    expect(knownEventId(single())).toBe("master");
    expect(knownEventId(second!)).toBeNull();
    expect(knownEventId({ ...second!, graphEventId: "occurrence-2" })).toBe("occurrence-2");

    // Moved two days later in Outlook: the look-up spans the original slot and the new one.
    const moved = movedTo(second!, { start: "2026-12-17T15:00:00+01:00", end: "2026-12-17T15:45:00+01:00" });
    const span = occurrenceSpan(moved);
    expect(span).toEqual({ from: "2026-12-14T14:00:00.000Z", to: "2026-12-18T14:45:00.000Z" });
    const instances = [
      { id: "occurrence-1", originalStart: first!.link!.originalStart },
      { id: "occurrence-2", originalStart: second!.link!.originalStart },
    ];
    expect(occurrenceAt(instances, moved.link!.originalStart!)?.id).toBe("occurrence-2");
    expect(occurrenceAt(instances, "2026-12-29T14:00:00.000Z")).toBeUndefined();
  });
});

describe("reading Outlook back onto sessions", () => {
  const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
    id: "master",
    iCalUId: "ICAL-MASTER",
    matchKey: "KEY",
    start: "2026-12-08T14:00:00.000Z",
    end: "2026-12-08T14:45:00.000Z",
    isCancelled: false,
    joinUrl: null,
    seriesMasterId: null,
    originalStart: null,
    isOrganizer: false,
    tandemId: null,
    createdAt: null,
    ...over,
  });

  it("watches the sessions still to come that have a meeting, over the span of where they are and were", () => {
    const [a, b] = weekly();
    const seeded = { ...single(), link: null };
    expect([a!, seeded].filter((s) => isWatched(s, NOW))).toEqual([a]);
    expect(isWatched({ ...a!, status: "cancelled" }, NOW)).toBe(false);
    expect(isWatched(a!, "2026-12-08T15:00:00Z")).toBe(false);
    // The second moved from the 15th back to the 11th: its original slot still bounds the span.
    const moved = movedTo(b!, { start: "2026-12-11T10:00:00+01:00", end: "2026-12-11T10:45:00+01:00" });
    expect(watchSpan([a!, moved])).toEqual({ from: "2026-12-07T14:00:00.000Z", to: "2026-12-16T14:45:00.000Z" });
    expect(watchSpan([movedTo(a!, { start: "2026-12-05T10:00:00+01:00", end: "2026-12-05T10:45:00+01:00" })]).from).toBe("2026-12-04T09:00:00.000Z");
  });

  it("matches a copy of a meeting by its key, case-blind, and an occurrence also by its original start", () => {
    expect(meetingMatch("key", null)).toBe(meetingMatch("KEY", null));
    expect(meetingMatch("KEY", "2026-12-08T14:00:00.000Z")).not.toBe(meetingMatch("KEY", "2026-12-15T14:00:00.000Z"));
  });

  it("reads a meeting gone or cancelled as cancelled, other times as moved, the same times as no change", () => {
    const s = single();
    expect(sessionAsMeeting(s, null, true)?.status).toBe("cancelled");
    expect(sessionAsMeeting(s, event({ isCancelled: true }), false)?.status).toBe("cancelled");
    expect(sessionAsMeeting(s, event(), false)).toBeNull();
    expect(sessionAsMeeting(s, event({ start: "2026-12-08T15:00:00.000Z", end: "2026-12-08T15:45:00.000Z" }), false)).toMatchObject({
      status: "moved",
      start: "2026-12-08T16:00:00+01:00",
      end: "2026-12-08T16:45:00+01:00",
    });
  });

  it("learns an occurrence's own id from the organizer's copy only", () => {
    const second = weekly()[1]!;
    const copy = event({ id: "occurrence-2", iCalUId: "ICAL-2", start: "2026-12-15T14:00:00.000Z", end: "2026-12-15T14:45:00.000Z" });
    expect(sessionAsMeeting(second, copy, true)).toMatchObject({ status: "scheduled", graphEventId: "occurrence-2", iCalUId: "ICAL-2" });
    expect(sessionAsMeeting(second, copy, false)).toBeNull();
  });
});

describe("the session behind a meeting", () => {
  const all = weekly().map(versioned);

  it("is the booked session, or in a series the occurrence by original start or by date", () => {
    const one = versioned(single({ nextId: () => "one" }));
    expect(sessionOfMeeting([...all, one], { sessionId: "one", seriesId: null }, { originalStart: null, date: null, now: NOW })).toBe(one);
    const bySeries = (at: { originalStart: string | null; date: string | null }) =>
      sessionOfMeeting(all, { sessionId: null, seriesId: "series" }, { ...at, now: NOW })?.value.id;
    expect(bySeries({ originalStart: "2026-12-22T14:00:00.000Z", date: null })).toBe("s3");
    expect(bySeries({ originalStart: null, date: "2026-12-15" })).toBe("s2");
    expect(bySeries({ originalStart: null, date: "2027-01-05" })).toBeUndefined();
  });

  it("is otherwise the next occurrence to end, or the last one once all are over", () => {
    const at = (now: string) => sessionOfMeeting(all, { sessionId: null, seriesId: "series" }, { originalStart: null, date: null, now })?.value.id;
    expect(at(NOW)).toBe("s1");
    expect(at("2026-12-16T10:00:00Z")).toBe("s3");
    expect(at("2027-02-01T10:00:00Z")).toBe("s4");
  });

  it("recalls the last session held before it, not a later one nor a cancelled one", () => {
    const [a, b, c, d] = all;
    const sessions = [
      { ...d!, value: { ...d!.value, status: "held" as const } },
      { ...a!, value: { ...a!.value, status: "held" as const } },
      { ...b!, value: { ...b!.value, status: "held" as const } },
      { ...c!, value: { ...c!.value, status: "cancelled" as const } },
    ];
    expect(previousHeld(sessions, d!.value, NOW)?.value.id).toBe("s2");
    expect(previousHeld(sessions, a!.value, NOW)).toBeUndefined();
  });

  it("recalls a session whose meeting ended without anyone marking it held, but not one still to come", () => {
    const [a, b, c] = all;
    // By 16 December the first two occurrences (8 and 15 December) have ended; none was marked held.
    expect(previousHeld([a!, b!, c!], c!.value, "2026-12-16T10:00:00Z")?.value.id).toBe("s2");
    expect(previousHeld([a!, b!, c!], c!.value, NOW)).toBeUndefined();
  });
});

describe("one booking per slot", () => {
  const at = (h: number, m = 0) => `2027-01-04T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00.000Z`;
  const hold = (key: string, start: string, end: string, until = at(23)) => ({ key, sessionId: `s-${key}`, intervals: [{ start, end }], until });

  it("finds the session a slot overlaps, and lets one start when another ends", () => {
    const taken = [{ id: "a", start: at(9), end: at(10) }];
    expect(firstOverlap([{ start: at(9, 30), end: at(10, 30) }], taken)?.id).toBe("a");
    expect(firstOverlap([{ start: at(8), end: at(11) }], taken)?.id).toBe("a");
    expect(firstOverlap([{ start: at(10), end: at(11) }], taken)).toBeNull();
    expect(firstOverlap([{ start: at(8), end: at(9) }], taken)).toBeNull();
  });

  it("checks every occurrence of a series", () => {
    const series = [{ start: at(9), end: at(10) }, { start: "2027-01-11T09:00:00.000Z", end: "2027-01-11T10:00:00.000Z" }];
    expect(firstOverlap(series, [{ id: "later", start: "2027-01-11T09:45:00.000Z", end: "2027-01-11T10:15:00.000Z" }])?.id).toBe("later");
  });

  it("counts another key's hold until its time, never the same key's", () => {
    const holds = [hold("k1", at(9), at(10), at(12))];
    const wanted = [{ start: at(9, 15), end: at(9, 45) }];
    expect(heldBy(holds, wanted, "k2", at(11))?.key).toBe("k1");
    expect(heldBy(holds, wanted, "k1", at(11))).toBeNull();
    expect(heldBy(holds, wanted, "k2", at(12))).toBeNull();
  });
});

describe("daysOff", () => {
  const paris = { personId: "mentor", daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"] as const, startTime: "09:00", endTime: "18:00", timeZone: "Europe/Paris" };
  const auckland = { personId: "mentee", daysOfWeek: ["monday", "tuesday", "wednesday", "thursday"] as const, startTime: "09:00", endTime: "17:00", timeZone: "Pacific/Auckland" };
  const hours = [paris, auckland].map((h) => ({ ...h, daysOfWeek: [...h.daysOfWeek] }));

  it("names, for each session on someone's day off, who is off, on their own calendar day", () => {
    // Thursday 20:00 in Paris is already Friday morning in Auckland, the mentee's day off.
    const series = occurrencesOf({ start: "2026-12-03T20:00:00+01:00", end: "2026-12-03T20:45:00+01:00" }, "Europe/Paris", { everyWeeks: 1, occurrences: 3 });
    expect(daysOff(series, hours)).toEqual(series.map((o) => ({ start: o.start, personIds: ["mentee"] })));
  });

  it("says nothing of sessions inside everyone's working days, and nothing without anyone's hours", () => {
    const morning = occurrencesOf({ start: "2026-12-01T09:00:00+01:00", end: "2026-12-01T09:45:00+01:00" }, "Europe/Paris", { everyWeeks: 2, occurrences: 4 });
    // Tuesday 09:00 in Paris is Tuesday 21:00 in Auckland: a working day for both (hours aside).
    expect(daysOff(morning, hours)).toEqual([]);
    expect(daysOff(morning, [])).toEqual([]);
  });
});
