import { useState } from "react";
import {
  Badge,
  Button,
  Card,
  Dropdown,
  Field,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Subtitle1,
  Text,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { canCheckIn, sessionMinutes, type Session, type TandemView } from "@tandem/core";
import { useSession } from "../../app/session";
import { useResource } from "@tandem/ui";
import { useI18n } from "../../i18n/i18n";
import { ErrorNotice, distinctLabels } from "@tandem/ui";
import { ViewSkeleton } from "../../components/ViewSkeleton";
import { SessionDetails } from "./SessionDetails";
import { CheckInDialog, type SessionRef } from "./CheckInDialog";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL, paddingBlock: tokens.spacingVerticalM },
  list: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: "none" },
  session: { display: "grid", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  picker: { maxWidth: "420px" },
});

/** The most recent session one can check in on: the one the "how did it go?" prompt is about. */
const lastCheckable = (sessions: Session[]) => {
  const now = new Date().toISOString();
  return [...sessions].reverse().find((s) => s.start <= now && canCheckIn(s, now))?.id;
};

const statusColor = { scheduled: "brand", held: "success", cancelled: "subtle", moved: "warning" } as const;

export default function SessionsView() {
  const styles = useStyles();
  const { t, date } = useI18n();
  const { call, me } = useSession();
  const tandems = useResource(
    async () =>
      (await call("listTandems")).data.items.filter((x) => x.status !== "proposed" && x.status !== "declined"),
    [call],
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const tandem: TandemView | undefined = tandems.data?.find((x) => x.id === chosen) ?? tandems.data?.[0];
  const sessions = useResource(
    async () => (tandem ? (await call("listSessions", { params: { id: tandem.id } })).data.items : []),
    [call, tandem?.id],
  );
  const [checkingIn, setCheckingIn] = useState<SessionRef | null>(null);
  const lastId = tandem && sessions.data ? lastCheckable(sessions.data) : undefined;
  const lastCheckedIn = useResource(
    async () =>
      tandem && lastId
        ? (await call("listCheckIns", { params: { id: tandem.id, sessionId: lastId } })).data.items.some((c) => c.personId === me.id)
        : true,
    [call, tandem?.id, lastId],
  );
  const [version, setVersion] = useState(0);
  const now = new Date().toISOString();
  // Two tandems with the same partner (one from an earlier cycle) are told apart by when they started.
  const name = distinctLabels(
    tandems.data ?? [],
    (x: TandemView) =>
      x.members
        .filter((m) => m.id !== me.id)
        .map((m) => m.displayName)
        .join(", "),
    (x) => t("sessions.tandem.since", { date: date(x.createdAt) }),
  );

  if (tandems.loading && !tandems.data) return <ViewSkeleton />;
  if (tandems.error !== undefined) return <ErrorNotice error={tandems.error} onRetry={tandems.reload} />;
  if (!tandem) {
    return (
      <div className={styles.root}>
        <Title2 as="h1">{t("sessions.title")}</Title2>
        <Text>{t("sessions.none")}</Text>
      </div>
    );
  }
  const all = sessions.data ?? [];
  const upcoming = all.filter((s) => s.status === "scheduled" && s.start > now);
  const past = all.filter((s) => !upcoming.includes(s)).reverse();
  const participant = tandem.myRelation !== "coordinator";
  const last = past.find((s) => s.id === lastId);

  return (
    <div className={styles.root}>
      <Title2 as="h1">{t("sessions.title")}</Title2>
      {tandems.data!.length > 1 && (
        <Field label={t("sessions.tandem")} className={styles.picker}>
          <Dropdown value={name(tandem)} selectedOptions={[tandem.id]} onOptionSelect={(_, d) => setChosen(d.optionValue ?? null)}>
            {tandems.data!.map((x) => (
              <Option key={x.id} value={x.id}>
                {name(x)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      {sessions.error !== undefined && <ErrorNotice error={sessions.error} onRetry={sessions.reload} />}
      {sessions.loading && !sessions.data && <ViewSkeleton cards={1} />}
      {participant && last && lastCheckedIn.data === false && (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>
            <MessageBarTitle>{t("sessions.checkInCta.title")}</MessageBarTitle>
            {t("sessions.checkInCta.body")}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => setCheckingIn({ tandemId: tandem.id, session: last })}>
              {t("checkin.action")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <section aria-labelledby="upcoming">
        <Subtitle1 as="h2" id="upcoming">
          {t("sessions.upcoming")}
        </Subtitle1>
        {upcoming.length === 0 ? (
          <Text as="p">{t("sessions.noUpcoming")}</Text>
        ) : (
          <ul className={styles.list}>
            {upcoming.map((s) => (
              <li key={s.id}>
                <Card className={styles.session}>
                  <SessionSummary session={s} joinable />
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="past">
        <Subtitle1 as="h2" id="past">
          {t("sessions.past")}
        </Subtitle1>
        {past.length === 0 ? (
          <Text as="p">{t("sessions.noPast")}</Text>
        ) : (
          <ul className={styles.list}>
            {past.map((s) => (
              <li key={s.id}>
                <Card className={styles.session} data-session={s.id}>
                  <SessionSummary session={s} />
                  <SessionDetails
                    key={`${s.id}-${version}`}
                    tandem={tandem}
                    session={s}
                    onCheckIn={() => setCheckingIn({ tandemId: tandem.id, session: s })}
                  />
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      {checkingIn && (
        <CheckInDialog
          target={checkingIn}
          onClose={() => setCheckingIn(null)}
          onSaved={() => {
            setCheckingIn(null);
            setVersion((v) => v + 1);
            sessions.reload();
            lastCheckedIn.reload();
          }}
        />
      )}
    </div>
  );
}

/** When, how long, where it stands; and the Teams link while it is still to come, or why there is none. */
function SessionSummary({ session: s, joinable = false }: { session: Session; joinable?: boolean }) {
  const styles = useStyles();
  const { t, dateTime } = useI18n();
  return (
    <div className={styles.row}>
      <Text weight="semibold">{dateTime(s.start)}</Text>
      <Text>{t("sessions.minutes", { count: sessionMinutes(s) })}</Text>
      <Badge appearance="tint" color={statusColor[s.status]}>
        {t(`sessions.status.${s.status}`)}
      </Badge>
      {joinable && s.joinUrl && (
        <Link href={s.joinUrl} target="_blank" rel="noopener noreferrer">
          {t("sessions.join")}
        </Link>
      )}
      {joinable && !s.joinUrl && s.teamsMeetingUnavailable && <Text>{t("sessions.noTeams")}</Text>}
    </div>
  );
}
