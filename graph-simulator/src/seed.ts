import { createHash } from "node:crypto";
import type { Attendee, FreeBusyStatus, PatternedRecurrence, ResponseType, Sensitivity } from "@microsoft/microsoft-graph-types";
import { hasMailbox, type Mailbox } from "./features/directory";
import { withinWorkingHours } from "./features/availability";
import { newICalUId, seedEventId, teamsJoinUrl } from "./features/calendar";
import type { Directory } from "./features/directory";
import type { StoredEvent } from "./state";
import { WEEK_DAYS, addDays, daysBetween, localDate, weekdayOf, zonedTimeToUtc } from "./time";

/**
 * Busy calendars for everyone in the demo organisation, so that free/busy and meeting suggestions look like a
 * real company's: a weekly team meeting per manager, fortnightly one-to-ones with each report, a monthly
 * all-hands, lunch and focus blocks, one-off meetings, days out of office and days working from home. Every
 * time is set in the local time of the person it belongs to.
 *
 * Deterministic: series are anchored on a date that moves every 26 weeks and single events are drawn per
 * person and per week from a seeded generator, so a fixed clock gives the same calendars, and ids stay stable
 * from one start to the next (which the state file relies on).
 */
export function seedCalendars(dir: Directory, now: number): StoredEvent[] {
  const today = localDate(now, "UTC");
  const reference = "2024-01-01"; // a Monday
  const anchor = addDays(reference, Math.floor((daysBetween(reference, today) - 56) / 182) * 182);
  const seeder = new Seeder(dir, anchor);
  const mailboxes = dir.people.filter(hasMailbox);
  for (const person of mailboxes) seeder.lunch(person, anchor);

  for (const manager of mailboxes) {
    const reports = dir.reportsOf(manager).filter(hasMailbox);
    if (reports.length === 0) continue;
    seeder.teamMeeting(manager, reports, anchor);
    for (const report of reports) seeder.oneToOne(manager, report, anchor);
  }
  const top = mailboxes.find((p) => p.managerId === null);
  if (top) seeder.allHands(top, mailboxes, anchor);
  for (const person of mailboxes) {
    seeder.focus(person, anchor);
    const thisMonday = mondayOf(localDate(now, person.timeZone));
    for (let w = -2; w <= 5; w++) seeder.week(person, addDays(thisMonday, 7 * w));
  }
  return seeder.events;
}

const mondayOf = (date: string) => addDays(date, -((weekdayOf(date) + 6) % 7));

