import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dateIn, weekdayOf, zonedTimeToUtc, type DemoPerson, type DemoTandem } from "@tandem/core";
import type { Answer, CallInput } from "@tandem/core/client";
import { transactionIdFor } from "../../api/src/features/sessions/idempotency";
import { idsOf, ok, startTestApi, type TestApi, type TestGraph, laterCycle } from "../support/test-api";

/**
 * Booking through Microsoft Graph, over HTTP, against the Graph simulator: suggestions, one meeting per booking
 * whatever the retries, series, and what people change in Outlook itself. Calendars are seeded around a fixed
 * "now" (Tuesday 1 December 2026, 09:00 in Paris), which the api shares.
 */

const NOW = "2026-12-01T08:00:00.000Z";
let api: TestApi;
let graph: TestGraph;

const as = (personaId: string) => api.as(personaId);
const person = (id: string): DemoPerson => api.org.people.find((p) => p.id === id)!;
const tandemWhere = (what: string, predicate: (t: DemoTandem) => boolean): DemoTandem => {
  const t = api.org.tandems.find(predicate);
  if (!t) throw new Error(`the demo organisation has no ${what}`);
  return t;
};
const zoneOf = (id: string) => person(id).timeZone;
const active = (t: DemoTandem) => t.status === "active";
/**
 * The `nth` active tandem of a mentor and a mentee in these zones. Tests that share a tandem book in windows of
 * their own, so that calendars do not mix.
 */
const pick = (mentorZone: string, menteeZone: string, nth = 0) => {
  const all = api.org.tandems.filter(
    (x) => active(x) && x.kind === "tandem" && zoneOf(x.mentorId) === mentorZone && zoneOf(x.menteeIds[0]!) === menteeZone,
  );
  if (!all[nth]) throw new Error(`the demo organisation has no tandem #${nth} of ${mentorZone} and ${menteeZone}`);
  return all[nth]!;
};

const suggest = (who: string, tandemId: string, body: CallInput<"suggestSessions">["body"]) => as(who)("suggestSessions", { params: { id: tandemId }, body });
const book = (who: string, tandemId: string, body: CallInput<"bookSession">["body"], key: string | null = randomUUID()) =>
  as(who)("bookSession", { params: { id: tandemId }, body, ...(key ? { idempotencyKey: key } : {}) });
/** The sessions a booking answered: it must have succeeded. */
const bookedBy = async (answer: Promise<Answer<"bookSession">>) => ok(await answer).items;
const sessionsOf = async (who: string, tandemId: string) => ok(await as(who)("listSessions", { params: { id: tandemId } })).items;
const context = (who: string, query: CallInput<"meetingContext">["query"]) => as(who)("meetingContext", { query });
const move = (who: string, tandemId: string, sessionId: string, body: CallInput<"rescheduleSession">["body"], ifMatch: string) =>
  as(who)("rescheduleSession", { params: { id: tandemId, sessionId }, body, ifMatch });
const cancel = (who: string, tandemId: string, sessionId: string, body: CallInput<"cancelSession">["body"]) =>
  as(who)("cancelSession", { params: { id: tandemId, sessionId }, body });
/** The meetings of the organizer booked under one Idempotency-Key, straight from the calendar. */
const eventsOfKey = async (organizer: string, tandemId: string, key: string) => {
  const tx = transactionIdFor(api.org.tenantId, tandemId, key);
  const r = await graph.call(organizer, "GET", `/me/events?$filter=transactionId eq '${tx}'`);
  expect(r.status).toBe(200);
  return r.json.value as any[];
};
const firstSlot = async (who: string, tandemId: string, from: string) => {
  const { slots } = ok(await suggest(who, tandemId, { from, days: 10 }));
  expect(slots.length).toBeGreaterThan(0);
  return { start: slots[0]!.start, end: slots[0]!.end };
};

/** A person's working window on the local day of an instant, computed here from the demo file. */
function insideWorkingDay(p: DemoPerson, start: number, end: number): boolean {
  const date = dateIn(new Date(start), p.timeZone);
  if (!p.workingHours.daysOfWeek.includes(weekdayOf(date) as never)) return false;
  return (
    start >= zonedTimeToUtc(date, p.workingHours.startTime, p.timeZone).getTime() &&
    end <= zonedTimeToUtc(date, p.workingHours.endTime, p.timeZone).getTime()
  );
}

