import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { journalEntryView } from "./view";
import { createJournalEntry, deleteJournalEntry, listJournal, updateJournalEntry } from "./service";

export const journalRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listJournal, http, async ({ caller }) => ({
    body: { items: (await listJournal(deps, caller)).map(journalEntryView) },
  })),
  route(api.createJournalEntry, http, async ({ caller, body, idempotencyKey }) => {
    const saved = await createJournalEntry(deps, caller, body, idempotencyKey);
    return { body: journalEntryView(saved), etag: saved.etag, location: `/api/me/journal/${saved.value.id}` };
  }),
  route(api.updateJournalEntry, http, async ({ caller, params, body, ifMatch }) => {
    const saved = await updateJournalEntry(deps, caller, params.entryId, body, ifMatch!);
    return { body: journalEntryView(saved), etag: saved.etag };
  }),
  route(api.deleteJournalEntry, http, async ({ caller, params, ifMatch }) => {
    await deleteJournalEntry(deps, caller, params.entryId, ifMatch);
    return { body: {} };
  }),
];
