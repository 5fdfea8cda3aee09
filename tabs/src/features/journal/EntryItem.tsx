import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import {
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Subtitle2,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { Delete20Regular, Edit20Regular } from "@fluentui/react-icons";
import { JournalEntryPatch, type JournalEntryView } from "@tandem/core";
import { ApiError, ErrorNotice, apiFieldProblems, fieldState } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { bodyError } from "./body-error";
import { useJournalStyles } from "./useJournalStyles";

/** An entry written so far: read, edited in place (with its ETag), or deleted after a confirmation. */
export function EntryItem({
  entry,
  onChanged,
  onDeleted,
  onReload,
}: {
  entry: JournalEntryView;
  onChanged(entry: JournalEntryView): void;
  onDeleted(): void;
  onReload(): void;
}) {
  const styles = useJournalStyles();
  const { t, date } = useI18n();
  const { call } = useSession();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(entry.body);
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // A new version (saved here, or reloaded after a conflict) ends the edit: the form starts from what is stored.
  useEffect(() => {
    setEditing(false);
    setProblem(undefined);
    setError(undefined);
  }, [entry.etag]);
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    const parsed = JournalEntryPatch.safeParse({ body: draft });
    if (!parsed.success) {
      setError(t(bodyError(parsed.error.issues)));
      return;
    }
    setError(undefined);
    if (parsed.data.body === entry.body) {
      setEditing(false);
      return;
    }
    setBusy(true);
    try {
      const saved = await call("updateJournalEntry", { params: { entryId: entry.id }, body: parsed.data, ifMatch: entry.etag });
      onChanged(saved.data);
    } catch (err) {
      if (apiFieldProblems(err).body) setError(t("journal.error.invalid"));
      setProblem(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await call("deleteJournalEntry", { params: { entryId: entry.id }, ifMatch: entry.etag });
      setConfirming(false);
      onDeleted();
    } catch (err) {
      setConfirming(false);
      // Already gone (deleted from another device): the list catches up.
      if (err instanceof ApiError && err.status === 404) onDeleted();
      else setProblem(err);
    } finally {
      setBusy(false);
    }
  };

  const conflict = problem instanceof ApiError && problem.isConflict;
  const edited = entry.updatedAt !== entry.createdAt;
  // Each button names its entry: a list of "Edit" buttons alone says nothing to a screen reader.
  const named = { prompt: t(`journal.prompt.${entry.prompt}`), date: date(entry.createdAt) };

  return (
    <li>
      <Card className={styles.card}>
        <div>
          <Subtitle2 as="h3" id={headingId}>
            {t(`journal.prompt.${entry.prompt}`)}
          </Subtitle2>
          <Text as="p" size={200}>
            {t("journal.writtenOn", { date: date(entry.createdAt) })}
            {edited && ` · ${t("journal.editedOn", { date: date(entry.updatedAt) })}`}
          </Text>
        </div>
        {problem !== undefined && <ErrorNotice error={problem} onReload={conflict ? onReload : undefined} />}
        {editing ? (
          <form className={styles.form} onSubmit={(e) => void save(e)} noValidate>
            <Field label={t("journal.editLabel")} {...fieldState(error)}>
              <Textarea
                value={draft}
                rows={4}
                resize="vertical"
                maxLength={4000}
                autoFocus
                onChange={(_, d) => {
                  setDraft(d.value);
                  setError(undefined);
                }}
              />
            </Field>
            <div className={styles.actions}>
              <Button type="submit" appearance="primary" disabled={busy}>
                {busy ? t("common.saving") : t("common.save")}
              </Button>
              <Button
                onClick={() => {
                  setEditing(false);
                  setProblem(undefined);
                  setError(undefined);
                }}
              >
                {t("common.cancel")}
              </Button>
            </div>
          </form>
        ) : (
          <>
            <Text as="p" className={styles.body}>
              {entry.body}
            </Text>
            <div className={styles.actions}>
              <Button
                ref={editButton}
                icon={<Edit20Regular />}
                aria-label={t("journal.editOf", named)}
                onClick={() => {
                  setDraft(entry.body);
                  setEditing(true);
                }}
              >
                {t("journal.edit")}
              </Button>
              <Button icon={<Delete20Regular />} aria-label={t("journal.deleteOf", named)} onClick={() => setConfirming(true)}>
                {t("journal.delete")}
              </Button>
            </div>
          </>
        )}
      </Card>
      <Dialog open={confirming} modalType="alert" onOpenChange={(_, d) => setConfirming(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t("journal.delete.title")}</DialogTitle>
            <DialogContent>{t("journal.delete.body")}</DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => void remove()}>
                {t("journal.delete")}
              </Button>
              <Button onClick={() => setConfirming(false)}>{t("common.cancel")}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </li>
  );
}