/** What keeps a person busy between two instants, read from their own calendar. */
async function busyOf(personId: string, from: string, to: string): Promise<[number, number][]> {
  const r = await graph.call(personId, "GET", `/me/calendarView?startDateTime=${from}&endDateTime=${to}&$top=1000&$select=showAs,isCancelled,start,end`);
  expect(r.status).toBe(200);
  const utc = (v: { dateTime: string }) => Date.parse(`${v.dateTime.slice(0, 19)}Z`);
  return (r.json.value as any[]).filter((e) => !e.isCancelled && e.showAs !== "free").map((e) => [utc(e.start), utc(e.end)]);
}

beforeAll(async () => {
  api = await startTestApi({ graph: true, clock: { now: () => NOW } });
  graph = api.graph!;
});
afterAll(() => api?.close());

describe("suggestions", () => {
  it("finds times inside a Paris mentor's and a Montréal mentee's working days, avoiding what keeps them busy, each in their own zone", async () => {
    const t = pick("Europe/Paris", "America/Toronto");
    const mentor = person(t.mentorId);
    const mentee = person(t.menteeIds[0]!);
    // The mentee is taken for most of Thursday afternoon in Paris.
    const blocked = await graph.call(mentee.id, "POST", "/me/events", {
      subject: "Revue budgétaire",
      start: { dateTime: "2026-12-03T08:30:00", timeZone: "Eastern Standard Time" },
      end: { dateTime: "2026-12-03T11:00:00", timeZone: "Eastern Standard Time" },
    });
    expect(blocked.status).toBe(201);

    const fromMentor = ok(await suggest(mentor.id, t.id, { from: "2026-12-02", days: 10 }));
    expect(fromMentor).toMatchObject({ timeZone: "Europe/Paris", durationMinutes: 45, emptyReason: null });
    const slots = fromMentor.slots;
    expect(slots.length).toBeGreaterThan(2);

    const busy = [
      ...(await busyOf(mentor.id, "2026-12-01T00:00:00Z", "2026-12-14T00:00:00Z")),
      ...(await busyOf(mentee.id, "2026-12-01T00:00:00Z", "2026-12-14T00:00:00Z")),
    ];
    expect(busy.length).toBeGreaterThan(5);
    for (const s of slots) {
      const [start, end] = [Date.parse(s.start), Date.parse(s.end)];
      expect(end - start).toBe(45 * 60_000);
      // Paris in December is UTC+1: the mentor reads Paris times.
      expect(s.start).toMatch(/^2026-12-\d\dT1[4-7]:\d\d:00\+01:00$/);
      expect(insideWorkingDay(mentor, start, end), `${s.start} in ${mentor.displayName}'s day`).toBe(true);
      expect(insideWorkingDay(mentee, start, end), `${s.start} in ${mentee.displayName}'s day`).toBe(true);
      for (const [b0, b1] of busy) expect(start < b1 && b0 < end, `${s.start} overlaps a busy time`).toBe(false);
      expect(s.attendees.map((a) => a.id).sort()).toEqual([mentor.id, mentee.id].sort());
      for (const a of s.attendees) expect(a.availability).toBe("free");
    }

    const fromMentee = ok(await suggest(mentee.id, t.id, { from: "2026-12-02", days: 10 }));
    expect(fromMentee.timeZone).toBe("America/Toronto");
    for (const s of fromMentee.slots) {
      // Montréal in December is UTC-5: the same afternoon in Paris is the mentee's morning.
      expect(s.start).toMatch(/^2026-12-\d\dT(08|09|10|11):\d\d:00-05:00$/);
      expect(insideWorkingDay(mentor, Date.parse(s.start), Date.parse(s.end))).toBe(true);
      expect(insideWorkingDay(mentee, Date.parse(s.start), Date.parse(s.end))).toBe(true);
    }
    const instants = (r: { slots: { start: string }[] }) => r.slots.map((s) => Date.parse(s.start)).sort();
    expect(instants(fromMentee)).toEqual(instants(fromMentor));
  });

  it("says why there is no time: everyone is busy in the window", async () => {
    const t = pick("Europe/Paris", "Europe/Paris");
    // The mentee is away the whole day.
    await graph.call(t.menteeIds[0]!, "POST", "/me/events", {
      subject: "Séminaire",
      showAs: "oof",
      start: { dateTime: "2026-12-14T00:00:00", timeZone: "Europe/Paris" },
      end: { dateTime: "2026-12-15T00:00:00", timeZone: "Europe/Paris" },
    });
    const r = ok(await suggest(t.mentorId, t.id, { from: "2026-12-14", days: 1 }));
    expect(r).toMatchObject({ slots: [], emptyReason: "attendees_unavailable" });
  });

  it("says when working days never meet: a Singapore mentor and a Montréal mentee", async () => {
    const coordinator = api.org.people.find((p) => p.coordinator)!.id;
    const busy = (id: string) =>
      api.org.tandems.filter((x) => x.mentorId === id && ["proposed", "accepted", "active", "paused"].includes(x.status)).reduce((n, x) => n + x.menteeIds.length, 0);
    const mentor = api.org.people.find((p) => p.timeZone === "Asia/Singapore" && p.profile?.programRoles.includes("mentor") && p.profile.capacity > busy(p.id))!;
    // A pair the matching's rules allow (other departments, a common language): in a cycle of its own, since the
    // demo's current cycle has its Montréal mentees matched already.
    const mentee = api.org.people.find(
      (p) =>
        p.timeZone === "America/Toronto" &&
        p.profile?.programRoles.includes("mentee") &&
        !p.profile.programRoles.includes("mentor") &&
        p.department !== mentor.department &&
        p.profile.languages.some((l) => mentor.profile!.languages.includes(l)),
    )!;
    const cycleId = ok(
      await as(coordinator)("createCycle", {
        body: {
          name: "Cycle Singapour-Montréal",
          ...laterCycle(),
          cadence: { everyWeeks: 2, sessionMinutes: 45 },
          matching: { maxMenteesPerMentor: 3, allowSameDepartment: false, requireCommonLanguage: true },
        },
      }),
    ).id;
    const proposed = ok(await as(coordinator)("proposeTandem", { body: { kind: "tandem", cycleId, mentorId: mentor.id, menteeIds: [mentee.id] } }));
    for (const who of [mentee.id, mentor.id]) {
      ok(await as(who)("transitionTandem", { params: { id: proposed.id }, body: { action: "accept" } }));
    }
    const r = ok(await suggest(mentor.id, proposed.id, { from: "2026-12-07", days: 5 }));
    expect(r).toMatchObject({ timeZone: "Asia/Singapore", slots: [], emptyReason: "no_common_working_hours" });
  });

  it("uses the cycle's session length and answers in a zone the caller asks for", async () => {
    const t = pick("Europe/Paris", "Europe/Paris", 1);
    const r = ok(await suggest(t.menteeIds[0]!, t.id, { from: "2026-12-07", days: 3, timeZone: "Asia/Singapore" }));
    expect(r.timeZone).toBe("Asia/Singapore");
    for (const s of r.slots) {
      expect(s.start).toMatch(/\+08:00$/);
      expect(Date.parse(s.end) - Date.parse(s.start)).toBe(45 * 60_000);
    }
  });
});

