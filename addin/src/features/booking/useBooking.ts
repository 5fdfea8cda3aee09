import { useReducer, useRef } from "react";
import { addDays, dateIn, type TandemView } from "@tandem/core";
import { ApiError, distinctLabels, useResource } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { bookingReducer, initialBooking, seriesOf, slotOf } from "./flow";
import { Attempt, othersOf, type Cycle } from "./plan";

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

  const find = async () => {
    const window = { tandemId: tandem.id, from: choices.from, days: choices.days };
    dispatch({ type: "search" });
    try {
      const r = await call("suggestSessions", { params: { id: tandem.id }, body: { from: window.from, days: window.days, timeZone: i18n.timeZone } });
      dispatch({ type: "found", window, suggestions: r.data });
    } catch (error) {
      dispatch({ type: "searchFailed", window, error });
    }
  };

  const book = async () => {
    if (!slot || flow.state !== "choosing") return;
    const body = { start: slot.start, end: slot.end, recurrence: series.recurrence };
    const idempotencyKey = attempt.current.keyFor(JSON.stringify([tandem.id, body]));
    dispatch({ type: "book" });
    try {
      const r = await call("bookSession", { params: { id: tandem.id }, body, idempotencyKey });
      attempt.current.settle();
      dispatch({ type: "booked", tandemId: tandem.id, sessions: r.data.items, recurrence: body.recurrence });
    } catch (error) {
      if (refused(error)) attempt.current.settle();
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

  return { ...state, dispatch, tandems, tandem, tomorrow, goals: goals.data, slot, ...series, find, book, labelOf };
}

export type Booking = ReturnType<typeof useBooking>;
