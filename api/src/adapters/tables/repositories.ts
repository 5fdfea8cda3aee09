import { createHash } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import {
  CheckIn,
  ClosingSurvey,
  Cycle,
  JournalEntry,
  LearningGoal,
  MatchingRunRecord,
  MentorPlaces,
  Note,
  Profile,
  SessionRecord,
  Skill,
  SlotHolds,
  Tandem,
  TandemError,
  newestFirst,
  type Booking,
  type Repositories,
  type SessionRecordInput,
  type Versioned,
} from "@tandem/core";
import { z } from "zod";
import { TableStore, createAll, serviceClient, tableClient, type StorageTarget } from "./store";

/**
 * The partition design (docs/adr/0002-table-partitions.md). Every partition key starts with the tenant id.
 *   People       PK tenant                 RK person id                    profile
 *   Catalogue    PK tenant|skill|cycle     RK skill id or cycle id         skills, cycles
 *   Tandems      PK tenant                 RK tandem id                    tandem or circle
 *   Memberships  PK tenant|person          RK tandem id                    who is in what
 *   TandemItems  PK tenant|tandem          RK goal|id, session|id,         everything that belongs to one
 *                                             checkin|session|person,      tandem: one partition, so one
 *                                             note|session|id,             query serves each list, and a
 *                                             survey|person (closing)
 *                                             booking|idempotency key,     booking is one transaction
 *                                             slots                        bookings in flight, ETag-guarded
 *   Events       PK tenant|hash of an      RK "event"                      from an Outlook meeting to its
 *                iCalUId or event id                                       session or series
 *   Journal      PK tenant|person          RK entry id                     a person's private journal: the
 *                                                                          author is the partition, so no key
 *                                                                          reaches someone else's entries
 *   Tandems      PK tenant|places          RK mentor id                    a mentor's places, ETag-guarded
 *   MatchingRuns PK tenant|runs            RK run id                       a run: status, progress, fingerprint
 *                PK tenant|run|{run id}    RK {part}|{00000}               its input and result, in slices
 */
export const tableNames = (prefix: string) => ({
  people: `${prefix}People`,
  catalogue: `${prefix}Catalogue`,
  tandems: `${prefix}Tandems`,
  memberships: `${prefix}Memberships`,
  items: `${prefix}TandemItems`,
  journal: `${prefix}Journal`,
  events: `${prefix}Events`,
  runs: `${prefix}MatchingRuns`,
});

/** A slice of a run's result holds at most this much JSON (under the entity's 1 MiB, 16 properties of 30,000). */
const SLICE_CHARS = 400_000;

const k = (...parts: string[]) => parts.join("|");

const Membership = z.object({ tandemId: z.string(), role: z.enum(["mentor", "mentee"]) });
const BookingRow = z.object({ key: z.string(), fingerprint: z.string(), sessionIds: z.array(z.string()), createdAt: z.string() });
const EventRow = z.object({ tandemId: z.string(), sessionId: z.string().nullable(), seriesId: z.string().nullable() });

/** Outlook ids hold characters row keys may not ("/", "+"): index them by a hash. iCalUIds compare case-blind. */
const eventKey = (k: { iCalUId: string } | { eventId: string }) =>
  createHash("sha256")
    .update("iCalUId" in k ? `ical:${k.iCalUId.toUpperCase()}` : `id:${k.eventId}`)
    .digest("hex");

const stored = (s: SessionRecordInput) => ({ ...s, link: s.link ?? null });

export interface TableRepositories extends Repositories {
  /** Creates the tables if they do not exist yet. */
  ensureTables(): Promise<void>;
  /** A cheap call that proves storage answers, within `withinMs` when given (the health check's own deadline). */
  ping(withinMs?: number): Promise<void>;
}

