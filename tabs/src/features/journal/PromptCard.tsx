import { useState, type FormEvent } from "react";
import { Button, Card, Field, Text, Textarea } from "@fluentui/react-components";
import { Checkmark16Regular } from "@fluentui/react-icons";
import { JournalEntryInput, type JournalEntryView, type JournalPrompt } from "@tandem/core";
import { ErrorNotice, apiFieldErrors, fieldState } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { bodyError } from "./body-error";
import { useJournalStyles } from "./useJournalStyles";

/** One reflection prompt, and a new entry answering it. */
export function PromptCard({ prompt, onCreated }: { prompt: JournalPrompt; onCreated(entry: JournalEntryView): void }) {
  const styles = useJournalStyles();
  const { t } = useI18n();
  const { call } = useSession();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const question = t(`journal.prompt.${prompt}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    const parsed = JournalEntryInput.safeParse({ prompt, body });
    if (!parsed.success) {
      setError(t(bodyError(parsed.error.issues)));
      return;
    }
    setError(undefined);
    setSaving(true);
    try {
      const created = await call("createJournalEntry", { body: parsed.data });
      onCreated(created.data);
      setBody("");
      setSaved(true);
    } catch (err) {
      if (apiFieldErrors(err).body) setError(t("journal.error.invalid"));
      setProblem(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card className={styles.card}>
      <form className={styles.form} aria-label={question} onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={question}
          hint={t(`journal.prompt.${prompt}.hint`)}
          {...fieldState(error)}
        >
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
