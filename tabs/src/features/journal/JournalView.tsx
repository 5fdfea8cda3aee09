import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import {
  Badge,
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Subtitle1,
  Subtitle2,
  Text,
  Textarea,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Checkmark16Regular, Delete20Regular, Edit20Regular, LockClosed20Regular } from "@fluentui/react-icons";
import {
  JournalEntryInput,
  JournalEntryPatch,
  api,
  journalPrompts,
  type JournalEntryView,
  type JournalPrompt,
} from "@tandem/core";
import { useSession } from "../../app/session";
import { useResource } from "@tandem/ui";
import { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/en";
import { ErrorNotice } from "@tandem/ui";
import { ViewSkeleton } from "../../components/ViewSkeleton";
import { ApiError, apiFieldErrors, fieldState } from "@tandem/ui";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalXL, paddingBlock: tokens.spacingVerticalM, maxWidth: "960px" },
  header: { display: "grid", gap: tokens.spacingVerticalS, justifyItems: "start" },
  section: { display: "grid", gap: tokens.spacingVerticalM },
  prompts: { display: "grid", gap: tokens.spacingHorizontalL, gridTemplateColumns: "repeat(auto-fit, minmax(280px, 1fr))" },
  card: { display: "grid", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  form: { display: "grid", gap: tokens.spacingVerticalS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  saved: { display: "inline-flex", gap: tokens.spacingHorizontalXS, alignItems: "center" },
  list: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: "none" },
  body: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
});

/** What is wrong with a body, in the person's words. */
function bodyError(issues: readonly { code: string }[]): MessageKey {
  const issue = issues[0];
  if (issue?.code === "too_small") return "journal.error.empty";
  if (issue?.code === "too_big") return "journal.error.tooLong";
  return "journal.error.invalid";
}

/** "Take stock": reflection prompts to answer, and the entries written so far. Private to its author. */
export default function JournalView() {
  const styles = useStyles();
  const { t } = useI18n();
  const { call } = useSession();
  const entries = useResource(async () => (await call("listJournal")).data.items, [call]);
  const ids = { write: useId(), entries: useId() };

  const added = (entry: JournalEntryView) => {
    if (entries.set((list) => [entry, ...list]) === undefined) entries.reload();
  };

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Title2 as="h1">{t("journal.title")}</Title2>
        <Badge size="extra-large" appearance="tint" color="informative" icon={<LockClosed20Regular />}>
          {t("journal.private")}
        </Badge>
        <Text as="p">{t("journal.intro")}</Text>
      </header>

      <section className={styles.section} aria-labelledby={ids.write}>
        <Subtitle1 as="h2" id={ids.write}>
          {t("journal.write")}
        </Subtitle1>
        <div className={styles.prompts}>
          {journalPrompts.map((p) => (
            <PromptCard key={p} prompt={p} onCreated={added} />
          ))}
        </div>
      </section>

      <section className={styles.section} aria-labelledby={ids.entries}>
        <Subtitle1 as="h2" id={ids.entries} tabIndex={-1}>
          {t("journal.entries")}
        </Subtitle1>
        {entries.loading && !entries.data && <ViewSkeleton cards={1} />}
        {entries.error !== undefined && <ErrorNotice error={entries.error} onRetry={entries.reload} />}
        {entries.data?.length === 0 && <Text as="p">{t("journal.none")}</Text>}
        {entries.data && entries.data.length > 0 && (
          <ul className={styles.list}>
            {entries.data.map((e) => (
              <EntryItem
                key={e.id}
                entry={e}
                onChanged={(next) => entries.set((list) => list.map((x) => (x.id === next.id ? next : x)))}
                onDeleted={() => {
                  entries.set((list) => list.filter((x) => x.id !== e.id));
                  // The item and its buttons are gone: keyboard focus lands on the list's heading.
                  document.getElementById(ids.entries)?.focus();
                }}
                onReload={entries.reload}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function PromptCard({ prompt, onCreated }: { prompt: JournalPrompt; onCreated(entry: JournalEntryView): void }) {
  const styles = useStyles();
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

function EntryItem({
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
  const styles = useStyles();
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
      if (apiFieldErrors(err).body) setError(t("journal.error.invalid"));
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
                aria-describedby={headingId}
                onClick={() => {
                  setDraft(entry.body);
                  setEditing(true);
                }}
              >
                {t("journal.edit")}
              </Button>
              <Button icon={<Delete20Regular />} aria-describedby={headingId} onClick={() => setConfirming(true)}>
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
