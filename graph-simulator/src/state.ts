import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type {
  Attendee,
  EmailAddress,
  FreeBusyStatus,
  Importance,
  ItemBody,
  Location,
  OnlineMeetingProviderType,
  PatternedRecurrence,
  ResponseType,
  Sensitivity,
} from "@microsoft/microsoft-graph-types";
import type { Directory, PersistedDirectory } from "./features/directory";
import { windowsZone } from "./time";

/**
 * One item in one mailbox's calendar. An organizer's meeting and each attendee's copy are separate items that
 * share an iCalUId, as in Exchange. Occurrences of a series are not stored: they are computed from the master's
 * recurrence, with the changes made to single occurrences kept on the master (`exceptions`).
 */
export interface StoredEvent {
  id: string;
  ownerId: string;
  iCalUId: string;
  organizer: Required<Pick<EmailAddress, "name" | "address">>;
  isOrganizer: boolean;
  /** Set by the client that created the event; only on the organizer's item. */
  transactionId?: string;
  /** A hash of the create that carried the transactionId: the same id with another body is refused. */
  transactionBody?: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  subject: string;
  body: ItemBody & { contentType: "html" | "text"; content: string };
  /** Instants (ISO, UTC). All-day events: local midnights in `startTimeZone`. */
  start: string;
  end: string;
  /** Windows names, as Outlook keeps them whatever name the creator used. */
  startTimeZone: string;
  endTimeZone: string;
  isAllDay: boolean;
  showAs: FreeBusyStatus;
  sensitivity: Sensitivity;
  importance: Importance;
  categories: string[];
  location: Location;
  locations: Location[];
  attendees: Attendee[];
  responseStatus: { response: ResponseType; time: string };
  isOnlineMeeting: boolean;
  onlineMeetingProvider: OnlineMeetingProviderType;
  joinUrl?: string;
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  allowNewTimeProposals: boolean;
  responseRequested: boolean;
  hideAttendees: boolean;
  isCancelled: boolean;
  /** Present on a series master only. */
  recurrence?: PatternedRecurrence;
  /** Single-value extended properties written by the client, on this item only (not on attendees' copies). */
  extendedProperties?: { id: string; value: string }[];
  /** Changed occurrences of a series, by original start (ISO instant). */
  exceptions: Record<string, OccurrenceOverride>;
  /** Occurrences removed from the series (deleted, or cancelled by the organizer), by original start. */
  deletedOccurrences: string[];
}

/** What a single occurrence of a series changes. */
export interface OccurrenceOverride {
  start?: string;
  end?: string;
  subject?: string;
  body?: StoredEvent["body"];
  location?: Location;
  locations?: Location[];
  showAs?: FreeBusyStatus;
  isCancelled?: boolean;
  categories?: string[];
  lastModifiedDateTime?: string;
  changeKey?: string;
}

/**
 * The state file. Version 1 held calendars only; version 2 adds the directory's changes (read both).
 */
export interface PersistedState {
  version: 1 | 2;
  savedAt: string;
  events: StoredEvent[];
  removedSeedIds: string[];
  directory?: PersistedDirectory;
}

/**
 * The simulator's calendars, in memory. Seeded events are computed afresh at every start (relative to "now");
 * what callers create or change is kept, and with a state file it is saved so that a demo survives a restart.
 */
export class CalendarStore {
  private readonly events = new Map<string, StoredEvent>();
  private readonly owners = new Map<string, Set<string>>();
  private readonly seedIds = new Set<string>();
  /** Events created or changed through the api: what the state file keeps. */
  private readonly touched = new Set<string>();
  private readonly removedSeedIds = new Set<string>();
  private version = 0;

  constructor(seed: StoredEvent[]) {
    for (const e of seed) {
      this.seedIds.add(e.id);
      this.index(e);
    }
  }

  /** Bumped on every change: the persistence timer saves when it moved. */
  get changes(): number {
    return this.version;
  }

  get(id: string): StoredEvent | undefined {
    return this.events.get(id);
  }

