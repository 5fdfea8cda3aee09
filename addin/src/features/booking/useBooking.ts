import { useReducer, useRef, useState } from "react";
import { addDays, dateIn, daysOff, occurrencesOf, type TandemView } from "@tandem/core";
import { ApiError, distinctLabels, useResource } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { bookingReducer, initialBooking, seriesOf, slotOf } from "./flow";
import { Attempt, othersOf, seriesToCome, type Cycle } from "./plan";

/** The api refused the booking for good (4xx): nothing was booked, a retry would be refused again. */
const refused = (e: unknown) => e instanceof ApiError && e.status >= 400 && e.status < 500;

/**
 * The booking flow's state (flow.ts's reducer) and its two calls: finding times for the window chosen, and booking
 * the one picked, with an Idempotency-Key kept until the api answers for sure (plan.ts's Attempt).
 */
export function useBooking(tandems: TandemView[], cycles: Cycle[]) {
  const i18n = useI18n();
  const { call, me, item, now } = useSession();
  const tomorrow = addDays(dateIn(new Date(now()), i18n.timeZone), 1);
  const [state, dispatch] = useReducer(bookingReducer, undefined, () => initialBooking(tandems, item?.from ?? null, tomorrow));
  const attempt = useRef(new Attempt());
  const { choices, flow } = state;
  const tandem = tandems.find((x) => x.id === choices.tandemId) ?? tandems[0]!;
  const goals = useResource(async () => (await call("listGoals", { params: { id: tandem.id } })).data.items, [tandem.id]);
  const slot = slotOf(state);
  const series = seriesOf(state, tandem, cycles);
  // The series the tandem already has, which a new one would add to, and whether to replace it (cancel it first).
  const sessions = useResource(async () => (await call("listSessions", { params: { id: tandem.id } })).data.items, [tandem.id]);
  const existing = choices.series ? seriesToCome(sessions.data ?? [], now()) : [];
  const [replace, setReplace] = useState(false);
  const replacing = replace && existing.length > 0 && existing[0]!.bookedBy === me.id;
  // The sessions this booking would make that fall on someone's day off, before it is made.
  const suggestions = flow.state === "choosing" || flow.state === "booking" ? flow.suggestions : null;
  const offDays =
    slot && suggestions?.workingHours ? daysOff(occurrencesOf(slot, suggestions.timeZone, series.recurrence), suggestions.workingHours) : [];

  const find = async () => {
    const window = { tandemId: tandem.id, from: choices.from, days: choices.days };
    dispatch({ type: "search" });
    try {
      const r = await call("suggestSessions", {
        params: { id: tandem.id },
        body: { from: window.from, days: window.days, timeZone: i18n.timeZone, workingDays: true },
      });
      dispatch({ type: "found", window, suggestions: r.data });
    } catch (error) {
      dispatch({ type: "searchFailed", window, error });
    }
  };

  const book = async () => {
    if (!slot || flow.state !== "choosing") return;
    // Outlook told everyone's working days: the sessions on someone's day off were shown above (SeriesCheck), and are
    // booked as they are. Otherwise the api looks itself, and refuses them (409 with daysOff).
    const body = { start: slot.start, end: slot.end, recurrence: series.recurrence, allowDaysOff: !!suggestions?.workingHours };
    const idempotencyKey = attempt.current.keyFor(JSON.stringify([tandem.id, body]));
    dispatch({ type: "book" });
    try {
      // Replacing: the old series is cancelled from its first session to come, through the one way to cancel.
      if (replacing) await call("cancelSession", { params: { id: tandem.id, sessionId: existing[0]!.id }, body: { scope: "series" } });
      const r = await call("bookSession", { params: { id: tandem.id }, body, idempotencyKey });
      attempt.current.settle();
      dispatch({ type: "booked", tandemId: tandem.id, sessions: r.data.items, recurrence: body.recurrence });
      setReplace(false);
      sessions.reload();
    } catch (error) {
      if (refused(error)) attempt.current.settle();
      sessions.reload();
      dispatch({ type: "bookFailed", error });
    }
  };

  /** "Tandem with Mathieu Tremblay", "Circle with ...": the tandem as the person booking sees it; with its start when two read alike. */
  const labelOf = distinctLabels(
    tandems,
    (x: TandemView) =>
      i18n.t(x.kind === "circle" ? "booking.tandem.circle" : "booking.tandem.tandem", {
        names: othersOf(x, me.id).map((m) => m.displayName).join(", "),
      }),
    (x) => i18n.t("booking.tandem.since", { date: i18n.date(x.createdAt) }),
  );

  const nameOf = (id: string | null) => tandem.members.find((m) => m.id === id)?.displayName ?? "";
  return { ...state, dispatch, tandems, tandem, tomorrow, goals: goals.data, slot, ...series, find, book, labelOf, existing, replace, setReplace, offDays, nameOf, meId: me.id };
}

export type Booking = ReturnType<typeof useBooking>;