describe("booking", () => {
  it("books one meeting with everyone of a circle invited, a Teams meeting, the category and an escaped agenda, in exactly 2 Graph round trips (3 when the api looks for days off itself)", async () => {
    const circle = tandemWhere("circle", (x) => active(x) && x.kind === "circle" && x.menteeIds.length >= 3);
    const mentor = circle.mentorId;
    // A goal whose title would be markup if it were not escaped.
    ok(
      await as(circle.menteeIds[0]!)("createGoal", {
        params: { id: circle.id },
        body: { menteeId: circle.menteeIds[0]!, title: `<script>alert("x")</script> & Co`, skillId: api.org.skills.find((s) => !s.retired)!.id, successCriterion: "<b>tout</b>", targetDate: "2027-03-31" },
      }),
    );

    graph.sim.requests.reset();
    const slot = await firstSlot(mentor, circle.id, "2026-12-08");
    const key = randomUUID();
    const r = await book(mentor, circle.id, slot, key);
    expect(r.status).toBe(201);
    // Without allowDaysOff the api reads everyone's working days itself (getSchedule) before it books.
    expect(graph.sim.requests.snapshot()).toMatchObject({
      total: 3,
      requests: { "POST /me/findMeetingTimes": 1, "POST /me/calendar/getSchedule": 1, "POST /me/events": 1 },
    });
    // A client that showed the days off itself (the add-in, from the suggestions) books in 2.
    graph.sim.requests.reset();
    const told = await firstSlot(mentor, circle.id, "2026-12-15");
    ok(await book(mentor, circle.id, { ...told, allowDaysOff: true }));
    expect(graph.sim.requests.snapshot()).toMatchObject({ total: 2, requests: { "POST /me/findMeetingTimes": 1, "POST /me/events": 1 } });

    const items = ok(r).items;
    expect(items).toHaveLength(1);
    const session = items[0]!;
    expect(session).toMatchObject({
      tandemId: circle.id,
      start: slot.start,
      end: slot.end,
      timeZone: "Europe/London",
      status: "scheduled",
      seriesId: null,
      recurrence: null,
      joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//),
      graphEventId: expect.any(String),
      iCalUId: expect.any(String),
    });
    expect(session).not.toHaveProperty("link");

    const event = (await graph.call(mentor, "GET", `/me/events/${encodeURIComponent(session.graphEventId!)}`)).json;
    expect(event).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness", categories: ["Tandem"], isOrganizer: true, iCalUId: session.iCalUId });
    expect(event.attendees.map((a: any) => a.emailAddress.address.toLowerCase()).sort()).toEqual(circle.menteeIds.map((id) => person(id).mail.toLowerCase()).sort());
    expect(event.attendees.every((a: any) => a.type === "required")).toBe(true);
    expect(event.body.content).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    expect(event.body.content).toContain("&lt;b&gt;tout&lt;/b&gt;");
    expect(event.body.content).not.toContain("<script>");
    // Exchange sent the invitation: every mentee has the meeting in their own calendar.
    for (const id of circle.menteeIds) {
      const copies = await graph.call(id, "GET", `/me/events?$filter=iCalUId eq '${session.iCalUId}'`);
      expect(copies.json.value, person(id).displayName).toHaveLength(1);
    }
    const listed = await sessionsOf(circle.menteeIds[1]!, circle.id);
    expect(listed.find((s) => s.id === session.id)).toMatchObject({ status: "scheduled", start: slot.start });
  });

  it("creates exactly one meeting and one session when the client sends the same booking again", async () => {
    const t = pick("Europe/Paris", "Europe/Paris");
    const slot = await firstSlot(t.mentorId, t.id, "2026-12-08");
    const key = randomUUID();
    const first = await bookedBy(book(t.mentorId, t.id, slot, key));
    graph.sim.requests.reset();
    const again = await bookedBy(book(t.mentorId, t.id, slot, key));
    expect(idsOf({ items: again })).toEqual(idsOf({ items: first }));
    expect(graph.sim.requests.snapshot().total).toBe(0);
    expect(await eventsOfKey(t.mentorId, t.id, key)).toHaveLength(1);
    expect((await sessionsOf(t.mentorId, t.id)).filter((s) => s.graphEventId === first[0]!.graphEventId)).toHaveLength(1);

    const other = await book(t.mentorId, t.id, { start: slot.end, end: new Date(Date.parse(slot.end) + 45 * 60_000).toISOString() }, key);
    expect(other.status).toBe(409);
  });

  it("finds the meeting a crashed attempt created (by transactionId) instead of booking it twice", async () => {
    const t = pick("America/New_York", "Europe/Paris");
    const slot = await firstSlot(t.menteeIds[0]!, t.id, "2026-12-09");
    const key = randomUUID();
    // What the api sent before it died, without recording anything.
    const created = await graph.call(t.menteeIds[0]!, "POST", "/me/events", {
      subject: "Tandem",
      start: { dateTime: slot.start.slice(0, 19), timeZone: "Europe/Paris" },
      end: { dateTime: slot.end.slice(0, 19), timeZone: "Europe/Paris" },
      transactionId: transactionIdFor(api.org.tenantId, t.id, key),
    });
    expect(created.status).toBe(201);
    const r = await bookedBy(book(t.menteeIds[0]!, t.id, slot, key));
    expect(r[0]!.graphEventId).toBe(created.json.id);
    expect(await eventsOfKey(t.menteeIds[0]!, t.id, key)).toHaveLength(1);
  });

  it("waits as Graph asks after a 429, then books once", async () => {
    const t = pick("Asia/Singapore", "Europe/London");
    const slot = await firstSlot(t.mentorId, t.id, "2026-12-10");
    graph.sim.faults.inject({ method: "POST", pathPattern: "^/me/events$", status: 429, times: 1, retryAfterSeconds: 1 });
    graph.sim.requests.reset();
    const key = randomUUID();
    const started = Date.now();
    const r = await bookedBy(book(t.mentorId, t.id, slot, key));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(graph.sim.requests.count("POST", "/me/events")).toBe(2);
    expect(await eventsOfKey(t.mentorId, t.id, key)).toHaveLength(1);
    expect((await sessionsOf(t.mentorId, t.id)).filter((s) => s.id === r[0]!.id)).toHaveLength(1);
  });

  it("gives a clear 503 and records nothing when Graph keeps failing, and the same key books later", async () => {
    const t = pick("Asia/Singapore", "Europe/London", 1);
    const slot = await firstSlot(t.menteeIds[0]!, t.id, "2026-12-10");
    const before = await sessionsOf(t.menteeIds[0]!, t.id);
    graph.sim.faults.inject({ method: "POST", pathPattern: "^/me/events$", status: 503, times: 50, retryAfterSeconds: 0 });
    graph.sim.requests.reset();
    const key = randomUUID();
    const r = await book(t.menteeIds[0]!, t.id, slot, key);
    graph.sim.faults.clear();
    expect(r.status, JSON.stringify(r.problem)).toBe(503);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(r.problem).toMatchObject({ status: 503, code: "unavailable" });
    expect(r.problem?.detail).toMatch(/Outlook/);
    expect(r.problem?.detail).toMatch(/No session was recorded/);
    expect(graph.sim.requests.count("POST", "/me/events")).toBe(4);
    expect(await sessionsOf(t.menteeIds[0]!, t.id)).toEqual(before);
    expect(await eventsOfKey(t.menteeIds[0]!, t.id, key)).toHaveLength(0);

    const later = await book(t.menteeIds[0]!, t.id, slot, key);
    expect(later.status).toBe(201);
    expect(await eventsOfKey(t.menteeIds[0]!, t.id, key)).toHaveLength(1);
  });

  it("books a series: one recurring meeting, one session per occurrence sharing a seriesId, at the same local time across the change of year", async () => {
    const t = pick("America/Toronto", "Europe/Paris");
    const slot = await firstSlot(t.mentorId, t.id, "2026-12-15");
    const items = await bookedBy(book(t.mentorId, t.id, { ...slot, recurrence: { everyWeeks: 2, occurrences: 4 } }));
    expect(items).toHaveLength(4);
    expect(new Set(items.map((s) => s.seriesId)).size).toBe(1);
    expect(items[0]!.seriesId).toEqual(expect.any(String));
    const firstDate = slot.start.slice(0, 10);
    items.forEach((s, i) => {
      expect(s.start.slice(0, 10)).toBe(addDays(firstDate, 14 * i));
      expect(s.start.slice(10)).toBe(slot.start.slice(10));
      expect(s.recurrence).toEqual({ everyWeeks: 2, occurrences: 4 });
    });

    const master = (await graph.call(t.mentorId, "GET", `/me/events/${encodeURIComponent(items[0]!.graphEventId!)}`)).json;
    expect(master.type).toBe("seriesMaster");
    expect(master.recurrence.pattern).toMatchObject({ type: "weekly", interval: 2, daysOfWeek: [weekdayOf(firstDate)] });
    expect(master.recurrence.range).toMatchObject({ type: "numbered", numberOfOccurrences: 4, startDate: firstDate });
    const instances = await graph.call(
      t.mentorId,
      "GET",
      `/me/events/${encodeURIComponent(master.id)}/instances?startDateTime=2026-12-01T00:00:00Z&endDateTime=2027-03-01T00:00:00Z`,
    );
    const starts = (instances.json.value as any[]).map((e) => Date.parse(`${e.start.dateTime.slice(0, 19)}Z`));
    expect(starts).toEqual(items.map((s) => Date.parse(s.start)));
  });

  it("refuses a booking without an Idempotency-Key (400, naming the header)", async () => {
    const t = tandemWhere("active tandem", (x) => active(x) && x.kind === "tandem");
    const r = await book(t.mentorId, t.id, { start: "2026-12-20T10:00:00+01:00", end: "2026-12-20T10:45:00+01:00" }, null);
    expect(r.status).toBe(400);
    expect(r.problem?.errors).toContainEqual(expect.objectContaining({ header: "Idempotency-Key" }));
  });

  it("lets members only book: a coordinator gets 403, and a tandem not yet accepted 409", async () => {
    const t = tandemWhere("active tandem", (x) => active(x) && x.kind === "tandem");
    const coordinator = api.org.people.find((p) => p.coordinator && p.id !== t.mentorId && !t.menteeIds.includes(p.id))!.id;
    const slot = { start: "2026-12-21T10:00:00+01:00", end: "2026-12-21T10:45:00+01:00" };
    expect((await book(coordinator, t.id, slot)).status).toBe(403);
    expect((await suggest(coordinator, t.id, {})).status).toBe(403);
    const proposed = tandemWhere("proposed tandem", (x) => x.status === "proposed");
    expect((await book(proposed.mentorId, proposed.id, slot)).status).toBe(409);
    expect((await suggest(proposed.mentorId, proposed.id, {})).status).toBe(409);
  });
});

