import { Button, Dropdown, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Option, Select, Spinner, SpinButton, Switch, Text } from "@fluentui/react-components";
import type { TandemView } from "@tandem/core";
import { ApiError, ErrorNotice, apiFieldErrors, fieldState, type ErrorWords } from "@tandem/ui";
import { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/en";
import { Agenda } from "./Agenda";
import { Booked } from "./Booked";
import { lastOfSeries, type Cycle } from "./plan";
import { SeriesCheck } from "./SeriesCheck";
import { SlotList } from "./SlotList";
import { useBooking } from "./useBooking";
import { useBookingStyles } from "./useBookingStyles";

const DAY_CHOICES = [5, 10, 14, 21, 28] as const;

const searchWords: ErrorWords<MessageKey> = { 503: "booking.error.calendarsSearch", 429: "booking.error.calendarsSearch" };
const bookWords: ErrorWords<MessageKey> = {
  503: "booking.error.calendars",
  429: "booking.error.calendars",
  400: "booking.error.refused",
  409: "booking.error.refused",
};

/** A booking refused because one of its times is already taken by a session of the tandem: which one, to say so. */
const overlapOf = (e: unknown) => (e instanceof ApiError && e.status === 409 ? (e.particulars.slot ?? null) : null);

/** The booking flow as the person sees it: the state is useBooking's (flow.ts), nothing is decided here. */
export function BookingFlow({ tandems, cycles }: { tandems: TandemView[]; cycles: Cycle[] }) {
  const styles = useBookingStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const b = useBooking(tandems, cycles);
  const { choices, flow, dispatch, tandem, slot } = b;
  const overlap = flow.state === "choosing" ? overlapOf(flow.failed) : null;
  // What the api found wrong with a field, next to that field, in the person's words.
  const searchFields = apiFieldErrors(flow.state === "idle" ? flow.failed : undefined, t);
  const bookFields = apiFieldErrors(flow.state === "choosing" ? flow.failed : undefined, t);

  if (flow.state === "booked") {
    return <Booked label={b.labelOf(tandem)} sessions={flow.sessions} recurrence={flow.recurrence} onAgain={() => dispatch({ type: "again" })} />;
  }
  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby="book-title">
        <h2 id="book-title" className={styles.heading}>
          {t("booking.title")}
        </h2>
        <Text className={styles.muted}>{t("booking.intro")}</Text>
        {tandems.length > 1 ? (
          <Field label={t("booking.tandem")}>
            <Dropdown
              value={b.labelOf(tandem)}
              selectedOptions={[tandem.id]}
              onOptionSelect={(_, d) => d.optionValue && dispatch({ type: "tandem", tandemId: d.optionValue })}
              className={styles.fullWidth}
            >
              {tandems.map((x) => (
                <Option key={x.id} value={x.id} text={b.labelOf(x)}>
                  {b.labelOf(x)}
                </Option>
              ))}
            </Dropdown>
          </Field>
        ) : (
          <Text weight="semibold">{b.labelOf(tandem)}</Text>
        )}
        <div className={styles.window}>
          <Field label={t("booking.from")} {...fieldState(searchFields.from)}>
            <Input type="date" value={choices.from} min={b.tomorrow} onChange={(_, d) => d.value && dispatch({ type: "from", from: d.value })} />
          </Field>
          <Field label={t("booking.days")} {...fieldState(searchFields.days)}>
            <Select value={String(choices.days)} onChange={(_, d) => dispatch({ type: "days", days: Number(d.value) })}>
              {DAY_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {t("booking.days.option", { count: n })}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Button
          appearance={slot ? "secondary" : "primary"}
          onClick={() => void b.find()}
          disabled={flow.state === "searching" || flow.state === "booking"}
        >
          {t("booking.find")}
        </Button>
      </section>

      {flow.state === "searching" && <Spinner size="small" label={t("booking.finding")} />}
      {flow.state === "idle" && flow.failed !== undefined && <ErrorNotice error={flow.failed} words={searchWords} onRetry={() => void b.find()} />}
      {(flow.state === "choosing" || flow.state === "booking") && (
        <SlotList
          suggestions={flow.suggestions}
          tandem={tandem}
          value={flow.slotStart}
          onChange={(start) => dispatch({ type: "slot", start })}
        />
      )}

      {slot && (
        <>
          <section className={styles.section} aria-label={t("booking.series")}>
            <Switch checked={choices.series} onChange={(_, d) => dispatch({ type: "series", on: d.checked })} label={t("booking.series")} />
            {choices.series && (
              <>
                <Text className={styles.muted}>{t("booking.series.cadence", { count: b.everyWeeks })}</Text>
                <Field label={t("booking.series.count")} {...fieldState(bookFields["recurrence.occurrences"])}>
                  <SpinButton
                    value={b.count}
                    min={2}
                    max={52}
                    onChange={(_, d) => {
                      const v = d.value ?? Number(d.displayValue);
                      if (Number.isInteger(v)) dispatch({ type: "occurrences", count: v! });
                    }}
                  />
                </Field>
                <Text>
                  {t(b.everyWeeks === 1 ? "booking.series.summary_weekly" : "booking.series.summary", {
                    count: b.count,
                    weeks: b.everyWeeks,
                    date: i18n.day(lastOfSeries(slot, { everyWeeks: b.everyWeeks, occurrences: b.count }, i18n.timeZone)),
                  })}
                </Text>
              </>
            )}
          </section>
          <SeriesCheck b={b} />
          <Agenda tandem={tandem} goals={b.goals} />
          {overlap ? (
            <MessageBar intent="warning" layout="multiline" role="alert">
              <MessageBarBody>
                <MessageBarTitle>{t("booking.overlap.title")}</MessageBarTitle>
                <div>{t("booking.overlap.body", { date: `${i18n.day(overlap.start)}, ${i18n.timeRange(overlap.start, overlap.end)}` })}</div>
              </MessageBarBody>
            </MessageBar>
          ) : (
            flow.state === "choosing" &&
            flow.failed !== undefined && <ErrorNotice error={flow.failed} words={bookWords} onRetry={() => void b.book()} />
          )}
          <Button appearance="primary" size="large" onClick={() => void b.book()} disabled={flow.state === "booking"}>
            {flow.state === "booking"
              ? t("booking.booking")
              : choices.series
                ? t("booking.book.series", { count: b.count })
                : t("booking.book")}
          </Button>
        </>
      )}
    </div>
  );
}
