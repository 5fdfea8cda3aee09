import { useMemo, useRef, useState } from "react";
import {
  Button,
  Dropdown,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  SpinButton,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { type Api, addDays, dateIn, type GoalView, type Recurrence, type ResponseOf, type Slot, type TandemView } from "@tandem/core";
import { useSession } from "../../app/session";
import { useResource } from "@tandem/ui";
import { useI18n } from "../../i18n/i18n";
import { ErrorNotice, type ErrorWords } from "@tandem/ui";
import { Loading } from "../../components/Loading";
import { ApiError } from "@tandem/ui";
import { Attempt, activeGoals, everyWeeksOf, isBookable, lastOfSeries, othersOf, sessionsLeftInCycle } from "./plan";

type Cycle = ResponseOf<Api["listCycles"]>["items"][number];
type Suggestions = ResponseOf<Api["suggestSessions"]>;
type Booked = ResponseOf<Api["bookSession"]>["items"];

const DAY_CHOICES = [5, 10, 14, 21, 28] as const;
/** A short list first: a task pane is narrow, and the first times are usually the ones people pick. */
const FIRST_SLOTS = 5;

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL, minWidth: 0 },
  section: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
  window: { display: "grid", gridTemplateColumns: "minmax(0, 3fr) minmax(0, 2fr)", gap: tokens.spacingHorizontalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  slots: { display: "grid", gap: tokens.spacingVerticalXS },
  slot: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  slotLabel: { display: "grid", gap: "2px", overflowWrap: "anywhere" },
  slotDay: { fontWeight: tokens.fontWeightSemibold },
  slotOther: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  slotWarn: { color: tokens.colorPaletteMarigoldForeground2, fontSize: tokens.fontSizeBase200 },
  agenda: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "grid", gap: tokens.spacingVerticalXS },
  done: { display: "grid", gap: tokens.spacingVerticalM },
  fullWidth: { width: "100%" },
});

/** The booking view: loads my tandems and the cycles (for their cadence), then runs the flow. */
export function BookView() {
  const { call } = useSession();
  const { t } = useI18n();
  const data = useResource(async () => {
    const [tandems, cycles] = await Promise.all([call("listTandems", { query: { scope: "mine" } }), call("listCycles")]);
    return { tandems: tandems.data.items.filter(isBookable), cycles: cycles.data.items };
  }, []);
  if (data.error) return <ErrorNotice error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  if (data.data.tandems.length === 0) {
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t("booking.none")}</MessageBarBody>
      </MessageBar>
    );
  }
  return <BookingFlow tandems={data.data.tandems} cycles={data.data.cycles} />;
}

type Search =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "done"; suggestions: Suggestions }
  | { state: "failed"; error: unknown };

type Booking = { state: "idle" } | { state: "booking" } | { state: "done"; sessions: Booked } | { state: "failed"; error: unknown };

/** The api refused the booking for good (4xx): nothing was booked, a retry would be refused again. */
const refused = (e: unknown) => e instanceof ApiError && e.status >= 400 && e.status < 500;

const searchWords: ErrorWords = { 503: "booking.error.calendarsSearch", 429: "booking.error.calendarsSearch" };
const bookWords: ErrorWords = {
  503: "booking.error.calendars",
  429: "booking.error.calendars",
  400: "booking.error.refused",
  409: "booking.error.refused",
};

