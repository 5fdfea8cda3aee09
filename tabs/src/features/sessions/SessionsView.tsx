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
import { canCheckIn, canSayHeldOrNot, sessionMinutes, sessionPhase, shownStatus, type TandemView } from "@tandem/core";
import type { SessionView } from "@tandem/core";
import { useSession } from "../../app/session";
import { useResource, useSubmit } from "@tandem/ui";
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
const lastCheckable = (sessions: SessionView[]) => {
  const now = new Date().toISOString();
  return [...sessions].reverse().find((s) => s.start <= now && canCheckIn(s, now))?.id;
};

const statusColor = { scheduled: "brand", held: "success", cancelled: "subtle", moved: "warning", missed: "subtle" } as const;

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
  // One rule for every view (core sessionPhase): a session moved to a time ahead is upcoming, and one called off
  // before its time is listed among them, cancelled, neither joinable nor to check in to.
  const upcoming = all.filter((s) => sessionPhase(s, now) !== "past").sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const past = all.filter((s) => sessionPhase(s, now) === "past").reverse();
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
                <Card className={styles.session} data-session={s.id}>
                  <SessionSummary session={s} joinable={sessionPhase(s, now) === "upcoming"} />
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
                    heldOrNot={participant && canSayHeldOrNot(s, now) ? <HeldOrNot tandemId={tandem.id} session={s} onChanged={sessions.reload} /> : null}
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
function SessionSummary({ session: s, joinable = false }: { session: SessionView; joinable?: boolean }) {
  const styles = useStyles();
  const { t, dateTime } = useI18n();
  // A meeting that ended counts as held without anyone saying so (core isHeld).
  const status = shownStatus(s, new Date().toISOString());
  return (
    <div className={styles.row}>
      <Text weight="semibold">{dateTime(s.start)}</Text>
      <Text>{t("sessions.minutes", { count: sessionMinutes(s) })}</Text>
      <Badge appearance="tint" color={statusColor[status]}>
        {t(`sessions.status.${status}`)}
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

/** A member says a session did not take place after all, or that it did: what participation counts follow. */
function HeldOrNot({ tandemId, session, onChanged }: { tandemId: string; session: SessionView; onChanged(): void }) {
  const { t } = useI18n();
  const { call } = useSession();
  const { sending, problem, send } = useSubmit();
  const next = session.status === "missed" ? "held" : "missed";
  const say = async () => {
    const done = await send(async () => {
      await call("setSessionStatus", { params: { id: tandemId, sessionId: session.id }, body: { status: next }, ifMatch: session.etag });
    });
    if (done) onChanged();
  };
  return (
    <div>
      <Button appearance="secondary" disabled={sending} onClick={() => void say()}>
        {t(next === "missed" ? "sessions.missed.action" : "sessions.held.action")}
      </Button>
      {problem !== undefined && <ErrorNotice error={problem} onReload={onChanged} />}
    </div>
  );
}