describe("what people change in Outlook shows in Tandem", () => {
  it("shows a meeting cancelled in Outlook by its organizer as cancelled, to both members", async () => {
    const t = pick("Europe/Paris", "Europe/Paris", 1);
    const slot = await firstSlot(t.mentorId, t.id, "2026-12-16");
    const booked = (await bookedBy(book(t.mentorId, t.id, slot)))[0]!;
    const cancelled = await graph.call(t.mentorId, "POST", `/me/events/${encodeURIComponent(booked.graphEventId!)}/cancel`, { comment: "Empêchement" });
    expect(cancelled.status).toBe(202);
    for (const who of [t.menteeIds[0]!, t.mentorId]) {
      const s = (await sessionsOf(who, t.id)).find((x) => x.id === booked.id);
      expect(s?.status, person(who).displayName).toBe("cancelled");
    }
  });

  it("shows a meeting moved in Outlook at its new time, as moved", async () => {
    const t = pick("Europe/Paris", "Europe/Paris");
    const slot = await firstSlot(t.mentorId, t.id, "2026-12-17");
    const booked = (await bookedBy(book(t.mentorId, t.id, slot)))[0]!;
    const start = new Date(Date.parse(slot.start) + 3600_000);
    const end = new Date(Date.parse(slot.end) + 3600_000);
    const moved = await graph.call(t.mentorId, "PATCH", `/me/events/${encodeURIComponent(booked.graphEventId!)}`, {
      start: { dateTime: start.toISOString().slice(0, 19), timeZone: "UTC" },
      end: { dateTime: end.toISOString().slice(0, 19), timeZone: "UTC" },
    });
    expect(moved.status).toBe(200);
    // The mentee reads first: their copy tells.
    const s = (await sessionsOf(t.menteeIds[0]!, t.id)).find((x) => x.id === booked.id)!;
    expect(s.status).toBe("moved");
    expect(Date.parse(s.start)).toBe(start.getTime());
    expect(s.start).toMatch(/\+01:00$/);
    graph.sim.requests.reset();
    await sessionsOf(t.mentorId, t.id);
    expect(graph.sim.requests.snapshot().total).toBe(1);
  });

  it("costs no Graph call to list sessions that have no meeting", async () => {
    const t = tandemWhere("completed tandem with sessions", (x) => x.status === "completed" && x.sessions.length > 0);
    graph.sim.requests.reset();
    const list = await sessionsOf(t.mentorId, t.id);
    expect(list.length).toBe(t.sessions.length);
    expect(graph.sim.requests.snapshot().total).toBe(0);
  });
});

