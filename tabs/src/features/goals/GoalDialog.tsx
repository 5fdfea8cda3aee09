import { useState, type FormEvent } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  Option,
  Slider,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { GoalInput, GoalPatch, goalStatuses, type GoalView, type TandemView } from "@tandem/core";
import { useSession } from "../../app/session";
import { useSkills } from "../../app/skills";
import { useI18n } from "../../i18n/i18n";
import { ErrorNotice } from "@tandem/ui";
import { ApiError, apiFieldErrors, fieldState, zodFieldErrors, type FieldErrors } from "@tandem/ui";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM },
  row: { display: "grid", gap: tokens.spacingHorizontalM, gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))" },
  history: { display: "grid", gap: tokens.spacingVerticalXS, margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

interface Draft {
  menteeId: string;
  title: string;
  skillId: string;
  successCriterion: string;
  targetDate: string;
  status: GoalView["status"];
  progress: number;
  projectKind: "teams-channel" | "link";
  projectUrl: string;
  projectName: string;
}

const inMonths = (n: number) => {
  const d = new Date();
  d.setMonth(d.getMonth() + n);
  return d.toISOString().slice(0, 10);
};

/** Create or edit a learning goal; conflicts (412) keep the draft and offer a reload. */
export default function GoalDialog({
  tandem,
  goal,
  onClose,
  onSaved,
}: {
  tandem: TandemView;
  goal: GoalView | null;
  onClose(): void;
  onSaved(): void;
}) {
  const styles = useStyles();
  const { t, date, locale } = useI18n();
  const { call, me } = useSession();
  const { skills } = useSkills();
  const mentees = tandem.members.filter((m) => m.role === "mentee");
  const [draft, setDraft] = useState<Draft>(() => ({
    menteeId: goal?.menteeId ?? (mentees.some((m) => m.id === me.id) ? me.id : (mentees[0]?.id ?? "")),
    title: goal?.title ?? "",
    skillId: goal?.skillId ?? "",
    successCriterion: goal?.successCriterion ?? "",
    targetDate: goal?.targetDate ?? inMonths(2),
    status: goal?.status ?? "not_started",
    progress: goal?.progress ?? 0,
    projectKind: goal?.project?.kind ?? "teams-channel",
    projectUrl: goal?.project?.url ?? "",
    projectName: goal?.project?.name ?? "",
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const active = skills.filter((s) => !s.retired || s.id === draft.skillId);
  const name = (id: string) => tandem.members.find((m) => m.id === id)?.displayName ?? "";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    const project = draft.projectUrl.trim()
      ? { kind: draft.projectKind, url: draft.projectUrl.trim(), ...(draft.projectName.trim() ? { name: draft.projectName.trim() } : {}) }
      : null;
    const fields = {
      title: draft.title,
      skillId: draft.skillId,
      successCriterion: draft.successCriterion,
      targetDate: draft.targetDate,
      status: draft.status,
      progress: draft.progress,
      project,
    };
    const parsed = goal ? GoalPatch.safeParse(fields) : GoalInput.safeParse({ ...fields, menteeId: draft.menteeId });
    if (!parsed.success) {
      // A choice left empty is told as such, not by the length of an id.
      const found = zodFieldErrors(parsed.error, t);
      for (const k of ["skillId", "menteeId"]) if (found[k]) found[k] = t("field.choose");
      setErrors(found);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      if (goal) {
        await call("updateGoal", { params: { id: tandem.id, goalId: goal.id }, body: fields, ifMatch: goal.etag });
      } else {
        await call("createGoal", { params: { id: tandem.id }, body: { ...fields, menteeId: draft.menteeId } });
      }
      onSaved();
    } catch (err) {
      setErrors(apiFieldErrors(err, t));
      setProblem(err);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!goal || !window.confirm(t("goal.delete.confirm"))) return;
    setSaving(true);
    try {
      await call("deleteGoal", { params: { id: tandem.id, goalId: goal.id }, ifMatch: goal.etag });
      onSaved();
    } catch (err) {
      setProblem(err);
    } finally {
      setSaving(false);
    }
  };

  const err = (k: string) => fieldState(errors[k]);
  const conflict = problem instanceof ApiError && problem.isConflict;

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>{goal ? t("goal.edit") : t("goal.new")}</DialogTitle>
            <DialogContent className={styles.form}>
              {problem !== undefined && <ErrorNotice error={problem} onReload={conflict ? onSaved : undefined} />}
              {!goal && tandem.myRelation === "mentor" && mentees.length > 1 && (
                <Field label={t("goal.field.mentee")} required {...err("menteeId")}>
                  <Dropdown
                    value={name(draft.menteeId)}
                    selectedOptions={[draft.menteeId]}
                    onOptionSelect={(_, d) => set("menteeId", d.optionValue ?? "")}
                  >
                    {mentees.map((m) => (
                      <Option key={m.id} value={m.id}>
                        {m.displayName}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
              )}
              <Field label={t("goal.field.title")} hint={t("goal.field.title.hint")} required {...err("title")}>
                <Input value={draft.title} maxLength={120} onChange={(_, d) => set("title", d.value)} />
              </Field>
              <div className={styles.row}>
                <Field label={t("goal.field.skill")} required {...err("skillId")}>
                  <Dropdown
                    value={active.find((s) => s.id === draft.skillId)?.label[locale] ?? ""}
                    selectedOptions={draft.skillId ? [draft.skillId] : []}
                    onOptionSelect={(_, d) => set("skillId", d.optionValue ?? "")}
                  >
                    {active.map((s) => (
                      <Option key={s.id} value={s.id}>
                        {s.label[locale]}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
                <Field label={t("goal.field.targetDate")} required {...err("targetDate")}>
                  <Input type="date" value={draft.targetDate} onChange={(_, d) => set("targetDate", d.value)} />
                </Field>
              </div>
              <Field label={t("goal.field.criterion")} hint={t("goal.field.criterion.hint")} {...err("successCriterion")}>
                <Textarea value={draft.successCriterion} maxLength={500} onChange={(_, d) => set("successCriterion", d.value)} />
              </Field>
              <div className={styles.row}>
                <Field label={t("goal.field.status")} {...err("status")}>
                  <Dropdown
                    value={t(`goal.status.${draft.status}`)}
                    selectedOptions={[draft.status]}
                    onOptionSelect={(_, d) => {
                      const status = (d.optionValue ?? "not_started") as Draft["status"];
                      setDraft((x) => ({ ...x, status, progress: status === "achieved" ? 100 : x.progress }));
                    }}
                  >
                    {goalStatuses.map((s) => (
                      <Option key={s} value={s}>
                        {t(`goal.status.${s}`)}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
                <Field label={`${t("goal.progress")} (${t("goal.percent", { value: draft.progress })})`} {...err("progress")}>
                  <Slider
                    min={0}
                    max={100}
                    step={10}
                    value={draft.progress}
                    aria-valuetext={t("goal.percent", { value: draft.progress })}
                    onChange={(_, d) => set("progress", d.value)}
                  />
                </Field>
              </div>
              <fieldset className={styles.form} style={{ border: "none", padding: 0, margin: 0 }}>
                <legend>
                  <Text weight="semibold">{t("goal.field.project")}</Text>
                </legend>
                <Text size={200}>{t("goal.field.project.hint")}</Text>
                <div className={styles.row}>
                  <Field label={t("goal.field.projectKind")}>
                    <Dropdown
                      value={t(`goal.field.projectKind.${draft.projectKind}`)}
                      selectedOptions={[draft.projectKind]}
                      onOptionSelect={(_, d) => set("projectKind", (d.optionValue ?? "link") as Draft["projectKind"])}
                    >
                      <Option value="teams-channel">{t("goal.field.projectKind.teams-channel")}</Option>
                      <Option value="link">{t("goal.field.projectKind.link")}</Option>
                    </Dropdown>
                  </Field>
                  <Field label={t("goal.field.projectName")} {...err("project.name")}>
                    <Input value={draft.projectName} maxLength={120} onChange={(_, d) => set("projectName", d.value)} />
                  </Field>
                </div>
                <Field label={t("goal.field.projectUrl")} {...err("project.url")} {...err("project")}>
                  <Input type="url" value={draft.projectUrl} onChange={(_, d) => set("projectUrl", d.value)} />
                </Field>
              </fieldset>
              {goal && goal.history.length > 0 && (
                <details>
                  <summary>
                    <Text weight="semibold">{t("goal.history")}</Text>
                  </summary>
                  <ul className={styles.history}>
                    {[...goal.history].reverse().map((h, i) => (
                      <li key={i}>
                        <Text size={200}>
                          {date(h.at)} ·{" "}
                          {h.action === "create"
                            ? t("goal.history.create", { who: name(h.by) || "—" })
                            : t("goal.history.update", {
                                who: name(h.by) || "—",
                                fields: Object.keys(h.changes ?? {})
                                  .map((f) => fieldLabel(f, t))
                                  .join(", "),
                              })}
                        </Text>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </DialogContent>
            <DialogActions>
              {goal && (
                <Button onClick={() => void remove()} disabled={saving}>
                  {t("goal.delete")}
                </Button>
              )}
              <Button onClick={onClose}>{t("common.cancel")}</Button>
              <Button type="submit" appearance="primary" disabled={saving}>
                {saving ? t("common.saving") : t("common.save")}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

const fieldKeys = {
  title: "goal.field.title",
  skillId: "goal.field.skill",
  successCriterion: "goal.field.criterion",
  targetDate: "goal.field.targetDate",
  status: "goal.field.status",
  progress: "goal.progress",
  project: "goal.project",
} as const;

function fieldLabel(field: string, t: ReturnType<typeof useI18n>["t"]) {
  const key = fieldKeys[field as keyof typeof fieldKeys];
  return key ? t(key).toLowerCase() : field;
}
