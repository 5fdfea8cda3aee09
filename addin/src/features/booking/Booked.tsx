import { useMemo } from "react";
import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import type { Recurrence } from "@tandem/core";
import { useI18n } from "../../i18n/i18n";
import type { BookedSessions } from "./flow";
import { lastOfSeries } from "./plan";
import { useBookingStyles } from "./useBookingStyles";

/** What was booked: when, how often until when, and the Teams meeting to join. */
export function Booked({
  label,
  sessions,
  recurrence,
  onAgain,
}: {
  label: string;
  sessions: BookedSessions;
  recurrence: Recurrence | null;
  onAgain(): void;
}) {
  const styles = useBookingStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const ordered = useMemo(() => [...sessions].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)), [sessions]);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  const rec = first?.recurrence ?? recurrence;
  const joinUrl = ordered.find((s) => s.joinUrl)?.joinUrl ?? null;
  const noTeams = !joinUrl && ordered.some((s) => s.teamsMeetingUnavailable);
  return (
    <div className={styles.done}>
      <MessageBar intent="success" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>{t("booking.done.title")}</MessageBarTitle>
          <div>{t(noTeams ? "booking.done.bodyNoTeams" : "booking.done.body")}</div>
        </MessageBarBody>
      </MessageBar>
      <Text>{label}</Text>
      {first && (
        <Text weight="semibold">
          {t("booking.done.when", { day: i18n.dayTitle(first.start), time: i18n.timeRange(first.start, first.end) })}
        </Text>
      )}
      {first && rec && (
        <Text>
          {t(rec.everyWeeks === 1 ? "booking.done.series_weekly" : "booking.done.series", {
            count: rec.occurrences,
            weeks: rec.everyWeeks,
            date: i18n.day(ordered.length > 1 && last ? last.start : lastOfSeries(first, rec, i18n.timeZone)),
          })}
        </Text>
      )}
      {joinUrl && (
        <Link href={joinUrl} target="_blank" rel="noopener noreferrer">
          {t("booking.done.join")}
        </Link>
      )}
      {noTeams && <Text>{t("booking.done.noTeams")}</Text>}
      <Button onClick={onAgain}>{t("booking.again")}</Button>
    </div>
  );
}