describe("moving and cancelling through Tandem", () => {
  it("moves one occurrence of a series, then cancels the series from a later one", async () => {
    const t = pick("America/Toronto", "Europe/Paris", 1);
    const slot = await firstSlot(t.mentorId, t.id, "2027-01-04");
    const items = await bookedBy(book(t.mentorId, t.id, { ...slot, recurrence: { everyWeeks: 1, occurrences: 4 } }));
    expect(items).toHaveLength(4);

    const second = items[1]!;
    const start = new Date(Date.parse(second.start) + 24 * 3600_000).toISOString();
    const end = new Date(Date.parse(second.end) + 24 * 3600_000).toISOString();
    const stale = await move(t.mentorId, t.id, second.id, { start, end }, 'W/"stale"');
    expect(stale.status).toBe(412);
    const moved = ok(await move(t.mentorId, t.id, second.id, { start, end, scope: "occurrence" }, second.etag)).items;
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ id: second.id, status: "moved" });
    expect(Date.parse(moved[0]!.start)).toBe(Date.parse(start));
    const occurrence = (await graph.call(t.mentorId, "GET", `/me/events/${encodeURIComponent(moved[0]!.graphEventId!)}`)).json;
    expect(occurrence).toMatchObject({ type: "exception", seriesMasterId: items[0]!.graphEventId });
    expect(Date.parse(`${occurrence.start.dateTime.slice(0, 19)}Z`)).toBe(Date.parse(start));

    // The mentee did not book it: Outlook only lets its organizer cancel it.
    const byMentee = await cancel(t.menteeIds[0]!, t.id, items[2]!.id, { scope: "series" });
    expect(byMentee.status).toBe(403);
    const cancelled = ok(await cancel(t.mentorId, t.id, items[2]!.id, { scope: "series", comment: "Fin du cycle" })).items;
    expect(idsOf({ items: cancelled }).sort()).toEqual([items[2]!.id, items[3]!.id].sort());
    for (const s of cancelled) expect(s.status).toBe("cancelled");

    const master = (await graph.call(t.mentorId, "GET", `/me/events/${encodeURIComponent(items[0]!.graphEventId!)}`)).json;
    expect(master.recurrence.range).toMatchObject({ type: "endDate", endDate: items[1]!.start.slice(0, 10) });
    const listed = await sessionsOf(t.mentorId, t.id);
    expect(listed.filter((s) => s.seriesId === items[0]!.seriesId).map((s) => s.status)).toEqual(["scheduled", "moved", "cancelled", "cancelled"]);
  });

  it("moves a series from one of its sessions: a new series for those to come, the old one cut before", async () => {
    const t = pick("Europe/Paris", "America/Toronto");
    const slot = await firstSlot(t.mentorId, t.id, "2027-02-01");
    const items = await bookedBy(book(t.mentorId, t.id, { ...slot, recurrence: { everyWeeks: 1, occurrences: 4 } }));
    const hour = 3600_000;
    const [first, from] = [items[0]!, items[1]!];
    const start = new Date(Date.parse(from.start) - hour).toISOString();
    const end = new Date(Date.parse(from.end) - hour).toISOString();
    const moved = ok(await move(t.mentorId, t.id, from.id, { start, end, scope: "series" }, from.etag)).items;
    expect(idsOf({ items: moved })).toEqual(idsOf({ items: items.slice(1) }));
    moved.forEach((s, i) => {
      expect(s).toMatchObject({ status: "moved", seriesId: first.seriesId });
      expect(Date.parse(s.start)).toBe(Date.parse(items[i + 1]!.start) - hour);
      expect(s.graphEventId).not.toBe(first.graphEventId);
    });

    const old = (await graph.call(t.mentorId, "GET", `/me/events/${encodeURIComponent(first.graphEventId!)}`)).json;
    expect(old.recurrence.range).toMatchObject({ type: "endDate", endDate: first.start.slice(0, 10) });
    const fresh = (await graph.call(t.mentorId, "GET", `/me/events/${encodeURIComponent(moved[0]!.graphEventId!)}`)).json;
    expect(fresh.recurrence.range).toMatchObject({ type: "numbered", numberOfOccurrences: 3 });

    // Read again, reconciled with Outlook: nothing more changes.
    const listed = (await sessionsOf(t.menteeIds[0]!, t.id)).filter((s) => s.seriesId === first.seriesId);
    expect(listed.map((s) => [s.status, Date.parse(s.start)])).toEqual([
      ["scheduled", Date.parse(first.start)],
      ...moved.map((s) => ["moved", Date.parse(s.start)]),
    ]);
  });

  it("cancels a single session in every calendar", async () => {
    const t = pick("Europe/Paris", "Europe/Paris", 1);
    const slot = await firstSlot(t.menteeIds[0]!, t.id, "2027-01-05");
    const booked = (await bookedBy(book(t.menteeIds[0]!, t.id, slot)))[0]!;
    const r = ok(await cancel(t.menteeIds[0]!, t.id, booked.id, {}));
    expect(r.items[0]).toMatchObject({ id: booked.id, status: "cancelled" });
    expect((await graph.call(t.menteeIds[0]!, "GET", `/me/events/${encodeURIComponent(booked.graphEventId!)}`)).status).toBe(404);
    const copy = await graph.call(t.mentorId, "GET", `/me/events?$filter=iCalUId eq '${booked.iCalUId}'`);
    expect(copy.json.value[0].isCancelled).toBe(true);
  });
});

