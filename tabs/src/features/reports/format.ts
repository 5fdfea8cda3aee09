import { useMemo } from "react";
import { formatDate, formatPercent } from "@tandem/core/words";
import { useI18n } from "../../i18n/i18n";

/**
 * Numbers, shares and months in the person's locale: "35 %" in French (a narrow no-break space before the sign),
 * "35%" in English; "1,5" and "1.5". Each formatter is built once per locale.
 */
export function useNumbers() {
  const { tag, timeZone } = useI18n();
  return useMemo(() => {
    const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
    const whole = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    const short = new Intl.DateTimeFormat(tag, { month: "short", timeZone: "UTC" });
    const shortYear = new Intl.DateTimeFormat(tag, { month: "short", year: "2-digit", timeZone: "UTC" });
    const long = new Intl.DateTimeFormat(tag, { month: "long", year: "numeric", timeZone: "UTC" });
    const utcDay = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" });
    const day = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone });
    const monthDate = (m: string) => new Date(`${m}-01T00:00:00Z`);
    return {
      number: (n: number) => number.format(n),
      whole: (n: number) => whole.format(n),
      percent: (share: number) => formatPercent(share, tag),
      /** "Oct", "oct."; with the year when the months cross one ("Dec 25"). */
      month: (m: string, withYear: boolean) => (withYear ? shortYear : short).format(monthDate(m)),
      monthLong: (m: string) => long.format(monthDate(m)),
      /** An instant's day, in the person's time zone. */
      day: (iso: string) => formatDate(day, new Date(iso)),
      /** A day that starts at midnight UTC (a report's first month), as such. */
      utcDay: (iso: string) => formatDate(utcDay, new Date(iso)),
    };
  }, [tag, timeZone]);
}
export type Numbers = ReturnType<typeof useNumbers>;

/** Whether the months of a report cross a new year, so that their labels need it. */
export const crossesYear = (months: readonly { month: string }[]) => new Set(months.map((m) => m.month.slice(0, 4))).size > 1;