function BookingFlow({ tandems, cycles }: { tandems: TandemView[]; cycles: Cycle[] }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { call, me, item, now } = useSession();

  const senderTandem = item?.from ? tandems.find((x) => x.members.some((m) => m.mail?.toLowerCase() === item.from)) : undefined;
  const [tandemId, setTandemId] = useState((senderTandem ?? tandems[0]!).id);
  const tandem = tandems.find((x) => x.id === tandemId) ?? tandems[0]!;
  const tomorrow = addDays(dateIn(new Date(now()), i18n.timeZone), 1);
  const [from, setFrom] = useState(tomorrow);
  const [days, setDays] = useState(10);
  const [search, setSearch] = useState<Search>({ state: "idle" });
  const [slotStart, setSlotStart] = useState<string | null>(null);
  const [series, setSeries] = useState(false);
  const [occurrences, setOccurrences] = useState<number | null>(null);
  const [booking, setBooking] = useState<Booking>({ state: "idle" });
  const attempt = useRef(new Attempt());

  const goals = useResource(async () => (await call("listGoals", { params: { id: tandem.id } })).data.items, [tandem.id]);
  const slots = search.state === "done" ? search.suggestions.slots : [];
  const slot = slots.find((s) => s.start === slotStart) ?? null;
  const everyWeeks = everyWeeksOf(tandem, cycles);
  const count = occurrences ?? (slot ? sessionsLeftInCycle(slot.start, tandem, cycles) : 6);
  const recurrence: Recurrence | null = series ? { everyWeeks, occurrences: count } : null;

  const resetSearch = () => {
    setSearch({ state: "idle" });
    setSlotStart(null);
    setBooking({ state: "idle" });
  };

  const find = async () => {
    setSearch({ state: "loading" });
    setSlotStart(null);
    setBooking({ state: "idle" });
    try {
      const r = await call("suggestSessions", {
        params: { id: tandem.id },
        body: { from, days, timeZone: i18n.timeZone },
      });
      setSearch({ state: "done", suggestions: r.data });
    } catch (error) {
      setSearch({ state: "failed", error });
    }
  };

  const book = async () => {
    if (!slot) return;
    const body = { start: slot.start, end: slot.end, recurrence };
    const idempotencyKey = attempt.current.keyFor(JSON.stringify([tandem.id, body]));
    setBooking({ state: "booking" });
    try {
      const r = await call("bookSession", { params: { id: tandem.id }, body, idempotencyKey });
      attempt.current.settle();
      setBooking({ state: "done", sessions: r.data.items });
    } catch (error) {
      if (refused(error)) attempt.current.settle();
      setBooking({ state: "failed", error });
    }
  };

  const labelOf = (x: TandemView) =>
    t(x.kind === "circle" ? "booking.tandem.circle" : "booking.tandem.tandem", {
      names: othersOf(x, me.id).map((m) => m.displayName).join(", "),
    });

  if (booking.state === "done") {
    return (
      <Booked
        label={labelOf(tandem)}
        sessions={booking.sessions}
        recurrence={recurrence}
        onAgain={() => {
          resetSearch();
          setSeries(false);
          setOccurrences(null);
        }}
      />
    );
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
              value={labelOf(tandem)}
              selectedOptions={[tandem.id]}
              onOptionSelect={(_, d) => {
                if (!d.optionValue || d.optionValue === tandem.id) return;
                setTandemId(d.optionValue);
                setOccurrences(null);
                resetSearch();
              }}
              className={styles.fullWidth}
            >
              {tandems.map((x) => (
                <Option key={x.id} value={x.id} text={labelOf(x)}>
                  {labelOf(x)}
                </Option>
              ))}
            </Dropdown>
          </Field>
        ) : (
          <Text weight="semibold">{labelOf(tandem)}</Text>
        )}
        <div className={styles.window}>
          <Field label={t("booking.from")}>
            <Input
              type="date"
              value={from}
              min={tomorrow}
              onChange={(_, d) => {
                if (!d.value) return;
                setFrom(d.value);
                resetSearch();
              }}
            />
          </Field>
          <Field label={t("booking.days")}>
            <Select
              value={String(days)}
              onChange={(_, d) => {
                setDays(Number(d.value));
                resetSearch();
              }}
            >
              {DAY_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {t("booking.days.option", { count: n })}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Button appearance={slot ? "secondary" : "primary"} onClick={() => void find()} disabled={search.state === "loading"}>
          {t("booking.find")}
        </Button>
      </section>

      {search.state === "loading" && <Spinner size="small" label={t("booking.finding")} />}
      {search.state === "failed" && <ErrorNotice error={search.error} words={searchWords} onRetry={() => void find()} />}
      {search.state === "done" && (
        <SlotList suggestions={search.suggestions} tandem={tandem} value={slotStart} onChange={setSlotStart} />
      )}

      {slot && (
        <>
          <section className={styles.section} aria-label={t("booking.series")}>
            <Switch checked={series} onChange={(_, d) => setSeries(d.checked)} label={t("booking.series")} />
            {series && (
              <>
                <Text className={styles.muted}>{t("booking.series.cadence", { count: everyWeeks })}</Text>
                <Field label={t("booking.series.count")}>
                  <SpinButton
                    value={count}
                    min={2}
                    max={52}
                    onChange={(_, d) => {
                      const v = d.value ?? Number(d.displayValue);
                      if (Number.isInteger(v)) setOccurrences(Math.min(52, Math.max(2, v!)));
                    }}
                  />
                </Field>
                <Text>
                  {t(everyWeeks === 1 ? "booking.series.summary_weekly" : "booking.series.summary", {
                    count,
                    weeks: everyWeeks,
                    date: i18n.day(lastOfSeries(slot, { everyWeeks, occurrences: count }, i18n.timeZone)),
                  })}
                </Text>
              </>
            )}
          </section>
          <Agenda tandem={tandem} goals={goals.data} />
          {booking.state === "failed" && <ErrorNotice error={booking.error} words={bookWords} onRetry={() => void book()} />}
          <Button appearance="primary" size="large" onClick={() => void book()} disabled={booking.state === "booking"}>
            {booking.state === "booking"
              ? t("booking.booking")
              : series
                ? t("booking.book.series", { count })
                : t("booking.book")}
          </Button>
        </>
      )}
    </div>
  );
}

