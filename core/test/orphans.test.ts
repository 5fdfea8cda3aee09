import { describe, expect, it } from "vitest";
import { orphanMeetings, type CalendarEvent, type KnownTandem, type SessionRecord } from "../src";

const NOW = "2026-12-01T08:00:00.000Z";
const T = "7a0b6b52-5d4c-4a8e-9f3e-2c1d0e9f8a7b";

const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  id: "ev-1",
  iCalUId: "ICAL-1",
  matchKey: "KEY-1",
  start: "2026-12-08T14:00:00.000Z",
  end: "2026-12-08T14:45:00.000Z",
  isCancelled: false,
  joinUrl: null,
  seriesMasterId: null,
  originalStart: null,
  isOrganizer: true,
  tandemId: T,
  createdAt: "2026-11-30T08:00:00.000Z",
  ...over,
});
const session = (matchKey: string) => ({ link: { organizerId: "o", eventId: "x", matchKey, originalStart: null } }) as SessionRecord;
const known = (k: Partial<KnownTandem> = {}) => (id: string) => (id === T ? { sessions: [], holds: [], ...k } : undefined);

describe("orphan meetings", () => {
  it("are the organizer's marked meetings that no session of their tandem links to, a series once by its master", () => {
    const occurrences = [1, 2].map((n) => event({ id: `occ-${n}`, iCalUId: `ICAL-OCC-${n}`, matchKey: "SERIES", seriesMasterId: "master" }));
    const found = orphanMeetings([event(), ...occurrences], known({ sessions: [session("key-1")] }), NOW, 0);
    expect(found).toEqual([expect.objectContaining({ eventId: "master", tandemId: T })]);
  });

  it("leave alone attendees' copies, unmarked or cancelled meetings, and tandems this installation does not know", () => {
    const events = [event({ isOrganizer: false }), event({ tandemId: null }), event({ isCancelled: true }), event({ tandemId: "another" })];
    expect(orphanMeetings(events, known(), NOW, 0)).toEqual([]);
  });

  it("leave alone a meeting younger than the grace, and one whose slot a booking or a move in flight holds", () => {
    const young = event({ createdAt: "2026-12-01T07:55:00.000Z" });
    expect(orphanMeetings([young], known(), NOW, 10 * 60_000)).toEqual([]);
    expect(orphanMeetings([young], known(), NOW, 5 * 60_000)).toHaveLength(1);
    const hold = { key: "k", sessionId: T, intervals: [{ start: "2026-12-08T14:30:00.000Z", end: "2026-12-08T15:00:00.000Z" }], until: "2026-12-01T08:02:00.000Z" };
    expect(orphanMeetings([event()], known({ holds: [hold] }), NOW, 0)).toEqual([]);
    expect(orphanMeetings([event()], known({ holds: [{ ...hold, until: NOW }] }), NOW, 0)).toHaveLength(1);
  });
});
