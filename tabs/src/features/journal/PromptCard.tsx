import { useState, type FormEvent } from "react";
import { Button, Card, Field, Text, Textarea } from "@fluentui/react-components";
import { Checkmark16Regular } from "@fluentui/react-icons";
import { JournalEntryInput, type JournalEntryView, type JournalPrompt, type ProgramRole } from "@tandem/core";
import { ErrorNotice, apiFieldProblems, fieldState } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { bodyError } from "./body-error";
import { BenefitsList } from "./BenefitsList";
import { useJournalStyles } from "./useJournalStyles";

/** One reflection prompt, and a new entry answering it: in words, or for the benefits, as a list to tick and add to. */
export function PromptCard({ prompt, roles, onCreated }: { prompt: JournalPrompt; roles: readonly ProgramRole[]; onCreated(entry: JournalEntryView): void }) {
  const styles = useJournalStyles();
  const { t } = useI18n();
  const { call } = useSession();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  // A new list after each saved entry: the ticks start over.
  const [round, setRound] = useState(0);
  const question = t(`journal.prompt.${prompt}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    const parsed = JournalEntryInput.safeParse({ prompt, body });
    if (!parsed.success) {
      setError(t(prompt === "benefits" && !body.trim() ? "journal.benefits.empty" : bodyError(parsed.error.issues)));
      return;
    }
    setError(undefined);
    setSaving(true);
    try {
      const created = await call("createJournalEntry", { body: parsed.data });
      onCreated(created.data);
      setBody("");
      setRound((n) => n + 1);
      setSaved(true);
    } catch (err) {
      if (apiFieldProblems(err).body) setError(t("journal.error.invalid"));
      setProblem(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card className={styles.card}>
      <form className={styles.form} aria-label={question} onSubmit={(e) => void submit(e)} noValidate>
        {prompt === "benefits" ? (
          <BenefitsList
            key={round}
            roles={roles}
            label={question}
            hint={t("journal.prompt.benefits.hint")}
            error={error}
            onChange={(text) => {
              setBody(text);
              setSaved(false);
              setError(undefined);
            }}
          />
        ) : (
          <Field label={question} hint={t(`journal.prompt.${prompt}.hint`)} {...fieldState(error)}>
            <Textarea
              value={body}
              rows={3}
              resize="vertical"
              maxLength={4000}
              onChange={(_, d) => {
                setBody(d.value);
                setSaved(false);
                setError(undefined);
              }}
            />
          </Field>
        )}
        {problem !== undefined && <ErrorNotice error={problem} />}
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={saving}>
            {saving ? t("common.saving") : t("journal.save")}
          </Button>
          <span role="status">
            {saved && (
              <Text className={styles.saved}>
                <Checkmark16Regular aria-hidden />
                {t("journal.saved")}
              </Text>
            )}
          </span>
        </div>
      </form>
    </Card>
  );
}
