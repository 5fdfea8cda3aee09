import { useId } from "react";
import { Badge, Subtitle1, Text, Title2 } from "@fluentui/react-components";
import { LockClosed20Regular } from "@fluentui/react-icons";
import { promptsFor, type JournalEntryView } from "@tandem/core";
import { ErrorNotice, useResource } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { ViewSkeleton } from "../../components/ViewSkeleton";
import { EntryItem } from "./EntryItem";
import { PromptCard } from "./PromptCard";
import { useJournalStyles } from "./useJournalStyles";

/** "Take stock": reflection prompts to answer, and the entries written so far. Private to its author. */
export default function JournalView() {
  const styles = useJournalStyles();
  const { t } = useI18n();
  const { call, me } = useSession();
  const roles = me.profile?.programRoles ?? [];
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
          {promptsFor(roles).map((p) => (
            <PromptCard key={p} prompt={p} roles={roles} onCreated={added} />
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
