import { describe, expect, it } from "vitest";
import { bookingReducer, initialBooking, seriesOf, slotOf, type BookingAction, type BookingState, type Suggestions } from "../src/features/booking/flow";
import { cycles, ids, sessionOf, tandemOf } from "./data";

const tandem = tandemOf();
const circle = tandemOf({
  id: ids.circle,
  kind: "circle",
  members: [...tandem.members, { id: ids.sophie, displayName: "Sophie Garnier", role: "mentee", timeZone: "Europe/Paris", mail: "sophie.garnier@brisemer.example" }],
});
const found: Suggestions = {
  timeZone: "Europe/Paris",
  durationMinutes: 45,
  emptyReason: null,
  slots: [
    { start: "2026-12-01T14:00:00.000Z", end: "2026-12-01T14:45:00.000Z", confidence: 100, attendees: [] },
    { start: "2026-12-02T16:30:00.000Z", end: "2026-12-02T17:15:00.000Z", confidence: 100, attendees: [] },
  ],
};
const window = { tandemId: ids.tandem, from: "2026-12-01", days: 10 };

const run = (actions: BookingAction[], from: BookingState = initialBooking([tandem, circle], null, "2026-12-01")) => actions.reduce(bookingReducer, from);
/** Times found for the first window, the first one picked. */
const picked = () => run([{ type: "search" }, { type: "found", window, suggestions: found }, { type: "slot", start: found.slots[0]!.start }]);

describe("the booking flow", () => {
  it("starts idle on the tandem of the message's sender, or the first one, looking ten days from tomorrow", () => {
    expect(initialBooking([tandem, circle], "sophie.garnier@brisemer.example", "2026-12-01")).toEqual({
      choices: { tandemId: ids.circle, from: "2026-12-01", days: 10, series: false, occurrences: null },
      flow: { state: "idle" },
    });
    expect(initialBooking([tandem, circle], "someone.else@example.com", "2026-12-01").choices.tandemId).toBe(ids.tandem);
  });

  it("searches, then offers the times found with none picked", () => {
    const searching = run([{ type: "search" }]);
    expect(searching.flow).toEqual({ state: "searching", window });
    const choosing = bookingReducer(searching, { type: "found", window, suggestions: found });
    expect(choosing.flow).toEqual({ state: "choosing", suggestions: found, slotStart: null });
    expect(slotOf(choosing)).toBeNull();
    expect(slotOf(bookingReducer(choosing, { type: "slot", start: found.slots[1]!.start }))).toEqual(found.slots[1]);
  });

  it("keeps a failed search's error for the retry, and drops the times found when the window changes", () => {
    expect(run([{ type: "search" }, { type: "searchFailed", window, error: "503" }]).flow).toEqual({ state: "idle", failed: "503" });
    for (const change of [
      { type: "from", from: "2026-12-07" },
      { type: "days", days: 21 },
      { type: "tandem", tandemId: ids.circle },
    ] as const) {
      expect(bookingReducer(picked(), change).flow).toEqual({ state: "idle" });
    }
    expect(bookingReducer(picked(), { type: "tandem", tandemId: ids.tandem })).toEqual(picked());
  });

  it("ignores the answer to a search whose window changed while it ran", () => {
    const moved = run([{ type: "search" }, { type: "from", from: "2026-12-07" }, { type: "search" }]);
    expect(bookingReducer(moved, { type: "found", window, suggestions: found }).flow).toEqual({ state: "searching", window: { ...window, from: "2026-12-07" } });
    expect(bookingReducer(moved, { type: "searchFailed", window, error: "late" })).toBe(moved);
  });

  it("books only a time picked, and holds the pick while booking", () => {
    const nothingPicked = run([{ type: "search" }, { type: "found", window, suggestions: found }]);
    expect(bookingReducer(nothingPicked, { type: "book" })).toBe(nothingPicked);

    const booking = bookingReducer(picked(), { type: "book" });
    expect(booking.flow).toEqual({ state: "booking", suggestions: found, slotStart: found.slots[0]!.start });
    for (const meanwhile of [{ type: "slot", start: found.slots[1]!.start }, { type: "search" }, { type: "book" }] as const) {
      expect(bookingReducer(booking, meanwhile)).toBe(booking);
    }
  });

  it("goes back to the time picked when booking fails, with the error to retry from", () => {
    const failed = run([{ type: "book" }, { type: "bookFailed", error: "network" }], picked());
    expect(failed.flow).toEqual({ state: "choosing", suggestions: found, slotStart: found.slots[0]!.start, failed: "network" });
    expect(bookingReducer(failed, { type: "book" }).flow.state).toBe("booking");
  });

  it("shows what was booked, for the tandem it was booked with, then starts again keeping the window", () => {
    const sessions = [sessionOf()];
    const recurrence = { everyWeeks: 2, occurrences: 7 };
    const booked = run(
      [{ type: "series", on: true }, { type: "occurrences", count: 9 }, { type: "book" }, { type: "tandem", tandemId: ids.circle }, { type: "booked", tandemId: ids.tandem, sessions, recurrence }],
      picked(),
    );
    // Switching tandems meanwhile dropped the count chosen for the first one's cycle.
    expect(booked).toEqual({ choices: { ...window, series: true, occurrences: null }, flow: { state: "booked", sessions, recurrence } });
    expect(bookingReducer(booked, { type: "again" })).toEqual({ choices: { ...window, series: false, occurrences: null }, flow: { state: "idle" } });
  });

  it("books a series at the cycle's cadence: by default as many sessions as the cycle has left, otherwise 2 to 52", () => {
    const single = picked();
    expect(seriesOf(single, tandem, cycles.items)).toEqual({ everyWeeks: 2, count: 7, recurrence: null });
    const series = bookingReducer(single, { type: "series", on: true });
    // 1 December to the cycle's end on 28 February, fortnightly: 1 Dec ... 23 Feb.
    expect(seriesOf(series, tandem, cycles.items).recurrence).toEqual({ everyWeeks: 2, occurrences: 7 });
    expect(seriesOf(bookingReducer(series, { type: "occurrences", count: 80 }), tandem, cycles.items).count).toBe(52);
    expect(seriesOf(bookingReducer(series, { type: "occurrences", count: 1 }), tandem, cycles.items).count).toBe(2);
    // A cycle that cannot be found: fortnightly, six sessions.
    expect(seriesOf(series, tandemOf({ cycleId: ids.tandem }), cycles.items)).toEqual({ everyWeeks: 2, count: 6, recurrence: { everyWeeks: 2, occurrences: 6 } });
  });
});
