import { TandemError, type JournalEntry, type JournalEntryInput, type JournalEntryPatch, type Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { createOnce } from "../../platform/idempotent-create";
import { writeVersion } from "../../platform/versions";

/**
 * The journal is private to its author: every read and write goes to the caller's own partition, taken from the
 * token. Someone else's entry id is simply not there (404), whoever asks: partner, manager or coordinator.
 */

export const listJournal = (deps: Deps, caller: Caller) => deps.repos.journal.list(caller.tenantId, caller.userId);

export function createJournalEntry(deps: Deps, caller: Caller, input: JournalEntryInput, key: string | null = null): Promise<Versioned<JournalEntry>> {
  const now = deps.clock.now();
  return createOnce(deps, caller, {
    kind: "journal",
    key,
    fields: { ...input },
    create: (id) => deps.repos.journal.create(caller.tenantId, caller.userId, { id, ...input, createdAt: now, updatedAt: now } satisfies JournalEntry),
    find: (id) => deps.repos.journal.get(caller.tenantId, caller.userId, id),
  });
}

/**
 * My entry, and the version to write it against. Comparing the If-Match here, before storage does it again on the
 * write, also answers 412 to an ETag that storage would not even parse.
 */
async function myEntry(deps: Deps, caller: Caller, entryId: string, ifMatch: string | null) {
  const entry = await deps.repos.journal.get(caller.tenantId, caller.userId, entryId);
  if (!entry) throw new TandemError("not_found", "This journal entry was not found.");
  return { entry, version: writeVersion(ifMatch, entry, "This entry") };
}

export async function updateJournalEntry(
  deps: Deps,
  caller: Caller,
  entryId: string,
  patch: JournalEntryPatch,
  ifMatch: string,
): Promise<Versioned<JournalEntry>> {
  const { entry, version } = await myEntry(deps, caller, entryId, ifMatch);
  const next: JournalEntry = { ...entry.value, ...patch, updatedAt: deps.clock.now() };
  return deps.repos.journal.replace(caller.tenantId, caller.userId, next, version);
}

export async function deleteJournalEntry(deps: Deps, caller: Caller, entryId: string, ifMatch: string | null): Promise<void> {
  const { version } = await myEntry(deps, caller, entryId, ifMatch);
  await deps.repos.journal.delete(caller.tenantId, caller.userId, entryId, version);
}
