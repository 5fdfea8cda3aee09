import { useCallback, useEffect, useId, useState } from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle1,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { publicationKeyOf, type CycleView, type MatchingRunView, type PublishedRun } from "@tandem/core";
import { formatPercent } from "@tandem/core/words";
import { ApiError, ErrorNotice, type ProblemParticulars } from "@tandem/ui";
import { useSession } from "../../../app/session";
import { useI18n } from "../../../i18n/i18n";
import { ViewSkeleton } from "../../../components/ViewSkeleton";
import { useReportStyles } from "../../reports/parts";
import { CyclePicker, useChosenCycle, useCycles } from "../cycles";
import { CycleRules } from "./CycleRules";
import { Proposals, Unmatched, type PairActions } from "./Proposals";
import { WhyNot } from "./WhyNot";
import { MorePages } from "./MorePages";
import { samePair, type Pair } from "./pairs";

/** How often a running run is read again: a cohort of hundreds takes a second or two. */
const POLL_MS = 600;

const useStyles = makeStyles({
  run: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  progress: { display: "grid", gap: tokens.spacingVerticalXS, maxWidth: "40rem" },
  adjustments: { display: "grid", gap: tokens.spacingVerticalXS, margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  adjustment: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  changes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/**
 * The matching console (issue 14, point 6): a cycle, its weights and rules; a run of the whole cohort with its
 * progress; each proposal with its score and parts in words; pins and removals carried into the next run; the
 * unmatched with their reasons; "why not this pair"; publication, once per run whatever the retries.
 */
export default function MatchingSection() {
  const s = useReportStyles();
  const { t } = useI18n();
  const cycles = useCycles();
  const [cycleId, setCycleId] = useChosenCycle(cycles.data);
  const cycle = cycles.data?.find((c) => c.id === cycleId);
  return (
    <div className={s.root}>
      <Text as="p" className={s.intro}>
        {t("matching.intro")}
      </Text>
      {cycles.error !== undefined && <ErrorNotice error={cycles.error} onRetry={cycles.reload} />}
      {cycles.loading && <ViewSkeleton cards={1} />}
      {cycles.data?.length === 0 && <Text as="p">{t("console.cycle.none")}</Text>}
      {cycles.data && cycles.data.length > 0 && (
        <div className={s.toolbar}>
          <CyclePicker cycles={cycles.data} value={cycleId} onChange={setCycleId} />
        </div>
      )}
      {cycle && <CycleMatching key={cycle.id} cycle={cycle} />}
    </div>
  );
}

function CycleMatching({ cycle: listed }: { cycle: CycleView }) {
  const s = useReportStyles();
  const st = useStyles();
  const { t, locale, tag, dateTime } = useI18n();
  const { call } = useSession();
  const [run, setRun] = useState<MatchingRunView>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [pins, setPins] = useState<Pair[]>([]);
  const [removals, setRemovals] = useState<Pair[]>([]);
  const [starting, setStarting] = useState(false);
  const [sending, setSending] = useState(false);
  const [published, setPublished] = useState<PublishedRun>();
  const [changes, setChanges] = useState<NonNullable<ProblemParticulars["changes"]>>();
  // The cycle as last saved here: its rules are edited above the run.
  const [cycle, setCycle] = useState(listed);
  const [unsaved, setUnsaved] = useState(false);
  const ids = { adjust: useId(), publish: useId() };

  const show = useCallback((r: MatchingRunView) => {
    setRun(r);
    if (r.status !== "running") {
      setPins(r.pins);
      setRemovals(r.removals);
    }
  }, []);

  // The cycle's latest run, if any: a coordinator comes back to where they left it.
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const runs = (await call("listMatchingRuns", { query: { cycleId: cycle.id } })).data.items;
        const latest = runs[0];
        if (latest && live) show((await call("getMatchingRun", { params: { runId: latest.id } })).data);
      } catch (e) {
        if (live) setError(e);
      } finally {
        if (live) setLoading(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [call, cycle.id, show]);

  // A running run, or a publication under way (written by a job), is read again until it is done or stopped.
  const publishing = !!run?.publication && !run.publication.publishedAt && !run.publication.error;
  useEffect(() => {
    if (run?.status !== "running" && !publishing) return;
    let live = true;
    const timer = setTimeout(() => {
      call("getMatchingRun", { params: { runId: run.id } }).then(
        (r) => live && show(r.data),
        (e: unknown) => live && setError(e),
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [call, run, publishing, show]);

  const start = async () => {
    setStarting(true);
    setError(undefined);
    setChanges(undefined);
    setPublished(undefined);
    try {
      const started = (await call("startMatchingRun", { body: { cycleId: cycle.id, pins, removals } })).data;
      setRun((await call("getMatchingRun", { params: { runId: started.id } })).data);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  };

  const publish = async () => {
    if (!run) return;
    setSending(true);
    setError(undefined);
    setChanges(undefined);
    try {
      // The run's own key: a retry, after a reload or from another coordinator's console, finishes the same
      // publication instead of being refused (ADR 0010).
      setPublished((await call("publishMatchingRun", { params: { runId: run.id }, idempotencyKey: publicationKeyOf(run.id) })).data);
      // Accepted: its job writes the tandems; the run shows how far it got.
      show((await call("getMatchingRun", { params: { runId: run.id } })).data);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.particulars.changes?.length) setChanges(e.particulars.changes);
      else setError(e);
    } finally {
      setSending(false);
    }
  };

  const actions: PairActions = {
    pinned: (p) => pins.some((x) => samePair(x, p)),
    removed: (p) => removals.some((x) => samePair(x, p)),
    togglePin: (p) => {
      setPins((xs) => (xs.some((x) => samePair(x, p)) ? xs.filter((x) => !samePair(x, p)) : [...xs.filter((x) => x.menteeId !== p.menteeId), p]));
      setRemovals((xs) => xs.filter((x) => !samePair(x, p)));
    },
    toggleRemoval: (p) => {
      setRemovals((xs) => (xs.some((x) => samePair(x, p)) ? xs.filter((x) => !samePair(x, p)) : [...xs, p]));
      setPins((xs) => xs.filter((x) => !samePair(x, p)));
    },
  };

  const names = new Map(run?.people.map((p) => [p.id, p.displayName]) ?? []);
  const name = (id: string) => names.get(id) ?? t("console.someone");
  const running = run?.status === "running";
  const done = run?.status === "done" ? run : undefined;
  const publication = done?.publication?.publishedAt ? done.publication : undefined;
  const stopped = done?.publication?.error ? done.publication : undefined;

  return (
    <>
      <CycleRules cycle={cycle} onSaved={setCycle} onDirty={setUnsaved} />
      <section className={s.section} aria-labelledby={ids.adjust}>
        <Subtitle1 as="h2" id={ids.adjust}>
          {t("matching.adjust")}
        </Subtitle1>
        {pins.length + removals.length === 0 ? (
          <Text as="p">{t("matching.adjust.none")}</Text>
        ) : (
          <ul className={st.adjustments}>
            {pins.map((p) => (
              <li key={`pin-${p.mentorId}-${p.menteeId}`} className={st.adjustment}>
                <Text>{t("matching.pinned", { mentor: name(p.mentorId), mentee: name(p.menteeId) })}</Text>
                <Button size="small" onClick={() => actions.togglePin(p)}>
                  {t("matching.unpin")}
                </Button>
              </li>
            ))}
            {removals.map((p) => (
              <li key={`removal-${p.mentorId}-${p.menteeId}`} className={st.adjustment}>
                <Text>{t("matching.removed", { mentor: name(p.mentorId), mentee: name(p.menteeId) })}</Text>
                <Button size="small" onClick={() => actions.toggleRemoval(p)}>
                  {t("matching.restore")}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className={st.run}>
          <Button appearance="primary" disabled={starting || running || loading || unsaved} onClick={() => void start()}>
            {t(run ? "matching.runAgain" : "matching.run")}
          </Button>
          {unsaved && <Text>{t("matching.saveFirst")}</Text>}
          {run && !running && <Text size={200}>{t("matching.ranAt", { when: dateTime(run.startedAt) })}</Text>}
        </div>
        {(running || starting) && (
          <div className={st.progress}>
            <Text id={`${ids.adjust}-progress`}>{t("matching.running")}</Text>
            <ProgressBar
              aria-labelledby={`${ids.adjust}-progress`}
              aria-valuetext={formatPercent(run?.progress ?? 0, tag)}
              value={run?.progress ?? 0}
              max={1}
              thickness="large"
            />
          </div>
        )}
      </section>
      {error !== undefined && <ErrorNotice error={error} />}
      {loading && <ViewSkeleton cards={2} />}
      {!loading && !run && <Text as="p">{t("matching.noRun")}</Text>}
      {run?.status === "failed" && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>{t("matching.failed", { error: run.error ?? "" })}</MessageBarBody>
        </MessageBar>
      )}
      {done && (
        <>
          {done.summary && (
            <Text as="p" role="status">
              {t("matching.summary", {
                matched: done.summary.matched,
                mentees: done.summary.mentees,
                unmatched: done.summary.unmatched,
                mentors: done.summary.mentors,
                pinned: done.summary.pinned,
              })}
            </Text>
          )}
          {done.pinProblems.length > 0 && (
            <MessageBar layout="multiline" intent="warning">
              <MessageBarBody>
                <MessageBarTitle>{t("matching.pinProblems")}</MessageBarTitle>
                <ul className={st.changes}>
                  {done.pinProblems.map((p) => (
                    <li key={`${p.mentorId}-${p.menteeId}`}>{p.words[locale]}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          <section className={s.section} aria-labelledby={ids.publish}>
            <Subtitle1 as="h2" id={ids.publish}>
              {t("matching.publish.title")}
            </Subtitle1>
            <Text as="p">{t("matching.publish.intro")}</Text>
            {changes && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t("matching.changed.title")}</MessageBarTitle>
                  {t("matching.changed.body")}
                  <ul className={st.changes}>
                    {changes.map((c, i) => (
                      <li key={`${c.what}-${i}`}>{c.words[locale]}</li>
                    ))}
                  </ul>
                </MessageBarBody>
                <MessageBarActions>
                  <Button onClick={() => void start()}>{t("matching.runAgain")}</Button>
                </MessageBarActions>
              </MessageBar>
            )}
            {stopped && (
              <MessageBar intent="error">
                <MessageBarBody>
                  {stopped.stalled
                    ? t("matching.publish.stalled", { written: stopped.written, total: done.proposals.length })
                    : t("matching.publish.stopped", { written: stopped.written, total: done.proposals.length, error: stopped.error ?? "" })}
                </MessageBarBody>
              </MessageBar>
            )}
            {publishing && (
              <div className={st.progress}>
                <Text id={`${ids.publish}-progress`}>{t("matching.publishing", { written: done.publication!.written, total: done.proposals.length })}</Text>
                <ProgressBar
                  aria-labelledby={`${ids.publish}-progress`}
                  aria-valuetext={`${done.publication!.written} / ${done.proposals.length}`}
                  value={done.publication!.written}
                  max={Math.max(done.proposals.length, 1)}
                  thickness="large"
                />
              </div>
            )}
            {publication ? (
              <MessageBar layout="multiline" intent="success">
                <MessageBarBody>
                  {published
                    ? t("matching.published", {
                        tandems: t("matching.published.tandems", { count: published.tandems }),
                        circles: t("matching.published.circles", { count: published.circles }),
                      })
                    : t("matching.published.before", { when: dateTime(publication.publishedAt!) })}
                </MessageBarBody>
              </MessageBar>
            ) : (
              !publishing && (
                <div className={st.run}>
                  <Button appearance="primary" disabled={sending || done.proposals.length === 0} onClick={() => void publish()}>
                    {t(sending ? "matching.publish.busy" : stopped ? "matching.publish.finish" : "matching.publish")}
                  </Button>
                </div>
              )
            )}
          </section>
          <Proposals run={done} actions={done.publication ? undefined : actions} />
          <Unmatched run={done} />
          <MorePages run={done} onPage={(more) => setRun((r) => (r?.id === more.id ? more : r))} onError={setError} />
          <WhyNot run={done} actions={done.publication ? undefined : actions} />
        </>
      )}
    </>
  );
}