export function createTableRepositories(target: StorageTarget, prefix: string): TableRepositories {
  const names = tableNames(prefix);
  const clients: Record<keyof typeof names, TableClient> = {
    people: tableClient(target, names.people),
    catalogue: tableClient(target, names.catalogue),
    tandems: tableClient(target, names.tandems),
    memberships: tableClient(target, names.memberships),
    items: tableClient(target, names.items),
    journal: tableClient(target, names.journal),
    events: tableClient(target, names.events),
    runs: tableClient(target, names.runs),
  };
  const profiles = new TableStore(clients.people, Profile);
  const skills = new TableStore(clients.catalogue, Skill);
  const cycles = new TableStore(clients.catalogue, Cycle);
  const tandems = new TableStore(clients.tandems, Tandem);
  const memberships = new TableStore(clients.memberships, Membership);
  const goals = new TableStore(clients.items, LearningGoal);
  const sessions = new TableStore(clients.items, SessionRecord);
  const bookings = new TableStore(clients.items, BookingRow);
  const events = new TableStore(clients.events, EventRow);
  const checkIns = new TableStore(clients.items, CheckIn);
  const surveys = new TableStore(clients.items, ClosingSurvey);
  const notes = new TableStore(clients.items, Note);
  const journal = new TableStore(clients.journal, JournalEntry);
  const runs = new TableStore(clients.runs, MatchingRunRecord);
  const slices = new TableStore(clients.runs, z.array(z.unknown()));
  const places = new TableStore(clients.tandems, MentorPlaces);
  const holds = new TableStore(clients.items, SlotHolds);
  const service = serviceClient(target);

  const byId = <T>(list: Versioned<T>[], id: (t: T) => string) =>
    list.sort((a, b) => id(a.value).localeCompare(id(b.value)));

  return {
    async ensureTables() {
      await Promise.all(Object.values(clients).map((c) => c.createTable()));
    },
    async ping(withinMs) {
      try {
        await service.getProperties(withinMs ? { abortSignal: AbortSignal.timeout(withinMs) } : {});
      } catch {
        throw new TandemError("unavailable", "Storage is not answering.");
      }
    },
    profiles: {
      get: (t, id) => profiles.get(t, id),
      list: (t) => profiles.query(t),
      put: (t, p, ifMatch) => (ifMatch === null ? profiles.create(t, p.id, p) : profiles.replace(t, p.id, p, ifMatch)),
    },
    skills: {
      list: async (t) => byId(await skills.query(k(t, "skill")), (s) => s.id),
      get: (t, id) => skills.get(k(t, "skill"), id),
      create: (t, s) => skills.create(k(t, "skill"), s.id, s),
      replace: (t, s, ifMatch) => skills.replace(k(t, "skill"), s.id, s, ifMatch),
    },
    cycles: {
      list: async (t) => (await cycles.query(k(t, "cycle"))).sort((a, b) => b.value.startsOn.localeCompare(a.value.startsOn)),
      get: (t, id) => cycles.get(k(t, "cycle"), id),
      create: (t, c) => cycles.create(k(t, "cycle"), c.id, c),
      replace: (t, c, ifMatch) => cycles.replace(k(t, "cycle"), c.id, c, ifMatch),
    },
    tandems: {
      get: (t, id) => tandems.get(t, id),
      async listForPerson(t, personId) {
        const rows = await memberships.query(k(t, personId));
        const found = await Promise.all(rows.map((m) => tandems.get(t, m.value.tandemId)));
        // A membership whose tandem write never happened (a crash in between) is skipped, not shown.
        return found.filter((x): x is Versioned<Tandem> => x !== null && isIn(x.value, personId));
      },
      listAll: (t) => tandems.query(t),
      async create(t, tandem) {
        // Memberships first: if the tandem write fails, orphans are invisible (see listForPerson).
        await Promise.all(
          [tandem.mentorId, ...tandem.menteeIds].map((p) =>
            memberships
              .create(k(t, p), tandem.id, { tandemId: tandem.id, role: p === tandem.mentorId ? "mentor" : "mentee" })
              .catch((e) => {
                if (!(e instanceof TandemError && e.code === "conflict")) throw e;
              }),
          ),
        );
        return tandems.create(t, tandem.id, tandem);
      },
      replace: (t, tandem, ifMatch) => tandems.replace(t, tandem.id, tandem, ifMatch),
    },
    goals: {
      list: async (t, tandemId) =>
        (await goals.query(k(t, tandemId), "goal|")).sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt)),
      get: (t, tandemId, id) => goals.get(k(t, tandemId), k("goal", id)),
      create: (t, g) => goals.create(k(t, g.tandemId), k("goal", g.id), g),
      replace: (t, g, ifMatch) => goals.replace(k(t, g.tandemId), k("goal", g.id), g, ifMatch),
      delete: (t, tandemId, id, ifMatch) => goals.delete(k(t, tandemId), k("goal", id), ifMatch),
    },
    sessions: {
      list: async (t, tandemId) =>
        (await sessions.query(k(t, tandemId), "session|")).sort((a, b) => a.value.start.localeCompare(b.value.start)),
      get: (t, tandemId, id) => sessions.get(k(t, tandemId), k("session", id)),
      create: (t, s) => sessions.create(k(t, s.tandemId), k("session", s.id), stored(s)),
      replace: (t, s, ifMatch) => sessions.replace(k(t, s.tandemId), k("session", s.id), stored(s), ifMatch),
    },
    bookings: {
      async get(t, tandemId, key) {
        return (await bookings.get(k(t, tandemId), k("booking", key)))?.value ?? null;
      },
      async record(t, tandemId, booking: Booking, list) {
        const rows = list.map((s) => ({ rk: k("session", s.id), value: stored(s) }));
        const etags = await createAll(clients.items, k(t, tandemId), [...rows, { rk: k("booking", booking.key), value: booking }]);
        return rows.map((r) => ({ value: r.value, etag: etags.get(r.rk) ?? "" }));
      },
    },
    eventIndex: {
      async find(t, key) {
        return (await events.get(k(t, eventKey(key)), "event"))?.value ?? null;
      },
      async put(t, keys, target) {
        await Promise.all(keys.map((key) => events.upsert(k(t, eventKey(key)), "event", target)));
      },
    },
    // In the tandem's partition, beside its check-ins: a member's answer is one row, created once.
    surveys: {
      get: (t, tandemId, personId) => surveys.get(k(t, tandemId), k("survey", personId)),
      create: (t, v) => surveys.create(k(t, v.tandemId), k("survey", v.personId), v),
      listForTandem: (t, tandemId) => surveys.query(k(t, tandemId), k("survey", "")),
    },
    checkIns: {
      list: (t, tandemId, sessionId) => checkIns.query(k(t, tandemId), k("checkin", sessionId, "")),
      listForTandem: (t, tandemId) => checkIns.query(k(t, tandemId), "checkin|"),
      get: (t, tandemId, sessionId, personId) => checkIns.get(k(t, tandemId), k("checkin", sessionId, personId)),
      put: (t, tandemId, c, ifMatch) => {
        const rk = k("checkin", c.sessionId, c.personId);
        return ifMatch === null ? checkIns.create(k(t, tandemId), rk, c) : checkIns.replace(k(t, tandemId), rk, c, ifMatch);
      },
    },
    notes: {
      list: async (t, tandemId, sessionId) =>
        (await notes.query(k(t, tandemId), k("note", sessionId, ""))).sort((a, b) =>
          a.value.createdAt.localeCompare(b.value.createdAt),
        ),
      get: (t, tandemId, sessionId, id) => notes.get(k(t, tandemId), k("note", sessionId, id)),
      create: (t, tandemId, n) => notes.create(k(t, tandemId), k("note", n.sessionId, n.id), n),
      replace: (t, tandemId, n, ifMatch) => notes.replace(k(t, tandemId), k("note", n.sessionId, n.id), n, ifMatch),
      delete: (t, tandemId, sessionId, id, ifMatch) => notes.delete(k(t, tandemId), k("note", sessionId, id), ifMatch),
    },
    runs: {
      get: (t, id) => runs.get(k(t, "runs"), id),
      list: (t) => runs.query(k(t, "runs")),
      put: (t, r, ifMatch) => (ifMatch === null ? runs.create(k(t, "runs"), r.id, r) : runs.replace(k(t, "runs"), r.id, r, ifMatch)),
      async putPart(t, runId, part, items) {
        // Slices by size, not by count: a proposal of a circle weighs five times a tandem's.
        const rows: unknown[][] = [];
        let current: unknown[] = [];
        let size = 2;
        for (const item of items) {
          const n = JSON.stringify(item).length + 1;
          if (current.length > 0 && size + n > SLICE_CHARS) {
            rows.push(current);
            current = [];
            size = 2;
          }
          current.push(item);
          size += n;
        }
        if (current.length > 0) rows.push(current);
        // One at a time, a few in flight: a transaction would carry at most 4 MiB, four slices.
        const pk = k(t, "run", runId);
        for (let i = 0; i < rows.length; i += 4) {
          await Promise.all(rows.slice(i, i + 4).map((r, j) => slices.upsert(pk, k(part, String(i + j).padStart(5, "0")), r)));
        }
        return rows.length;
      },
      async part(t, runId, part) {
        const rows = await slices.query(k(t, "run", runId), k(part, ""));
        return rows.flatMap((r) => r.value);
      },
    },
    places: {
      get: (t, mentorId) => places.get(k(t, "places"), mentorId),
      put: (t, p, ifMatch) => (ifMatch === null ? places.create(k(t, "places"), p.mentorId, p) : places.replace(k(t, "places"), p.mentorId, p, ifMatch)),
    },
    slotHolds: {
      get: (t, tandemId) => holds.get(k(t, tandemId), "slots"),
      put: (t, tandemId, h, ifMatch) => (ifMatch === null ? holds.create(k(t, tandemId), "slots", h) : holds.replace(k(t, tandemId), "slots", h, ifMatch)),
    },
    journal: {
      list: async (t, personId) => (await journal.query(k(t, personId))).sort((a, b) => newestFirst(a.value, b.value)),
      get: (t, personId, id) => journal.get(k(t, personId), id),
      create: (t, personId, e) => journal.create(k(t, personId), e.id, e),
      replace: (t, personId, e, ifMatch) => journal.replace(k(t, personId), e.id, e, ifMatch),
      delete: (t, personId, id, ifMatch) => journal.delete(k(t, personId), id, ifMatch),
    },
  };
}

const isIn = (t: Tandem, personId: string) => t.mentorId === personId || t.menteeIds.includes(personId);
