import { Checkbox, MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import { useI18n } from "../../i18n/i18n";
import type { Booking } from "./useBooking";
import { useBookingStyles } from "./useBookingStyles";

/**
 * What the person should know before booking, said before it is made: the series the tandem already has (a new one
 * adds to it; the person who booked it may replace it), and the sessions that fall on someone's day off.
 */
export function SeriesCheck({ b }: { b: Booking }) {
  const styles = useBookingStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { existing, offDays } = b;
  const mine = existing.length > 0 && existing[0]!.bookedBy === b.meId;
  return (
    <>
      {existing.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("booking.existing.title")}</MessageBarTitle>
            <div>{t("booking.existing.body", { count: existing.length, date: i18n.day(existing.at(-1)!.start) })}</div>
            {mine ? (
              <Checkbox checked={b.replace} onChange={(_, d) => b.setReplace(d.checked === true)} label={t("booking.existing.replace")} />
            ) : (
              <div>{t("booking.existing.notMine", { name: b.nameOf(existing[0]!.bookedBy) })}</div>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {offDays.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("booking.daysOff.title")}</MessageBarTitle>
            <div>{t("booking.daysOff.body")}</div>
            <ul className={styles.agenda}>
              {offDays.map((d) => (
                <li key={d.start}>
                  <Text>{t("booking.daysOff.item", { date: i18n.dayTitle(d.start), names: d.personIds.map(b.nameOf).join(", ") })}</Text>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
