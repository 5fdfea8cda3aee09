import { useId, useState } from "react";
import { Button, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Select, Subtitle1, Text, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import type { MatchingRunView, WhyNotView } from "@tandem/core";
import { ErrorNotice } from "@tandem/ui";
import { useSession } from "../../../app/session";
import { useI18n } from "../../../i18n/i18n";
import { useReportStyles } from "../../reports/parts";
import type { PairActions } from "./Proposals";

const useStyles = makeStyles({
  form: { display: "flex", flexWrap: "wrap", alignItems: "end", gap: tokens.spacingHorizontalL },
  field: { minWidth: "14rem" },
});

/** The run's mentors and mentees, by name: those it proposed and those it left without a proposal. */
function cohort(run: MatchingRunView) {
  const mentors = new Set<string>();
  const mentees = new Set<string>();
  for (const p of run.proposals) {
    mentors.add(p.mentorId);
    for (const m of p.menteeIds) mentees.add(m);
  }
  for (const u of run.unmatched) (u.role === "mentor" ? mentors : mentees).add(u.personId);
  const named = (ids: Set<string>) =>
    run.people.filter((p) => ids.has(p.id)).sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { mentors: named(mentors), mentees: named(mentees) };
}

/** "Why not this pair": a mentor and a mentee of the run, and the engine's answer in words. */
export function WhyNot({ run, actions }: { run: MatchingRunView; actions: PairActions | undefined }) {
  const s = useReportStyles();
  const st = useStyles();
  const { t, locale } = useI18n();
  const { call } = useSession();
  const id = useId();
  const { mentors, mentees } = cohort(run);
  const [mentorId, setMentorId] = useState("");
  const [menteeId, setMenteeId] = useState("");
  const [answer, setAnswer] = useState<WhyNotView>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const name = (pid: string) => run.people.find((x) => x.id === pid)?.displayName ?? t("console.someone");
  const ask = async () => {
    setBusy(true);
    setError(undefined);
    setAnswer(undefined);
    try {
      setAnswer((await call("whyNotPair", { params: { runId: run.id }, query: { mentorId, menteeId } })).data);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("matching.whyNot")}
      </Subtitle1>
      <Text as="p" className={s.intro}>
        {t("matching.whyNot.intro")}
      </Text>
      <form
        className={st.form}
        onSubmit={(e) => {
          e.preventDefault();
          void ask();
        }}
      >
        <Field label={t("matching.whyNot.mentor")} className={st.field}>
          <Select value={mentorId} onChange={(_, d) => setMentorId(d.value)}>
            <option value="">{t("matching.whyNot.choose")}</option>
            {mentors.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("matching.whyNot.mentee")} className={st.field}>
          <Select value={menteeId} onChange={(_, d) => setMenteeId(d.value)}>
            <option value="">{t("matching.whyNot.choose")}</option>
            {mentees.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={!mentorId || !menteeId || busy}>
          {t("matching.whyNot.ask")}
        </Button>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
      <div aria-live="polite">
        {answer && (
          <MessageBar intent={answer.answer.status === "proposed" ? "success" : "info"} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t("matching.whyNot.answer", { mentor: name(answer.mentorId), mentee: name(answer.menteeId) })}</MessageBarTitle>
              {answer.words[locale]}
            </MessageBarBody>
            {/* A pair the engine allows but did not choose: the coordinator may know better, and pin it. */}
            {actions && answer.answer.status === "not_chosen" && (
              <MessageBarActions>
                <ToggleButton
                  checked={actions.pinned(answer)}
                  aria-label={t("matching.pin.label", { mentor: name(answer.mentorId), mentee: name(answer.menteeId) })}
                  onClick={() => actions.togglePin({ mentorId: answer.mentorId, menteeId: answer.menteeId })}
                >
                  {t("matching.pin")}
                </ToggleButton>
              </MessageBarActions>
            )}
          </MessageBar>
        )}
      </div>
    </section>
  );
}
