import type { Api, Recurrence, ResponseOf, Slot, TandemView } from "@tandem/core";
import { everyWeeksOf, sessionsLeftInCycle, type Cycle } from "./plan";

/**
 * The booking flow, pure: what the person chose, and where the flow is. Idle until times are searched for;
 * searching; choosing among the times found; booking the one picked; booked. A search or a booking that fails
 * goes back a step with its error, for the view to tell and to retry.
 */

export type Suggestions = ResponseOf<Api["suggestSessions"]>;
export type BookedSessions = ResponseOf<Api["bookSession"]>["items"];

/** Where to look for times: with whom, from which day, for how many days. */
export interface Window {
  tandemId: string;
  /** A calendar date, YYYY-MM-DD, in the person's time zone. */
  from: string;
  days: number;
}

export interface Choices extends Window {
  series: boolean;
  /** How many sessions the series has; null: as many as the cycle has left. */
  occurrences: number | null;
}

export type Flow =
  /** `failed`: why the last search found nothing. */
  | { state: "idle"; failed?: unknown }
  | { state: "searching"; window: Window }
  /** `failed`: why the last booking attempt did not book. */
  | { state: "choosing"; suggestions: Suggestions; slotStart: string | null; failed?: unknown }
  | { state: "booking"; suggestions: Suggestions; slotStart: string }
  | { state: "booked"; sessions: BookedSessions; recurrence: Recurrence | null };

export interface BookingState {
  choices: Choices;
  flow: Flow;
}

export type BookingAction =
  | { type: "tandem"; tandemId: string }
  | { type: "from"; from: string }
  | { type: "days"; days: number }
  | { type: "search" }
  | { type: "found"; window: Window; suggestions: Suggestions }
  | { type: "searchFailed"; window: Window; error: unknown }
  | { type: "slot"; start: string }
  | { type: "series"; on: boolean }
  | { type: "occurrences"; count: number }
  | { type: "book" }
  | { type: "booked"; tandemId: string; sessions: BookedSessions; recurrence: Recurrence | null }
  | { type: "bookFailed"; error: unknown }
  | { type: "again" };

/** The tandem of the message's sender first (the person most likely to book with), else the first one. */
export function initialBooking(tandems: TandemView[], sender: string | null, tomorrow: string): BookingState {
  const senders = sender ? tandems.find((x) => x.members.some((m) => m.mail?.toLowerCase() === sender)) : undefined;
  return {
    choices: { tandemId: (senders ?? tandems[0]!).id, from: tomorrow, days: 10, series: false, occurrences: null },
    flow: { state: "idle" },
  };
}

const windowOf = ({ tandemId, from, days }: Choices): Window => ({ tandemId, from, days });
const sameWindow = (a: Window, b: Window) => a.tandemId === b.tandemId && a.from === b.from && a.days === b.days;

export function bookingReducer(s: BookingState, a: BookingAction): BookingState {
  const { choices, flow } = s;
  switch (a.type) {
    // Another window: the times found no longer apply.
    case "tandem":
      return a.tandemId === choices.tandemId ? s : { choices: { ...choices, tandemId: a.tandemId, occurrences: null }, flow: { state: "idle" } };
    case "from":
      return { choices: { ...choices, from: a.from }, flow: { state: "idle" } };
    case "days":
      return { choices: { ...choices, days: a.days }, flow: { state: "idle" } };
    case "search":
      return flow.state === "searching" || flow.state === "booking" ? s : { choices, flow: { state: "searching", window: windowOf(choices) } };
    // An answer counts for the search still awaited, not for one whose window has changed since.
    case "found":
      return flow.state === "searching" && sameWindow(flow.window, a.window)
        ? { choices, flow: { state: "choosing", suggestions: a.suggestions, slotStart: null } }
        : s;
    case "searchFailed":
      return flow.state === "searching" && sameWindow(flow.window, a.window) ? { choices, flow: { state: "idle", failed: a.error } } : s;
    case "slot":
      return flow.state === "choosing" ? { choices, flow: { ...flow, slotStart: a.start } } : s;
    case "series":
      return { choices: { ...choices, series: a.on }, flow };
    case "occurrences":
      return { choices: { ...choices, occurrences: Math.min(52, Math.max(2, a.count)) }, flow };
    case "book":
      return flow.state === "choosing" && flow.slotStart
        ? { choices, flow: { state: "booking", suggestions: flow.suggestions, slotStart: flow.slotStart } }
        : s;
    // Booked is booked, whatever was changed meanwhile: the pane shows what is now in the calendars.
    case "booked":
      return { choices: { ...choices, tandemId: a.tandemId }, flow: { state: "booked", sessions: a.sessions, recurrence: a.recurrence } };
    case "bookFailed":
      return flow.state === "booking" ? { choices, flow: { ...flow, state: "choosing", failed: a.error } } : s;
    case "again":
      return { choices: { ...choices, series: false, occurrences: null }, flow: { state: "idle" } };
  }
}

/** The time picked, while it can be booked. */
export function slotOf({ flow }: BookingState): Slot | null {
  if (flow.state !== "choosing" && flow.state !== "booking") return null;
  return flow.suggestions.slots.find((x) => x.start === flow.slotStart) ?? null;
}

/**
 * The series the person would book: the cycle's cadence, and as many sessions as they chose or, by default, as the
 * cycle has left after the time picked. `recurrence` is null for a single session.
 */
export function seriesOf(s: BookingState, tandem: TandemView, cycles: Cycle[]) {
  const slot = slotOf(s);
  const everyWeeks = everyWeeksOf(tandem, cycles);
  const count = s.choices.occurrences ?? (slot ? sessionsLeftInCycle(slot.start, tandem, cycles) : 6);
  const recurrence: Recurrence | null = s.choices.series ? { everyWeeks, occurrences: count } : null;
  return { everyWeeks, count, recurrence };
}
