import { Suspense, useEffect, useRef, useState } from "react";
import { Badge, Button, Link, ProgressBar, Slider, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Add20Regular, Edit20Regular } from "@fluentui/react-icons";
import { canEditGoal, isWorkable, type GoalStatus, type GoalView, type TandemView } from "@tandem/core";
import { useSession } from "../../app/session";
import type { Resource } from "@tandem/ui";
import { useSkills } from "../../app/skills";
import { lazyView, useI18n } from "../../i18n/i18n";
import { ErrorNotice } from "@tandem/ui";
import type { TandemItems } from "../home/load";

const GoalDialog = lazyView(() => import("./GoalDialog"));

const useStyles = makeStyles({
  section: { display: "grid", gap: tokens.spacingVerticalS },
  head: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: tokens.spacingHorizontalS },
  list: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: "none" },
  goal: {
    display: "grid",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  titleRow: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS, alignItems: "start" },
  meta: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "center" },
  progress: { display: "grid", gridTemplateColumns: "1fr auto", gap: tokens.spacingHorizontalM, alignItems: "center" },
});

export const goalColor: Record<GoalStatus, "informative" | "brand" | "success" | "subtle"> = {
  not_started: "informative",
  in_progress: "brand",
  achieved: "success",
  abandoned: "subtle",
};

/** The goals of one tandem: progress at a glance, a slider to move it (saved at once), a dialog to edit. */
export function GoalList({ tandem, items }: { tandem: TandemView; items: Resource<TandemItems> }) {
  const styles = useStyles();
  const { t, date } = useI18n();
  const { call, me } = useSession();
  const { label } = useSkills();
  const [editing, setEditing] = useState<GoalView | "new" | null>(null);
  const [error, setError] = useState<unknown>();
  const goals = items.data?.goals ?? [];
  const viewer = { id: me.id, coordinator: me.roles.includes("coordinator") };
  const relation = tandem.myRelation;
  const workable = isWorkable(tandem);
  const name = (id: string) => tandem.members.find((m) => m.id === id)?.displayName ?? "";

  const replaceGoal = (goal: GoalView) =>
    items.set((d) => ({ ...d, goals: d.goals.map((g) => (g.id === goal.id ? goal : g)) }));

  /** Optimistic: the bar moves at once; a failure puts it back and says why. */
  const saveProgress = async (goal: GoalView, progress: number) => {
    if (progress === goal.progress) return;
    setError(undefined);
    const previous = items.set((d) => ({ ...d, goals: d.goals.map((g) => (g.id === goal.id ? { ...g, progress } : g)) }));
    try {
      const r = await call("updateGoal", {
        params: { id: tandem.id, goalId: goal.id },
        body: { progress },
        ifMatch: goal.etag,
      });
      replaceGoal(r.data);
    } catch (e) {
      if (previous) items.set(() => previous);
      setError(e);
    }
  };

  return (
    <section className={styles.section} aria-labelledby={`goals-${tandem.id}`}>
      <div className={styles.head}>
        <Subtitle2 as="h3" id={`goals-${tandem.id}`}>
          {t("tandem.goals")}
        </Subtitle2>
        {workable && (relation === "mentor" || relation === "mentee") && (
          <Button icon={<Add20Regular />} onClick={() => setEditing("new")}>
            {t("tandem.addGoal")}
          </Button>
        )}
      </div>
      {error !== undefined && <ErrorNotice error={error} onReload={items.reload} onRetry={() => setError(undefined)} />}
      {goals.length === 0 ? (
        <Text>{t("tandem.noGoals")}</Text>
      ) : (
        <ul className={styles.list}>
          {goals.map((g) => {
            const editable = workable && canEditGoal(relation, g, viewer);
            return (
              <li key={g.id} className={styles.goal} data-goal={g.id}>
                <div className={styles.titleRow}>
                  <Text weight="semibold">{g.title}</Text>
                  {editable && (
                    <Button
                      appearance="subtle"
                      icon={<Edit20Regular />}
                      aria-label={`${t("goal.edit")}: ${g.title}`}
                      onClick={() => setEditing(g)}
                    />
                  )}
                </div>
                <div className={styles.meta}>
                  <Badge appearance="tint" color={goalColor[g.status]}>
                    {t(`goal.status.${g.status}`)}
                  </Badge>
                  <Text size={200}>{label(g.skillId)}</Text>
                  <Text size={200}>{t("goal.target", { date: date(g.targetDate) })}</Text>
                  {tandem.kind === "circle" && <Text size={200}>{t("goal.for", { name: name(g.menteeId) })}</Text>}
                  {g.project && (
                    <Link href={g.project.url} target="_blank" rel="noopener noreferrer">
                      {g.project.name ?? t("goal.project")}
                    </Link>
                  )}
                </div>
                {g.successCriterion && <Text size={200}>{g.successCriterion}</Text>}
                <div className={styles.progress}>
                  {editable ? (
                    <ProgressSlider goal={g} label={t("goal.progressOf", { title: g.title })} onCommit={(v) => void saveProgress(g, v)} />
                  ) : (
                    <ProgressBar
                      value={g.progress / 100}
                      thickness="large"
                      aria-label={t("goal.progressOf", { title: g.title })}
                      color={g.status === "achieved" ? "success" : "brand"}
                    />
                  )}
                  <Text aria-hidden>{t("goal.percent", { value: g.progress })}</Text>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {editing !== null && (
        <Suspense fallback={null}>
          <GoalDialog
            tandem={tandem}
            goal={editing === "new" ? null : editing}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              items.reload();
            }}
          />
        </Suspense>
      )}
    </section>
  );
}

/** Moves with the keyboard or the pointer; saves once the person stops moving it for a moment. */
function ProgressSlider({ goal, label, onCommit }: { goal: GoalView; label: string; onCommit(value: number): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(goal.progress);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => setValue(goal.progress), [goal.progress]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Slider
      min={0}
      max={100}
      step={10}
      value={value}
      aria-label={label}
      aria-valuetext={t("goal.percent", { value })}
      onChange={(_, d) => {
        setValue(d.value);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => onCommit(d.value), 600);
      }}
    />
  );
}