/** A small deterministic generator (mulberry32) seeded from a string. */
function random(seed: string): () => number {
  let a = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pickOf = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

const uuidFrom = (key: string) => {
  const h = createHash("sha256").update(key).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const fr = (p: Mailbox) => p.preferredLanguage === "fr";

interface Draft {
  key: string;
  organizer: Mailbox;
  attendees?: Mailbox[];
  subject: string;
  body?: string;
  start: number;
  end: number;
  isAllDay?: boolean;
  showAs?: FreeBusyStatus;
  sensitivity?: Sensitivity;
  categories?: string[];
  location?: string;
  online?: boolean;
  recurrence?: PatternedRecurrence;
  /** How each attendee answered. */
  answer?: (attendee: Mailbox) => ResponseType;
}

const WEEK = 7 * 86_400_000;

class Seeder {
  readonly events: StoredEvent[] = [];
  /** The weekly series already in each person's calendar, as intervals within a week (ms from the anchor's Monday). */
  private readonly taken = new Map<string, [number, number][]>();

  constructor(
    private readonly dir: Directory,
    private readonly anchor: string,
  ) {}

  private weekOffset(instant: number): number {
    return (((instant - Date.parse(`${this.anchor}T00:00:00Z`)) % WEEK) + WEEK) % WEEK;
  }

  private isFree(people: Mailbox[], start: number, end: number): boolean {
    const from = this.weekOffset(start);
    const to = from + (end - start);
    return people.every((p) =>
      (this.taken.get(p.id) ?? []).every(([a, b]) => to <= a || from >= b),
    );
  }

  private take(people: Mailbox[], start: number, end: number) {
    const from = this.weekOffset(start);
    for (const p of people) this.taken.set(p.id, [...(this.taken.get(p.id) ?? []), [from, from + (end - start)]]);
  }

  add(d: Draft) {
    const created = d.start - 14 * 86_400_000;
    const iCalUId = newICalUId(created, uuidFrom(d.key));
    const zone = this.dir.zoneName(d.organizer);
    const joinUrl = d.online ? teamsJoinUrl(this.dir.tenantId, d.organizer.id, uuidFrom(`${d.key}|teams`)) : undefined;
    const answers = new Map((d.attendees ?? []).map((a) => [a.id, d.answer?.(a) ?? "accepted"]));
    const attendees: Attendee[] = (d.attendees ?? []).map((a) => ({
      type: "required",
      status: { response: answers.get(a.id)!, time: new Date(created + 3_600_000).toISOString() },
      emailAddress: { name: a.displayName, address: a.mail },
    }));
    const body = d.body ?? "";
    const content = joinUrl
      ? `<html><head></head><body><p>${body}</p><div>Microsoft Teams meeting<br><a href="${joinUrl}">Join the meeting now</a></div></body></html>`
      : `<html><head></head><body>${body}</body></html>`;
    const base: StoredEvent = {
      id: seedEventId(d.key),
      ownerId: d.organizer.id,
      iCalUId,
      organizer: { name: d.organizer.displayName, address: d.organizer.mail },
      isOrganizer: true,
      createdDateTime: new Date(created).toISOString(),
      lastModifiedDateTime: new Date(created).toISOString(),
      changeKey: createHash("sha256").update(`${d.key}|ck`).digest("base64").slice(0, 24),
      subject: d.subject,
      body: { contentType: "html", content },
      start: new Date(d.start).toISOString(),
      end: new Date(d.end).toISOString(),
      startTimeZone: zone,
      endTimeZone: zone,
      isAllDay: d.isAllDay ?? false,
      showAs: d.showAs ?? "busy",
      sensitivity: d.sensitivity ?? "normal",
      importance: "normal",
      categories: d.categories ?? [],
      location: d.location
        ? { displayName: d.location, locationType: "default", uniqueId: d.location, uniqueIdType: "private" }
        : { displayName: "", locationType: "default", uniqueIdType: "unknown", address: {}, coordinates: {} },
      locations: d.location ? [{ displayName: d.location, locationType: "default", uniqueIdType: "unknown" }] : [],
      attendees,
      responseStatus: { response: "organizer", time: "0001-01-01T00:00:00Z" },
      isOnlineMeeting: !!joinUrl,
      onlineMeetingProvider: joinUrl ? "teamsForBusiness" : "unknown",
      ...(joinUrl ? { joinUrl } : {}),
      isReminderOn: true,
      reminderMinutesBeforeStart: 15,
      allowNewTimeProposals: true,
      responseRequested: attendees.length > 0,
      hideAttendees: false,
      isCancelled: false,
      ...(d.recurrence ? { recurrence: d.recurrence } : {}),
      exceptions: {},
      deletedOccurrences: [],
    };
    this.events.push(base);
    for (const a of d.attendees ?? []) {
      const response = answers.get(a.id)!;
      if (response === "declined") continue;
      this.events.push({
        ...base,
        id: seedEventId(`${d.key}|${a.id}`),
        ownerId: a.id,
        isOrganizer: false,
        showAs: response === "accepted" ? base.showAs : "tentative",
        responseStatus: { response, time: response === "notResponded" ? "0001-01-01T00:00:00Z" : attendees[0]!.status!.time! },
        categories: [],
      });
    }
  }

  /**
   * A local time on `date` (in the organizer's zone) inside everyone's working hours and clear of their other
   * weekly series; failing that, inside working hours; failing that, the first candidate. The slot is then taken.
   */
  private fit(date: string, organizer: Mailbox, members: Mailbox[], minutes: number, candidates: string[]): number {
    const people = [organizer, ...members];
    const starts = candidates.map((c) => zonedTimeToUtc(date, c, organizer.timeZone).getTime());
    const working = (s: number) => people.every((m) => withinWorkingHours(m, s, s + minutes * 60_000, false));
    const start =
      starts.find((s) => working(s) && this.isFree(people, s, s + minutes * 60_000)) ?? starts.find(working) ?? starts[0]!;
    this.take(people, start, start + minutes * 60_000);
    return start;
  }

  private weekly(day: string, startDate: string, interval = 1): PatternedRecurrence {
    return {
      pattern: { type: "weekly", interval, month: 0, dayOfMonth: 0, daysOfWeek: [day as never], firstDayOfWeek: "sunday", index: "first" },
      range: { type: "noEnd", startDate, endDate: "0001-01-01", recurrenceTimeZone: "", numberOfOccurrences: 0 },
    };
  }

  private firstOn(anchor: string, day: string): string {
    return addDays(anchor, (WEEK_DAYS.indexOf(day as never) - weekdayOf(anchor) + 7) % 7);
  }

  private workDays(p: Mailbox, among: readonly string[]): string[] {
    const days = p.workingHours.daysOfWeek.filter((d) => among.includes(d));
    return days.length ? days : p.workingHours.daysOfWeek;
  }

  teamMeeting(manager: Mailbox, reports: Mailbox[], anchor: string) {
    const rnd = random(`team|${manager.id}`);
    const day = pickOf(rnd, this.workDays(manager, ["monday", "tuesday", "wednesday", "thursday"]));
    const date = this.firstOn(anchor, day);
    const start = this.fit(date, manager, reports, 60, ["10:00", "14:00", "15:00", "09:30", "11:00", "16:00", "15:30", "09:00", "14:30", "16:30", "17:00"]);
    this.add({
      key: `team|${manager.id}|${anchor}`,
      organizer: manager,
      attendees: reports,
      subject: fr(manager) ? `Réunion d'équipe ${manager.department ?? ""}`.trim() : `${manager.department ?? "Team"} team meeting`,
      body: fr(manager) ? "Point hebdomadaire de l'équipe." : "Our weekly team check-in.",
      start,
      end: start + 3_600_000,
      online: true,
      recurrence: this.weekly(day, localDate(start, manager.timeZone)),
    });
  }

  oneToOne(manager: Mailbox, report: Mailbox, anchor: string) {
    const rnd = random(`1:1|${report.id}`);
    const day = pickOf(rnd, this.workDays(report, ["monday", "tuesday", "wednesday", "thursday", "friday"]));
    const date = addDays(this.firstOn(anchor, day), rnd() < 0.5 ? 0 : 7);
    const start = this.fit(date, manager, [report], 30, ["11:30", "09:30", "16:30", "15:00", "10:30", "14:30", "16:00", "10:00", "11:00", "14:00", "15:30", "17:00", "09:00", "17:30", "13:30"]);
    this.add({
      key: `1:1|${report.id}|${anchor}`,
      organizer: manager,
      attendees: [report],
      subject: `${manager.givenName ?? manager.displayName} / ${report.givenName ?? report.displayName}`,
      body: fr(manager) ? "Notre point individuel." : "Our one-to-one.",
      start,
      end: start + 30 * 60_000,
      online: true,
      recurrence: this.weekly(day, localDate(start, manager.timeZone), 2),
    });
  }

  allHands(top: Mailbox, mailboxes: Mailbox[], anchor: string) {
    const everyone = mailboxes.filter((p) => p.id !== top.id);
    const date = this.firstOn(anchor, "thursday");
    const start = zonedTimeToUtc(date, "16:00", top.timeZone).getTime();
    this.add({
      key: `all-hands|${top.id}|${anchor}`,
      organizer: top,
      attendees: everyone,
      subject: fr(top) ? "Réunion générale Brisemer / All-hands" : "All-hands",
      body: "Brisemer: news, numbers and questions.",
      start,
      end: start + 3_600_000,
      online: true,
      recurrence: {
        pattern: { type: "relativeMonthly", interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ["thursday"], firstDayOfWeek: "sunday", index: "first" },
        range: { type: "noEnd", startDate: date, endDate: "0001-01-01", recurrenceTimeZone: "", numberOfOccurrences: 0 },
      },
      answer: (a) => {
        const r = random(`all-hands|${a.id}`)();
        return r < 0.6 ? "accepted" : r < 0.9 ? "tentativelyAccepted" : "notResponded";
      },
    });
  }

  lunch(p: Mailbox, anchor: string) {
    const rnd = random(`lunch|${p.id}`);
    const at = pickOf(rnd, ["12:00", "12:00", "12:30"]);
    const date = anchor;
    const start = zonedTimeToUtc(date, at, p.timeZone).getTime();
    for (let d = 0; d < 7; d++) this.take([p], start + d * 86_400_000, start + d * 86_400_000 + 3_600_000);
    this.add({
      key: `lunch|${p.id}|${anchor}`,
      organizer: p,
      subject: fr(p) ? "Déjeuner" : "Lunch",
      start,
      end: start + 3_600_000,
      sensitivity: "private",
      recurrence: {
        pattern: { type: "weekly", interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: p.workingHours.daysOfWeek, firstDayOfWeek: "sunday", index: "first" },
        range: { type: "noEnd", startDate: date, endDate: "0001-01-01", recurrenceTimeZone: "", numberOfOccurrences: 0 },
      },
    });
  }

  focus(p: Mailbox, anchor: string) {
    const rnd = random(`focus|${p.id}`);
    const day = pickOf(rnd, this.workDays(p, ["tuesday", "wednesday", "thursday", "friday"]));
    const date = this.firstOn(anchor, day);
    const start = this.fit(date, p, [], 120, rnd() < 0.5 ? ["09:30", "14:00", "15:00", "10:00"] : ["14:00", "09:30", "15:00", "10:00"]);
    this.add({
      key: `focus|${p.id}|${anchor}`,
      organizer: p,
      subject: fr(p) ? "Temps de concentration" : "Focus time",
      start,
      end: start + 2 * 3_600_000,
      categories: ["Focus time"],
      recurrence: this.weekly(day, localDate(start, p.timeZone)),
    });
  }

  /** One week of one-off items for a person: meetings, maybe a day off, maybe a day working from home. */
  week(p: Mailbox, monday: string) {
    const rnd = random(`week|${p.id}|${monday}`);
    const days = p.workingHours.daysOfWeek
      .map((d) => addDays(monday, (WEEK_DAYS.indexOf(d) + 6) % 7))
      .sort();
    const [sh, sm] = p.workingHours.startTime.split(":").map(Number) as [number, number];
    const [eh, em] = p.workingHours.endTime.split(":").map(Number) as [number, number];
    const open = sh * 60 + sm;
    const close = eh * 60 + em;
    const manager = this.dir.managerOf(p);
    const peers = manager ? this.dir.reportsOf(manager).filter((q): q is Mailbox => q.id !== p.id && hasMailbox(q)) : [];

    const meetings = Math.floor(rnd() * 3);
    for (let n = 0; n < meetings; n++) {
      const date = pickOf(rnd, days);
      const minutes = pickOf(rnd, [30, 60, 60, 90]);
      const slots = Math.max(1, Math.floor((close - open - minutes - 60) / 30));
      const at = open + 30 + Math.floor(rnd() * slots) * 30;
      const time = `${String(Math.floor(at / 60)).padStart(2, "0")}:${String(at % 60).padStart(2, "0")}`;
      const start = zonedTimeToUtc(date, time, p.timeZone).getTime();
      const withPeer = peers.length > 0 && rnd() < 0.4 ? [pickOf(rnd, peers)] : [];
      const subject = pickOf(rnd, fr(p) ? MEETINGS_FR : MEETINGS_EN);
      this.add({
        key: `meeting|${p.id}|${monday}|${n}`,
        organizer: p,
        attendees: withPeer,
        subject,
        start,
        end: start + minutes * 60_000,
        showAs: rnd() < 0.2 ? "tentative" : "busy",
        location: withPeer.length ? (p.officeLocation ?? "") : "",
        online: withPeer.length > 0,
      });
    }
    if (rnd() < 0.12 && days.length) {
      const first = Math.floor(rnd() * days.length);
      const length = rnd() < 0.5 ? 1 : 2;
      const from = days[first]!;
      this.add({
        key: `oof|${p.id}|${monday}`,
        organizer: p,
        subject: fr(p) ? "Congés" : "Out of office",
        start: zonedTimeToUtc(from, "00:00", p.timeZone).getTime(),
        end: zonedTimeToUtc(addDays(from, length), "00:00", p.timeZone).getTime(),
        isAllDay: true,
        showAs: "oof",
      });
    } else if (rnd() < 0.25 && days.length) {
      const date = pickOf(rnd, days);
      this.add({
        key: `remote|${p.id}|${monday}`,
        organizer: p,
        subject: fr(p) ? "Télétravail" : "Working from home",
        start: zonedTimeToUtc(date, "00:00", p.timeZone).getTime(),
        end: zonedTimeToUtc(addDays(date, 1), "00:00", p.timeZone).getTime(),
        isAllDay: true,
        showAs: "workingElsewhere",
      });
    }
  }
}

const MEETINGS_FR = ["Revue de projet", "Point client", "Préparation comité", "Atelier budget", "Suivi fournisseurs", "Revue des indicateurs"];
const MEETINGS_EN = ["Project review", "Customer call", "Steering prep", "Budget workshop", "Vendor follow-up", "Metrics review"];
