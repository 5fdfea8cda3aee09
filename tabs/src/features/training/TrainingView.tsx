import { useId, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Text,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Checkmark16Regular, Checkmark20Regular } from "@fluentui/react-icons";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { ErrorNotice } from "@tandem/ui";
import { trainingModules, type TrainingModuleId } from "./modules";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL, paddingBlock: tokens.spacingVerticalM, maxWidth: "820px" },
  header: { display: "grid", gap: tokens.spacingVerticalXS },
  progress: { display: "grid", gap: tokens.spacingVerticalXS },
  heading: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  panel: { display: "grid", gap: tokens.spacingVerticalS, paddingBlockEnd: tokens.spacingVerticalL },
  paragraph: { margin: 0, maxWidth: "70ch" },
  action: { justifySelf: "start" },
});

/** Five short modules a mentor reads before their first session; each one is marked done on its own. */
export default function TrainingView() {
  const styles = useStyles();
  const { t } = useI18n();
  const { me, call, refreshMe } = useSession();
  // What this view just completed counts at once, before /me comes back with it.
  const [justDone, setJustDone] = useState<TrainingModuleId[]>([]);
  const [busy, setBusy] = useState<TrainingModuleId | null>(null);
  const [problem, setProblem] = useState<unknown>();
  const [announcement, setAnnouncement] = useState("");
  const progressId = useId();

  const completed = new Set<string>([...(me.profile?.trainingCompleted ?? []), ...justDone]);
  const done = trainingModules.filter((m) => completed.has(m)).length;
  const total = trainingModules.length;
  const mentor = me.profile?.programRoles.includes("mentor") ?? false;
  const firstTodo = trainingModules.find((m) => !completed.has(m));

  const markDone = async (moduleId: TrainingModuleId) => {
    setBusy(moduleId);
    setProblem(undefined);
    try {
      const saved = await call("completeTrainingModule", { params: { moduleId } });
      setJustDone((d) => [...d, ...trainingModules.filter((m) => saved.data.trainingCompleted.includes(m))]);
      setAnnouncement(t("training.justDone", { title: t(`training.module.${moduleId}.title`) }));
    } catch (e) {
      setProblem(e);
      return;
    } finally {
      setBusy(null);
    }
    // The home view's reminder reads /me.
    await refreshMe().catch((e: unknown) => setProblem(e));
  };

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Title2 as="h1">{t("training.title")}</Title2>
        <Text as="p">{t("training.intro")}</Text>
      </header>

      {!me.profile || !mentor ? (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>{t(me.profile ? "training.notMentor" : "training.noProfile")}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => (window.location.hash = "/profile")}>{t("training.goToProfile")}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <div className={styles.progress}>
          <Text id={progressId} weight="semibold">
            {t("training.progress", { count: done, total })}
          </Text>
          <ProgressBar
            value={done}
            max={total}
            thickness="large"
            color={done === total ? "success" : "brand"}
            aria-labelledby={progressId}
            aria-valuetext={t("training.progress", { count: done, total })}
          />
        </div>
      )}
      <div role="status">
        {announcement && <Text>{announcement}</Text>}
        {mentor && done === total && (
          <MessageBar layout="multiline" intent="success">
            <MessageBarBody>{t("training.allDone")}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {problem !== undefined && <ErrorNotice error={problem} />}

      <Accordion multiple collapsible defaultOpenItems={firstTodo ? [firstTodo] : []}>
        {trainingModules.map((m) => {
          const isDone = completed.has(m);
          const title = t(`training.module.${m}.title`);
          return (
            <AccordionItem key={m} value={m}>
              <AccordionHeader as="h2" size="large">
                <span className={styles.heading}>
                  {title}
                  {isDone && (
                    <Badge appearance="tint" color="success" icon={<Checkmark16Regular />}>
                      {t("training.done")}
                    </Badge>
                  )}
                </span>
              </AccordionHeader>
              <AccordionPanel className={styles.panel}>
                {t(`training.module.${m}.body`)
                  .split("\n\n")
                  .map((p, i) => (
                    <Text as="p" key={i} className={styles.paragraph}>
                      {p}
                    </Text>
                  ))}
                {mentor &&
                  (isDone ? (
                    <Button
                      className={styles.action}
                      icon={<Checkmark20Regular />}
                      disabledFocusable
                      aria-label={t("training.doneOf", { title })}
                    >
                      {t("training.done")}
                    </Button>
                  ) : (
                    <Button
                      className={styles.action}
                      appearance="primary"
                      disabled={busy !== null}
                      aria-label={t("training.markDoneOf", { title })}
                      onClick={() => void markDone(m)}
                    >
                      {busy === m ? t("training.marking") : t("training.markDone")}
                    </Button>
                  ))}
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
    </div>
  );
}