describe("one way to cancel", () => {
  it("cancels the Outlook meeting when the organizer marks a session cancelled (POST .../status), as POST .../cancel does", async () => {
    const t = pick("Europe/Paris", "Europe/Paris");
    const slot = await firstSlot(t.mentorId, t.id, "2027-03-01");
    const booked = (await bookedBy(book(t.mentorId, t.id, slot)))[0]!;
    const cancelled = (who: string, ifMatch?: string) =>
      as(who)("setSessionStatus", { params: { id: t.id, sessionId: booked.id }, body: { status: "cancelled" }, ...(ifMatch ? { ifMatch } : {}) });

    // A stale version, or a member who did not book it, changes nothing, in Tandem or in Outlook.
    expect((await cancelled(t.mentorId, 'W/"stale"')).status).toBe(412);
    const byMentee = await cancelled(t.menteeIds[0]!);
    expect(byMentee.status).toBe(403);
    expect(byMentee.problem?.detail).toContain(person(t.mentorId).displayName);
    expect((await graph.call(t.mentorId, "GET", `/me/events/${encodeURIComponent(booked.graphEventId!)}`)).status).toBe(200);
    expect((await sessionsOf(t.menteeIds[0]!, t.id)).find((s) => s.id === booked.id)?.status).toBe("scheduled");

    const r = await cancelled(t.mentorId, booked.etag);
    expect(ok(r)).toMatchObject({ id: booked.id, status: "cancelled" });
    expect(r.etag).toBe(ok(r).etag);
    expect((await graph.call(t.mentorId, "GET", `/me/events/${encodeURIComponent(booked.graphEventId!)}`)).status).toBe(404);
    const copy = await graph.call(t.menteeIds[0]!, "GET", `/me/events?$filter=iCalUId eq '${booked.iCalUId}'`);
    expect(copy.json.value[0].isCancelled).toBe(true);
    expect((await sessionsOf(t.menteeIds[0]!, t.id)).find((s) => s.id === booked.id)?.status).toBe("cancelled");

    // Asking again changes nothing.
    expect(ok(await cancelled(t.mentorId)).etag).toBe(ok(r).etag);
  });
});

