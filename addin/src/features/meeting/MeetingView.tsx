import { useState } from "react";
import {
  Badge,
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  RatingDisplay,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { type Api, canCheckIn, isCalledOff, isUpcoming, shownStatus, type ResponseOf } from "@tandem/core";
import { useSession } from "../../app/session";
import { useResource } from "@tandem/ui";
import { useI18n } from "../../i18n/i18n";
import { ErrorNotice } from "@tandem/ui";
import { Loading } from "../../components/Loading";
import { ApiError } from "@tandem/ui";
import { CheckInForm } from "../checkin/CheckInForm";
import { activeGoals } from "../booking/plan";

type Context = ResponseOf<Api["meetingContext"]>;

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL, minWidth: 0 },
  section: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  when: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { margin: 0, padding: 0, listStyleType: "none", display: "grid", gap: tokens.spacingVerticalM },
  checkIn: {
    display: "grid",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: "anywhere",
  },
  ratingRow: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  stack: { display: "grid", gap: tokens.spacingVerticalS, justifyItems: "start" },
});

/** Opened on a meeting: the Tandem session behind it, its goals, what was said last time, and the check-in. */
export function MeetingView({ eventId, onBook }: { eventId: string; onBook(): void }) {
  const { call } = useSession();
  const { t } = useI18n();
  const styles = useStyles();
  const context = useResource(async () => (await call("meetingContext", { query: { eventId } })).data, [eventId]);
  if (context.error instanceof ApiError && context.error.status === 404) {
    return (
      <div className={styles.stack}>
        <MessageBar intent="info" layout="multiline" role="status">
          <MessageBarBody>
            <MessageBarTitle>{t("meeting.notTandem.title")}</MessageBarTitle>
            <div>{t("meeting.notTandem.body")}</div>
          </MessageBarBody>
        </MessageBar>
        <Button appearance="primary" onClick={onBook}>
          {t("meeting.notTandem.book")}
        </Button>
      </div>
    );
  }
  if (context.error) return <ErrorNotice error={context.error} onRetry={context.reload} />;
  if (!context.data) return <Loading />;
  return <Meeting context={context.data} />;
}

function Meeting({ context }: { context: Context }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { call, me, now } = useSession();
  const { tandem, session, goals, lastCheckIns } = context;
  const [checkingIn, setCheckingIn] = useState(false);
  const [saved, setSaved] = useState(false);
  const open = canCheckIn(session, now());
  // Upcoming by the one rule: a session moved in Outlook to a time ahead keeps its Join link; one that ended reads held.
  const upcoming = isUpcoming(session, now());
  const status = shownStatus(session, now());
  // Whether I already checked in on this session, to offer editing it rather than starting again.
  const mine = useResource(
    async () =>
      open
        ? (await call("listCheckIns", { params: { id: tandem.id, sessionId: session.id } })).data.items.some((c) => c.personId === me.id)
        : false,
    [open, session.id],
  );
  const done = saved || mine.data === true;
  const nameOf = (id: string) => tandem.members.find((m) => m.id === id)?.displayName ?? "";
  const others = tandem.members.filter((m) => m.id !== me.id);
  const active = activeGoals(goals);

  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby="meeting-title">
        <h2 id="meeting-title" className={styles.title}>
          {t(tandem.kind === "circle" ? "meeting.title.circle" : "meeting.title.tandem")}
        </h2>
        <div className={styles.when}>
          <Text weight="semibold">{`${i18n.dayTitle(session.start)}, ${i18n.timeRange(session.start, session.end)}`}</Text>
          <Badge appearance="tint" color={status === "cancelled" ? "danger" : status === "held" ? "success" : "informative"}>
            {t(`meeting.status.${status}`)}
          </Badge>
        </div>
        <Text>
          {t("meeting.with", {
            names: others.map((m) => t("meeting.member", { name: m.displayName, role: t(`role.${m.role}`) })).join(" · "),
          })}
        </Text>
        {session.recurrence && (
          <Text className={styles.muted}>
            {t(session.recurrence.everyWeeks === 1 ? "meeting.series_weekly" : "meeting.series", {
              weeks: session.recurrence.everyWeeks,
              count: session.recurrence.occurrences,
            })}
          </Text>
        )}
        {session.joinUrl && upcoming && (
          <Link href={session.joinUrl} target="_blank" rel="noopener noreferrer">
            {t("meeting.join")}
          </Link>
        )}
        {!session.joinUrl && session.teamsMeetingUnavailable && upcoming && (
          <Text className={styles.muted}>{t("meeting.noTeams")}</Text>
        )}
      </section>

      <section className={styles.section} aria-labelledby="checkin-title">
        <h2 id="checkin-title" className={styles.heading}>
          {t("checkin.title")}
        </h2>
        {isCalledOff(session.status) ? (
          <Text className={styles.muted}>{t(session.status === "missed" ? "checkin.missed" : "checkin.cancelled")}</Text>
        ) : !open ? (
          <Text className={styles.muted}>{t("checkin.notYet", { when: i18n.dateTime(session.start) })}</Text>
        ) : checkingIn ? (
          <CheckInForm
            tandemId={tandem.id}
            session={session}
            onCancel={() => setCheckingIn(false)}
            onSaved={() => {
              setCheckingIn(false);
              setSaved(true);
            }}
          />
        ) : (
          <div className={styles.stack}>
            {saved ? (
              <MessageBar intent="success" role="status">
                <MessageBarBody>{t("checkin.saved")}</MessageBarBody>
              </MessageBar>
            ) : (
              <Text className={styles.muted}>{t(done ? "checkin.done" : "checkin.intro")}</Text>
            )}
            <Button appearance={done ? "secondary" : "primary"} onClick={() => setCheckingIn(true)}>
              {done ? t("checkin.edit") : t("checkin.action")}
            </Button>
          </div>
        )}
      </section>

      <section className={styles.section} aria-labelledby="goals-title">
        <h2 id="goals-title" className={styles.heading}>
          {t("meeting.goals")}
        </h2>
        {active.length === 0 ? (
          <Text className={styles.muted}>{t("meeting.goals.none")}</Text>
        ) : (
          <ul className={styles.list}>
            {active.map((g) => (
              <li key={g.id}>
                <Field label={g.title} hint={t("meeting.goal.hint", { name: nameOf(g.menteeId), progress: g.progress })}>
                  <ProgressBar value={g.progress / 100} thickness="large" />
                </Field>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby="last-title">
        <h2 id="last-title" className={styles.heading}>
          {t("meeting.lastCheckIns")}
        </h2>
        {lastCheckIns.length === 0 ? (
          <Text className={styles.muted}>{t("meeting.lastCheckIns.none")}</Text>
        ) : (
          <ul className={styles.list}>
            {lastCheckIns.map((c) => (
              <li key={c.personId} className={styles.checkIn}>
                <div className={styles.ratingRow}>
                  <Text weight="semibold">{t("meeting.checkIn.by", { name: nameOf(c.personId) })}</Text>
                  <RatingDisplay value={c.rating} compact aria-label={t("meeting.checkIn.rating", { value: c.rating })} />
                </div>
                {c.learned && <Text>{t("meeting.checkIn.learned", { text: c.learned })}</Text>}
                {c.willTry && <Text>{t("meeting.checkIn.willTry", { text: c.willTry })}</Text>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