  /** Every event of a mailbox: single events and series masters. */
  ofOwner(ownerId: string): StoredEvent[] {
    const ids = this.owners.get(ownerId);
    return ids ? [...ids].map((id) => this.events.get(id)!) : [];
  }

  /** Every item that carries a meeting, across mailboxes (the organizer's and the attendees' copies). */
  byICalUId(iCalUId: string): StoredEvent[] {
    return [...this.events.values()].filter((e) => e.iCalUId === iCalUId);
  }

  all(): StoredEvent[] {
    return [...this.events.values()];
  }

  put(event: StoredEvent): void {
    this.index(event);
    this.touched.add(event.id);
    this.version++;
  }

  remove(id: string): void {
    const e = this.events.get(id);
    if (!e) return;
    this.events.delete(id);
    this.owners.get(e.ownerId)?.delete(id);
    this.touched.delete(id);
    if (this.seedIds.has(id)) this.removedSeedIds.add(id);
    this.version++;
  }

  snapshot(): Pick<PersistedState, "events" | "removedSeedIds"> {
    return {
      events: [...this.touched].map((id) => this.events.get(id)!).filter(Boolean),
      removedSeedIds: [...this.removedSeedIds],
    };
  }

  /** Applies a saved state over the seed: saved events replace seeded ones with the same id. */
  restore(saved: Pick<PersistedState, "events" | "removedSeedIds">, knownOwner: (id: string) => boolean): void {
    for (const id of saved.removedSeedIds ?? []) {
      if (this.seedIds.has(id)) this.remove(id);
    }
    for (const e of saved.events ?? []) {
      if (knownOwner(e.ownerId)) this.put(withWindowsZones(e));
    }
  }

  private index(e: StoredEvent) {
    const previous = this.events.get(e.id);
    if (previous && previous.ownerId !== e.ownerId) this.owners.get(previous.ownerId)?.delete(e.id);
    this.events.set(e.id, e);
    let ids = this.owners.get(e.ownerId);
    if (!ids) this.owners.set(e.ownerId, (ids = new Set()));
    ids.add(e.id);
  }
}

const SAVE_EVERY_MS = 2000;

/** The saved state, if the file exists (version 1 or 2). */
/**
 * Events saved before the simulator kept Windows names only may hold IANA ones (`America/Toronto`), which it now
 * refuses: they come back under their Windows names.
 */
function withWindowsZones(e: StoredEvent): StoredEvent {
  const range = e.recurrence?.range;
  return {
    ...e,
    startTimeZone: windowsZone(e.startTimeZone),
    endTimeZone: windowsZone(e.endTimeZone),
    ...(e.recurrence && range?.recurrenceTimeZone
      ? { recurrence: { ...e.recurrence, range: { ...range, recurrenceTimeZone: windowsZone(range.recurrenceTimeZone) } } }
      : {}),
  };
}

export async function loadState(file: string): Promise<PersistedState | undefined> {
  try {
    const saved = JSON.parse(await readFile(file, "utf8")) as PersistedState;
    return saved.version === 1 || saved.version === 2 ? saved : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`The Graph simulator could not read its state file ${file}: ${(e as Error).message}`);
  }
}

/**
 * Keeps the calendars' and the directory's changes in a JSON file: saves at most every two seconds while things
 * change, and once more on stop. Writes go to a temporary file first, so a crash never leaves half a file.
 * `dirty` saves once even without a change (a file that lacked the directory's epoch).
 */
export function persist(
  store: CalendarStore,
  directory: Directory,
  file: string,
  dirty = false,
): { flush(): Promise<void>; stop(): Promise<void> } {
  const changes = () => store.changes + directory.changes;
  let savedAt = dirty ? -1 : changes();
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    writing = writing.then(async () => {
      if (changes() === savedAt) return;
      const version = changes();
      const state: PersistedState = { version: 2, savedAt: new Date().toISOString(), ...store.snapshot(), directory: directory.snapshot() };
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, JSON.stringify(state));
      await rename(`${file}.tmp`, file);
      savedAt = version;
    });
    return writing;
  };
  const timer = setInterval(() => void flush().catch(() => undefined), SAVE_EVERY_MS);
  timer.unref();
  return {
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