describe("the meeting behind the Outlook add-in", () => {
  it("finds the tandem, the session, the goals and the last check-ins from the organizer's event id, the iCalUId, or an attendee's own copy", async () => {
    const lastHeld = (x: DemoTandem) => x.sessions.filter((s) => s.status === "held").sort((a, b) => a.daysFromNow - b.daysFromNow).at(-1);
    const t = tandemWhere("active tandem whose last held session has check-ins", (x) => active(x) && x.kind === "tandem" && (lastHeld(x)?.checkIns.length ?? 0) > 0);
    const slot = await firstSlot(t.mentorId, t.id, "2027-01-11");
    const booked = (await bookedBy(book(t.mentorId, t.id, slot)))[0]!;

    const byId = ok(await context(t.mentorId, { eventId: booked.graphEventId! }));
    expect(byId.tandem.id).toBe(t.id);
    expect(byId.session.id).toBe(booked.id);
    expect(byId.goals.length).toBe(t.goals.length);
    expect(byId.lastCheckIns.length).toBeGreaterThan(0);

    const byICalUId = ok(await context(t.menteeIds[0]!, { iCalUId: booked.iCalUId! }));
    expect(byICalUId.session.id).toBe(booked.id);

    const copy = (await graph.call(t.menteeIds[0]!, "GET", `/me/events?$filter=iCalUId eq '${booked.iCalUId}'`)).json.value[0];
    const byCopy = ok(await context(t.menteeIds[0]!, { eventId: copy.id }));
    expect(byCopy.session.id).toBe(booked.id);

    const outsider = api.org.people.find((p) => !p.coordinator && p.id !== t.mentorId && !t.menteeIds.includes(p.id))!;
    const hidden = await context(outsider.id, { iCalUId: booked.iCalUId! });
    expect(hidden.status).toBe(404);
  });

  it("finds the right session from an occurrence of a series", async () => {
    const t = pick("Europe/Paris", "Europe/Paris", 1);
    const slot = await firstSlot(t.mentorId, t.id, "2027-01-18");
    const items = await bookedBy(book(t.mentorId, t.id, { ...slot, recurrence: { everyWeeks: 1, occurrences: 3 } }));
    const copyMaster = (await graph.call(t.menteeIds[0]!, "GET", `/me/events?$filter=iCalUId eq '${items[0]!.iCalUId}'`)).json.value[0];
    const instances = (
      await graph.call(t.menteeIds[0]!, "GET", `/me/events/${encodeURIComponent(copyMaster.id)}/instances?startDateTime=2027-01-01T00:00:00Z&endDateTime=2027-03-01T00:00:00Z`)
    ).json.value as any[];
    expect(instances).toHaveLength(3);
    expect(ok(await context(t.menteeIds[0]!, { eventId: instances[2].id })).session.id).toBe(items[2]!.id);
    expect(ok(await context(t.menteeIds[0]!, { iCalUId: instances[1].iCalUId })).session.id).toBe(items[1]!.id);
  });
});

describe("who is invited", () => {
  it("comes from the synced directory; a member without a mail there is named before any Graph call, and nothing is booked", async () => {
    const t = tandemWhere("circle", (x) => x.kind === "circle" && active(x));
    const mentee = person(t.menteeIds[0]!);
    const resync = async () => expect((await api.running.app.directorySync.sync(api.org.tenantId, "timer"))?.status).toBe("done");
    graph.sim.directory.update(mentee.id, { mail: null });
    await resync();
    try {
      graph.sim.requests.reset();
      const r = await suggest(t.mentorId, t.id, { days: 7 });
      expect(r.status).toBe(409);
      expect(r.problem?.detail).toContain(mentee.displayName);
      expect(r.problem?.detail).toMatch(/no mail address/);
      expect(graph.sim.requests.snapshot().total).toBe(0);
    } finally {
      graph.sim.directory.update(mentee.id, { mail: mentee.mail });
      await resync();
    }
    expect(ok(await suggest(t.mentorId, t.id, { days: 7 })).slots.length).toBeGreaterThan(0);
  });
});
