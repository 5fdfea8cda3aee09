import { useEffect, useId, useState } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Slider,
  SpinButton,
  Subtitle1,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { CycleView, FitWeights, MatchingRules } from "@tandem/core";
import { ApiError, ErrorNotice } from "@tandem/ui";
import { useSession } from "../../../app/session";
import { useI18n } from "../../../i18n/i18n";
import { useNumbers } from "../../reports/format";
import { useReportStyles } from "../../reports/parts";

const weightKeys = ["skill", "urgency", "crossDepartment", "language", "overlap"] as const satisfies readonly (keyof FitWeights)[];
const switches = [
  ["allowSameDepartment", "matching.rule.sameDepartment"],
  ["requireCommonLanguage", "matching.rule.language"],
  ["allowCircles", "matching.rule.circles"],
  ["allowRepeatPairs", "matching.rule.repeat"],
] as const satisfies readonly (readonly [keyof MatchingRules, string])[];

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "40rem" },
  group: { display: "grid", gap: tokens.spacingVerticalS, border: "none", margin: 0, padding: 0, minWidth: 0 },
  weight: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) 6rem", alignItems: "center", gap: tokens.spacingHorizontalS },
  numbers: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
});

/** A SpinButton's value as typed or stepped; null while the text is not a number. */
const spun = (d: { value?: number | null; displayValue?: string }) => {
  const typed = d.value ?? (d.displayValue === undefined ? null : Number(d.displayValue.trim()));
  return typed === null || Number.isNaN(typed) ? null : typed;
};

/**
 * The cycle's weights and hard rules, set by the coordinator before a run (PUT /cycles/{id} over the ETag read). A
 * change makes an earlier run of the cycle unpublishable (its inputs changed), so the console asks to save first:
 * `onDirty` tells it while the form differs from what is saved.
 */
export function CycleRules({ cycle, onSaved, onDirty }: { cycle: CycleView; onSaved(c: CycleView): void; onDirty(dirty: boolean): void }) {
  const s = useReportStyles();
  const st = useStyles();
  const { t } = useI18n();
  const n = useNumbers();
  const { call } = useSession();
  const id = useId();
  const [draft, setDraft] = useState<MatchingRules>(cycle.matching);
  const [ownEnrolment, setOwnEnrolment] = useState(cycle.enrolment === "cycle");
  const [max, setMax] = useState<number | null>(cycle.matching.maxMenteesPerMentor);
  const [overlap, setOverlap] = useState<number | null>(cycle.matching.minWeeklyOverlapHours);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    setDraft(cycle.matching);
    setOwnEnrolment(cycle.enrolment === "cycle");
    setMax(cycle.matching.maxMenteesPerMentor);
    setOverlap(cycle.matching.minWeeklyOverlapHours);
  }, [cycle]);

  const matching: MatchingRules = { ...draft, maxMenteesPerMentor: max ?? 0, minWeeklyOverlapHours: overlap ?? -1 };
  const dirty = JSON.stringify(matching) !== JSON.stringify(cycle.matching) || ownEnrolment !== (cycle.enrolment === "cycle");
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const total = weightKeys.reduce((sum, k) => sum + draft.weights[k], 0);
  const problems = {
    weights: total === 0 ? t("matching.edit.weights.zero") : undefined,
    max: max === null || max < 1 || max > 10 ? t("matching.edit.between", { min: 1, max: 10 }) : undefined,
    overlap: overlap === null || overlap < 0 || overlap > 60 ? t("matching.edit.between", { min: 0, max: 60 }) : undefined,
  };
  const valid = !problems.weights && !problems.max && !problems.overlap;
  const change = (c: Partial<MatchingRules>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...c }));
  };

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const { id: cycleId, etag, ...rest } = cycle;
      const body = { ...rest, matching, enrolment: ownEnrolment ? ("cycle" as const) : ("profile" as const) };
      onSaved((await call("replaceCycle", { params: { cycleId }, body, ifMatch: etag })).data);
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("matching.rules")}
      </Subtitle1>
      <Text as="p" className={s.note}>
        {t("matching.rules.intro")}
      </Text>
      <form
        className={st.form}
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && dirty && !saving) void save();
        }}
      >
        <Field label={t("matching.rule.objective")}>
          <RadioGroup value={draft.objective} onChange={(_, d) => change({ objective: d.value as MatchingRules["objective"] })}>
            <Radio value="most-matched" label={t("matching.objective.most-matched")} />
            <Radio value="best-fit" label={t("matching.objective.best-fit")} />
          </RadioGroup>
        </Field>
        <fieldset className={st.group} aria-describedby={`${id}-weights`}>
          <legend>
            <Text weight="semibold">{t("matching.edit.weights")}</Text>
          </legend>
          <Text id={`${id}-weights`} size={200}>
            {t("matching.edit.weights.hint")}
          </Text>
          {weightKeys.map((k) => {
            const share = total === 0 ? 0 : draft.weights[k] / total;
            return (
              <Field key={k} label={t(`matching.weight.${k}`)}>
                <div className={st.weight}>
                  <Slider
                    min={0}
                    max={100}
                    step={5}
                    value={draft.weights[k]}
                    aria-valuetext={t("matching.weight.value", { share: n.percent(share), weight: draft.weights[k] })}
                    onChange={(_, d) => change({ weights: { ...draft.weights, [k]: d.value } })}
                  />
                  <Text>{t("matching.weight.value", { share: n.percent(share), weight: draft.weights[k] })}</Text>
                </div>
              </Field>
            );
          })}
          {problems.weights && (
            <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
              {problems.weights}
            </Text>
          )}
        </fieldset>
        <div className={st.numbers}>
          <Field label={t("matching.rule.max")} validationMessage={problems.max}>
            <SpinButton min={1} max={10} value={max} onChange={(_, d) => (setSaved(false), setMax(spun(d)))} />
          </Field>
          <Field label={t("matching.edit.overlap")} hint={t("matching.edit.overlap.hint")} validationMessage={problems.overlap}>
            <SpinButton min={0} max={60} value={overlap} onChange={(_, d) => (setSaved(false), setOverlap(spun(d)))} />
          </Field>
        </div>
        {switches.map(([key, label]) => (
          <Switch key={key} label={t(label)} checked={draft[key]} onChange={(_, d) => change({ [key]: d.checked })} />
        ))}
        <Switch
          label={t("matching.edit.enrolment")}
          checked={ownEnrolment}
          onChange={(_, d) => {
            setSaved(false);
            setOwnEnrolment(d.checked);
          }}
        />
        <div className={st.actions}>
          <Button type="submit" appearance="primary" disabled={!valid || !dirty || saving}>
            {t(saving ? "matching.edit.saving" : "matching.edit.save")}
          </Button>
          {dirty && <Text>{t("matching.edit.unsaved")}</Text>}
        </div>
      </form>
      {saved && !dirty && (
        <MessageBar intent="success">
          <MessageBarBody>{t("matching.edit.saved")}</MessageBarBody>
        </MessageBar>
      )}
      {error !== undefined &&
        (error instanceof ApiError && error.status === 412 ? (
          <MessageBar intent="warning">
            <MessageBarBody>{t("matching.edit.stale")}</MessageBarBody>
          </MessageBar>
        ) : (
          <ErrorNotice error={error} />
        ))}
    </section>
  );
}
