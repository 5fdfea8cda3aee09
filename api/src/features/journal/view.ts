import type { JournalEntry, JournalEntryView, Versioned } from "@tandem/core";
import { withEtag } from "../../platform/versions";

export const journalEntryView = (e: Versioned<JournalEntry>): JournalEntryView => withEtag(e);