function SlotList({
  suggestions,
  tandem,
  value,
  onChange,
}: {
  suggestions: Suggestions;
  tandem: TandemView;
  value: string | null;
  onChange(start: string): void;
}) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const [all, setAll] = useState(false);
  if (suggestions.slots.length === 0) {
    const reason = suggestions.emptyReason ?? "unknown";
    return (
      <MessageBar intent="warning" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>{t("booking.empty.title")}</MessageBarTitle>
          <div>{t(`booking.empty.${reason}`)}</div>
        </MessageBarBody>
      </MessageBar>
    );
  }
  const others = othersOf(tandem, me.id).filter((m) => m.timeZone && m.timeZone !== i18n.timeZone);
  const nameOf = (id: string) => tandem.members.find((m) => m.id === id)?.displayName ?? "";
  return (
    <section className={styles.section} aria-labelledby="slots-title">
      <h2 id="slots-title" className={styles.heading}>
        {t("booking.slots")}
      </h2>
      <Text className={styles.muted} size={200}>
        {t("booking.slots.hint", { zone: i18n.place(i18n.timeZone) })}
      </Text>
      <RadioGroup
        value={value ?? ""}
        onChange={(_, d) => onChange(d.value)}
        aria-labelledby="slots-title"
        className={styles.slots}
      >
        {(all ? suggestions.slots : suggestions.slots.slice(0, FIRST_SLOTS)).map((s: Slot) => {
          const tentative = s.attendees.filter((a) => a.availability === "tentative" && a.id !== me.id).map((a) => nameOf(a.id));
          return (
            <Radio
              key={s.start}
              value={s.start}
              className={styles.slot}
              label={
                <span className={styles.slotLabel}>
                  <span className={styles.slotDay}>{i18n.dayTitle(s.start)}</span>
                  <span>{t("booking.slot.mine", { time: i18n.timeRange(s.start, s.end) })}</span>
                  {others.map((m) => (
                    <span key={m.id} className={styles.slotOther}>
                      {t("booking.slot.theirs", { time: i18n.timeIn(s.start, m.timeZone!), name: m.displayName, place: i18n.place(m.timeZone!) })}
                    </span>
                  ))}
                  {tentative.length > 0 && (
                    <span className={styles.slotWarn}>{t("booking.slot.tentative", { names: tentative.join(", ") })}</span>
                  )}
                </span>
              }
            />
          );
        })}
      </RadioGroup>
      {!all && suggestions.slots.length > FIRST_SLOTS && (
        <Button appearance="subtle" onClick={() => setAll(true)}>
          {t("booking.more", { count: suggestions.slots.length - FIRST_SLOTS })}
        </Button>
      )}
    </section>
  );
}

function Agenda({ tandem, goals }: { tandem: TandemView; goals: GoalView[] | undefined }) {
  const styles = useStyles();
  const { t } = useI18n();
  if (!goals) return null;
  const active = activeGoals(goals);
  const nameOf = (id: string) => tandem.members.find((m) => m.id === id)?.displayName ?? "";
  return (
    <section className={styles.section} aria-labelledby="agenda-title">
      <h2 id="agenda-title" className={styles.heading}>
        {t("booking.agenda")}
      </h2>
      {active.length === 0 ? (
        <Text className={styles.muted}>{t("booking.agenda.none")}</Text>
      ) : (
        <>
          <Text className={styles.muted}>{t("booking.agenda.intro")}</Text>
          <ol className={styles.agenda}>
            {active.map((g) => (
              <li key={g.id}>{t("booking.agenda.goal", { title: g.title, name: nameOf(g.menteeId), progress: g.progress })}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Booked({
  label,
  sessions,
  recurrence,
  onAgain,
}: {
  label: string;
  sessions: Booked;
  recurrence: Recurrence | null;
  onAgain(): void;
}) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const ordered = useMemo(() => [...sessions].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)), [sessions]);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  const rec = first?.recurrence ?? recurrence;
  const joinUrl = ordered.find((s) => s.joinUrl)?.joinUrl ?? null;
  return (
    <div className={styles.done}>
      <MessageBar intent="success" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>{t("booking.done.title")}</MessageBarTitle>
          <div>{t("booking.done.body")}</div>
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
      <Button onClick={onAgain}>{t("booking.again")}</Button>
    </div>
  );
}
