import { isDeepStrictEqual } from "node:util";
import { TandemError, type Versioned } from "@tandem/core";
import type { Caller } from "./auth";
import type { Deps } from "./deps";
import { idFromName } from "./name-ids";

/**
 * Creates that take an optional Idempotency-Key (a goal, a note, a journal entry, a cycle). Booking's two-fold
 * machinery (features/sessions/idempotency.ts: a record of the key, a transactionId for Outlook) is more than a row
 * needs: here the new row's id is derived from the key, so a retry after a storage timeout writes the very same row.
 * Storage refuses it as existing, and the row found is answered again when the retry's fields are what it holds;
 * the same key for another create is 409. Without a key, a new id each time, as before.
 */

/** The row's id for a key: the same for every retry of one caller's create of one kind. */
export const idOfKey = (caller: Caller, kind: string, key: string): string => idFromName(`${caller.tenantId}|${caller.userId}|${kind}|${key}`);

export async function createOnce<T>(
  deps: Deps,
  caller: Caller,
  o: {
    kind: string;
    key: string | null;
    /** What the caller sent, field by field, as stored: a retry must send the same. */
    fields: Record<string, unknown>;
    create(id: string): Promise<Versioned<T>>;
    find(id: string): Promise<Versioned<T> | null>;
  },
): Promise<Versioned<T>> {
  if (!o.key) return o.create(deps.ids.next());
  const id = idOfKey(caller, o.kind, o.key);
  try {
    return await o.create(id);
  } catch (e) {
    if (!(e instanceof TandemError && e.code === "conflict")) throw e;
    const found = await o.find(id);
    const stored = found?.value as Record<string, unknown> | undefined;
    if (found && Object.entries(o.fields).every(([k, v]) => isDeepStrictEqual(stored![k], v))) return found;
    throw new TandemError("conflict", "This Idempotency-Key was already used for another request: send a new key for a new one.");
  }
}
