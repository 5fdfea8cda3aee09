import { createHash, randomBytes, randomUUID } from "node:crypto";
import type {
  Attendee,
  AttendeeType,
  BodyType,
  Event,
  EventType,
  FreeBusyStatus,
  Importance,
  Location,
  OnlineMeetingProviderType,
  Sensitivity,
} from "@microsoft/microsoft-graph-types";
import type { Mailbox } from "./directory";
import type { GraphResponse, Simulator, UserRequest } from "../context";
import { GraphError, badRequest, itemNotFound } from "../errors";
import type { OccurrenceOverride, StoredEvent } from "../state";
import {
  fromDateTimeTimeZone,
  ianaZone,
  localDate,
  parseDateTime,
  toDateTimeTimeZone,
  toFloatingDate,
  windowsZone,
} from "../time";
import {
  compactInstant,
  expandCompactInstant,
  normalizeRecurrence,
  occurrenceEnd,
  originalStarts,
  type SeriesShape,
} from "./recurrence";
import { parseTop } from "./users";
import { EXTENDED, expandExtended, readExtendedProperties } from "./extended-properties";

// ---------------------------------------------------------------------------------------------------------------
// Instances: what a calendar shows. A single event, a series master, or one occurrence of a series (computed).
// ---------------------------------------------------------------------------------------------------------------

export interface Instance {
  /** The stored item: the event itself, or the series master of an occurrence. */
  event: StoredEvent;
  id: string;
  type: EventType;
  /** Occurrences: the original start (ISO instant), which identifies them in their series. */
  key?: string;
  start: number;
  end: number;
  override?: OccurrenceOverride;
}

const ms = (iso: string) => Date.parse(iso);

export const seriesOf = (e: StoredEvent): SeriesShape => ({
  recurrence: e.recurrence!,
  start: ms(e.start),
  end: ms(e.end),
  startTimeZone: e.startTimeZone,
  isAllDay: e.isAllDay,
});

/**
 * An occurrence's id: its master's and its original start, joined by `=`, which a master's id (base64url, unpadded)
 * never holds, so that the id stays in Graph's id alphabet (letters, digits, + / = _ -) as Outlook's do. Ids joined
 * by `.` (before 2026-12-02, kept in earlier local runs' sessions) are still read.
 */
export const occurrenceId = (masterId: string, key: string) => `${masterId}=${compactInstant(key)}`;

export function asInstance(e: StoredEvent): Instance {
  return { event: e, id: e.id, type: e.recurrence ? "seriesMaster" : "singleInstance", start: ms(e.start), end: ms(e.end) };
}

function occurrenceOf(master: StoredEvent, key: string): Instance {
  const override = master.exceptions[key];
  const start = override?.start ? ms(override.start) : ms(key);
  const end = override?.end ? ms(override.end) : occurrenceEnd(seriesOf(master), ms(key));
  return {
    event: master,
    id: occurrenceId(master.id, key),
    type: override?.start || override?.end ? "exception" : "occurrence",
    key,
    start,
    end,
    ...(override ? { override } : {}),
  };
}

/** The instances of an event that overlap [from, to): itself, or the occurrences of a series. */
export function instancesOf(e: StoredEvent, from: number, to: number): Instance[] {
  if (!e.recurrence) {
    const only = asInstance(e);
    return only.start < to && only.end > from ? [only] : [];
  }
  // An occurrence moved by an exception may come from outside the window.
  let shift = 0;
  for (const [key, o] of Object.entries(e.exceptions)) {
    if (o.start) shift = Math.max(shift, Math.abs(ms(o.start) - ms(key)));
    if (o.end) shift = Math.max(shift, Math.abs(ms(o.end) - ms(key)));
  }
  const deleted = new Set(e.deletedOccurrences);
  return originalStarts(seriesOf(e), from - shift, to + shift)
    .map((s) => new Date(s).toISOString())
    .filter((key) => !deleted.has(key))
    .map((key) => occurrenceOf(e, key))
    .filter((i) => i.start < to && i.end > from);
}

export const statusOf = (i: Instance): FreeBusyStatus => i.override?.showAs ?? i.event.showAs;
export const cancelledOf = (i: Instance): boolean => i.override?.isCancelled ?? i.event.isCancelled;
export const subjectOf = (i: Instance): string => i.override?.subject ?? i.event.subject;
export const locationOf = (i: Instance): Location => i.override?.location ?? i.event.location;

/** An event of a mailbox by id, occurrence ids included; 404 in Outlook's words otherwise. */
export function findInstance(sim: Simulator, owner: Mailbox, id: string): Instance {
  const dot = Math.max(id.lastIndexOf("="), id.lastIndexOf("."));
  if (dot < 0) {
    const e = sim.store.get(id);
    if (!e || e.ownerId !== owner.id) throw itemNotFound();
    return asInstance(e);
  }
  const master = sim.store.get(id.slice(0, dot));
  const key = expandCompactInstant(id.slice(dot + 1));
  if (!master || master.ownerId !== owner.id || !master.recurrence || !key) throw itemNotFound();
  if (master.deletedOccurrences.includes(key)) throw itemNotFound();
  const start = ms(key);
  if (!originalStarts(seriesOf(master), start, start + 1).includes(start)) throw itemNotFound();
  return occurrenceOf(master, key);
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering: an instance as Graph's event resource, times in the zone the caller asked for.
// ---------------------------------------------------------------------------------------------------------------

const NO_TIME = "0001-01-01T00:00:00Z";

/** iCalUIds have Outlook's GlobalObjectId form; an occurrence's carries its date in bytes 16 to 19. */
function iCalUIdOf(i: Instance): string {
  if (!i.key) return i.event.iCalUId;
  const d = new Date(i.key);
  const date =
    d.getUTCFullYear().toString(16).padStart(4, "0") +
    (d.getUTCMonth() + 1).toString(16).padStart(2, "0") +
    d.getUTCDate().toString(16).padStart(2, "0");
  return (i.event.iCalUId.slice(0, 32) + date + i.event.iCalUId.slice(40)).toUpperCase();
}

function timesOf(i: Instance, zone: string) {
  if (!i.event.isAllDay) return { start: toDateTimeTimeZone(i.start, zone), end: toDateTimeTimeZone(i.end, zone) };
  // All-day events float: midnight to midnight, whatever zone the caller reads them in.
  const own = ianaZone(i.event.startTimeZone);
  return { start: toFloatingDate(localDate(i.start, own), zone), end: toFloatingDate(localDate(i.end, own), zone) };
}

export function render(sim: Simulator, i: Instance, zone: string): Event {
  const e = i.event;
  const o = i.override ?? {};
  const body = o.body ?? e.body;
  const { start, end } = timesOf(i, zone);
  const occurrence = i.type === "occurrence" || i.type === "exception";
  const changeKey = o.changeKey ?? e.changeKey;
  const event: Event & Record<string, unknown> = {
    "@odata.etag": `W/"${changeKey}"`,
    id: i.id,
    createdDateTime: e.createdDateTime,
    lastModifiedDateTime: o.lastModifiedDateTime ?? e.lastModifiedDateTime,
    changeKey,
    categories: o.categories ?? e.categories,
    ...(e.transactionId ? { transactionId: e.transactionId } : {}),
    originalStartTimeZone: e.startTimeZone,
    originalEndTimeZone: e.endTimeZone,
    iCalUId: iCalUIdOf(i),
    reminderMinutesBeforeStart: e.reminderMinutesBeforeStart,
    isReminderOn: e.isReminderOn,
    hasAttachments: false,
    subject: o.subject ?? e.subject,
    bodyPreview: preview(body),
    importance: e.importance,
    sensitivity: e.sensitivity,
    isAllDay: e.isAllDay,
    isCancelled: o.isCancelled ?? e.isCancelled,
    isOrganizer: e.isOrganizer,
    responseRequested: e.responseRequested,
    seriesMasterId: occurrence ? e.id : null,
    showAs: o.showAs ?? e.showAs,
    type: i.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(i.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider,
    allowNewTimeProposals: e.allowNewTimeProposals,
    isDraft: false,
    hideAttendees: e.hideAttendees,
    ...(occurrence ? { originalStart: i.key!.replace(/\.\d{3}Z$/, "Z") } : {}),
    recurrence: i.type === "seriesMaster" ? e.recurrence! : null,
    onlineMeeting: e.joinUrl ? { joinUrl: e.joinUrl } : null,
    responseStatus: e.responseStatus,
    body,
    start,
    end,
    location: o.location ?? e.location,
    locations: o.locations ?? e.locations,
    attendees: e.attendees,
    organizer: { emailAddress: e.organizer },
  };
  if (e.extendedProperties?.length) (event as Record<symbol, unknown>)[EXTENDED] = e.extendedProperties;
  return event;
}

function preview(body: StoredEvent["body"]): string {
  const text =
    body.contentType === "html"
      ? body.content
          .replace(/<(head|style|script)[\s\S]*?<\/\1>/gi, " ")
          .replace(/<[^>]+>/g, " ")
          .replace(/&nbsp;/g, " ")
          .replace(/&amp;/g, "&")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
      : body.content;
  return text.replace(/\s+/g, " ").trim().slice(0, 255);
}

const EVENT_PROPERTIES = [
  "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "transactionId", "originalStartTimeZone",
  "originalEndTimeZone", "iCalUId", "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments", "subject",
  "bodyPreview", "importance", "sensitivity", "isAllDay", "isCancelled", "isOrganizer", "responseRequested",
  "seriesMasterId", "showAs", "type", "webLink", "onlineMeetingUrl", "isOnlineMeeting", "onlineMeetingProvider",
  "allowNewTimeProposals", "isDraft", "hideAttendees", "originalStart", "recurrence", "onlineMeeting", "responseStatus",
  "body", "start", "end", "location", "locations", "attendees", "organizer",
] as const;

/** `$select` on events: the id and the etag always come along, as in Graph's answers. */
export function selectEvent(event: Event, select: string | null): Event {
  if (select === null) return event;
  const known = new Map(EVENT_PROPERTIES.map((p) => [p.toLowerCase(), p]));
  const out: Record<string, unknown> = { "@odata.etag": (event as Record<string, unknown>)["@odata.etag"], id: event.id };
  for (const raw of select.split(",").map((s) => s.trim()).filter(Boolean)) {
    const name = known.get(raw.toLowerCase());
    if (!name) {
      throw new GraphError(400, "RequestBroker--ParseUri", `Could not find a property named '${raw}' on type 'Microsoft.OutlookServices.Event'.`);
    }
    out[name] = (event as Record<string, unknown>)[name];
  }
  return out as Event;
}

/** `$select` and `$expand` (extended properties) of an answer's event. */
const shapeEvent = (event: Event, query: URLSearchParams): Event =>
  ({ ...selectEvent(event, query.get("$select")), ...expandExtended(event, query.get("$expand")) }) as Event;

// ---------------------------------------------------------------------------------------------------------------
// Reading the body of a create or an update.
// ---------------------------------------------------------------------------------------------------------------

/** Every property of Graph's event type: anything else is refused, as Graph refuses it. */
const KNOWN_PROPERTIES = new Set([
  ...EVENT_PROPERTIES,
  "@odata.type", "@odata.etag", "@odata.context", "attachments", "calendar", "extensions", "instances",
  "exceptionOccurrences", "cancelledOccurrences", "multiValueExtendedProperties", "singleValueExtendedProperties",
]);

function checkProperties(body: Record<string, unknown>) {
  for (const k of Object.keys(body)) {
    if (!KNOWN_PROPERTIES.has(k as never)) {
      throw new GraphError(
        400,
        "RequestBodyRead",
        `The property '${k}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
  }
}

function enumOf<T extends string>(value: unknown, allowed: readonly T[], what: string, fallback: T): T {
  if (value === undefined || value === null) return fallback;
  const found = typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
  if (!found) throw badRequest(`${what} must be one of ${allowed.join(", ")}; got '${String(value)}'.`);
  return found;
}

const SHOW_AS: FreeBusyStatus[] = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"];
const SENSITIVITIES: Sensitivity[] = ["normal", "personal", "private", "confidential"];
const IMPORTANCES: Importance[] = ["low", "normal", "high"];
const PROVIDERS: OnlineMeetingProviderType[] = ["unknown", "skypeForBusiness", "skypeForConsumer", "teamsForBusiness"];
const ATTENDEE_TYPES: AttendeeType[] = ["required", "optional", "resource"];
const BODY_TYPES: BodyType[] = ["text", "html"];

function readBody(value: unknown): StoredEvent["body"] {
  if (value === undefined || value === null) return { contentType: "text", content: "" };
  if (typeof value !== "object") throw badRequest("body must be an itemBody object.");
  const b = value as { contentType?: unknown; content?: unknown };
  const contentType = enumOf(b.contentType, BODY_TYPES, "body.contentType", "text") as "html" | "text";
  const content = typeof b.content === "string" ? b.content : "";
  if (contentType === "html" && !/^\s*<html/i.test(content)) {
    return {
      contentType,
      content: `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n${content}\r\n</body>\r\n</html>\r\n`,
    };
  }
  return { contentType, content };
}

function readLocation(value: unknown): Location {
  const l = (value && typeof value === "object" ? value : {}) as Location;
  const name = typeof l.displayName === "string" ? l.displayName : "";
  return name
    ? { ...l, displayName: name, locationType: l.locationType ?? "default", uniqueId: l.uniqueId ?? name, uniqueIdType: l.uniqueIdType ?? "private" }
    : { displayName: "", locationType: "default", uniqueIdType: "unknown", address: {}, coordinates: {} };
}

function readLocations(value: unknown): Location[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest("locations must be a collection of location objects.");
  return value.map((l) => {
    const r = readLocation(l);
    return r.displayName ? { ...r, uniqueIdType: (l as Location).uniqueIdType ?? "unknown" } : r;
  });
}

function readAttendees(sim: Simulator, value: unknown): Attendee[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest("attendees must be a collection of attendee objects.");
  const seen = new Set<string>();
  const out: Attendee[] = [];
  for (const a of value as Attendee[]) {
    const address = a?.emailAddress?.address;
    if (typeof address !== "string" || !/^[^@\s]+@[^@\s]+$/.test(address)) {
      throw badRequest("Every attendee needs an emailAddress with an address.", "ErrorInvalidRecipients");
    }
    if (seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    const person = sim.dir.byAddress(address);
    out.push({
      type: enumOf(a.type, ATTENDEE_TYPES, "attendees.type", "required"),
      status: { response: "none", time: NO_TIME },
      emailAddress: { name: a.emailAddress?.name ?? person?.displayName ?? address, address },
    });
  }
  return out;
}

interface Times {
  start: number;
  end: number;
  startTimeZone: string;
  endTimeZone: string;
  isAllDay: boolean;
}

function readTimes(body: Event, previous?: Times): Times {
  const startZone = body.start ? (body.start.timeZone ?? "UTC") : previous?.startTimeZone;
  const endZone = body.end ? (body.end.timeZone ?? "UTC") : previous?.endTimeZone;
  if (!startZone || !endZone) throw badRequest("The event needs a start and an end (dateTimeTimeZone).");
  const start = body.start ? fromDateTimeTimeZone(body.start, "start") : previous!.start;
  const end = body.end ? fromDateTimeTimeZone(body.end, "end") : previous!.end;
  const isAllDay = typeof body.isAllDay === "boolean" ? body.isAllDay : (previous?.isAllDay ?? false);
  if (end < start) throw badRequest("The end of the event must not be before its start.");
  if (isAllDay) {
    const zone = ianaZone(startZone);
    const midnight = (t: number) => parseDateTime(`${localDate(t, zone)}T00:00:00`, zone, "start") === t;
    if (ianaZone(endZone) !== zone || !midnight(start) || !midnight(end) || end === start) {
      throw badRequest(
        "An all-day event's start and end must be set to midnight, be in the same time zone, and span at least one day.",
        "ErrorPropertyValidationFailure",
      );
    }
  }
  // Outlook keeps the zone under its Windows name, whatever name it was given.
  return { start, end, startTimeZone: windowsZone(startZone), endTimeZone: windowsZone(endZone), isAllDay };
}

// ---------------------------------------------------------------------------------------------------------------
// Identifiers and Teams meetings.
// ---------------------------------------------------------------------------------------------------------------

export const newEventId = () => `AAMkAG${randomBytes(33).toString("base64url")}`;
export const seedEventId = (key: string) => `AAMkAG${createHash("sha256").update(key).digest("base64url").slice(0, 44)}`;
export const newChangeKey = () => randomBytes(16).toString("base64");

/** Outlook's GlobalObjectId shape: class id, instance date (zero for a series), creation FILETIME, a GUID. */
export function newICalUId(created: number, guid: string = randomUUID()): string {
  let filetime = (BigInt(created) + 11_644_473_600_000n) * 10_000n;
  let little = "";
  for (let i = 0; i < 8; i++) {
    little += Number(filetime & 0xffn).toString(16).padStart(2, "0");
    filetime >>= 8n;
  }
  return `040000008200E00074C5B7101A82E00800000000${little}000000000000000010000000${guid.replaceAll("-", "")}`.toUpperCase();
}

/** The online meeting providers of a mailbox's calendar: Teams unless a test said otherwise. */
export const onlineMeetingProviders = (sim: Simulator, owner: Mailbox): string[] =>
  sim.calendarSettings.get(owner.id.toLowerCase())?.allowedOnlineMeetingProviders ?? ["teamsForBusiness"];
const teamsAllowed = (sim: Simulator, owner: Mailbox) => onlineMeetingProviders(sim, owner).includes("teamsForBusiness");

export function teamsJoinUrl(tenantId: string, organizerId: string, meeting: string = randomUUID()): string {
  const thread = Buffer.from(meeting).toString("base64").replace(/=+$/, "");
  return (
    `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0` +
    `?context=%7b%22Tid%22%3a%22${tenantId}%22%2c%22Oid%22%3a%22${organizerId}%22%7d`
  );
}

/** Exchange adds the join details to the invitation's body; so does the simulator. */
function withTeamsBlurb(body: StoredEvent["body"], joinUrl: string): StoredEvent["body"] {
  const blurb =
    `<div style="width:100%"><span style="white-space:nowrap;color:#5F5F5F;opacity:.36">________________________________________________________________________________</span></div>` +
    `<div class="me-email-text" style="color:#252424;font-family:'Segoe UI','Helvetica Neue',Helvetica,Arial,sans-serif">` +
    `<div style="margin-top:24px;margin-bottom:20px"><span style="font-size:24px;color:#252424">Microsoft Teams meeting</span></div>` +
    `<div style="margin-bottom:20px"><a class="me-email-headline" href="${joinUrl}" target="_blank" rel="noreferrer noopener">Join the meeting now</a></div></div>`;
  if (body.contentType === "text") return { contentType: "text", content: `${body.content}\r\n\r\nMicrosoft Teams meeting\r\nJoin the meeting now: ${joinUrl}` };
  return { contentType: "html", content: body.content.replace(/<\/body>/i, `${blurb}\r\n</body>`) };
}

// ---------------------------------------------------------------------------------------------------------------
// Create.
// ---------------------------------------------------------------------------------------------------------------

export function createEvent(sim: Simulator, owner: Mailbox, input: unknown): { event: StoredEvent; created: boolean } {
  if (!input || typeof input !== "object" || Array.isArray(input)) throw badRequest("The request body must be an event object.");
  const body = input as Event;
  checkProperties(body as Record<string, unknown>);

  // transactionId: the same organizer sending the same create twice gets the event of the first one; another
  // create under the same transactionId is refused, as Outlook refuses it.
  const transactionBody = typeof body.transactionId === "string" && body.transactionId ? hashOf(body) : undefined;
  if (transactionBody) {
    const existing = sim.store.ofOwner(owner.id).find((e) => e.isOrganizer && e.transactionId === body.transactionId);
    if (existing && existing.transactionBody !== undefined && existing.transactionBody !== transactionBody) {
      throw new GraphError(
        400,
        "ErrorDuplicateTransactionId",
        `An item was already created with the transactionId '${body.transactionId}' by a different request.`,
      );
    }
    if (existing) return { event: existing, created: false };
  }

  const times = readTimes(body);
  const now = sim.now();
  const nowIso = new Date(now).toISOString();
  const attendees = readAttendees(sim, body.attendees).filter((a) => a.emailAddress?.address?.toLowerCase() !== owner.mail.toLowerCase());
  const provider = enumOf(body.onlineMeetingProvider, PROVIDERS, "onlineMeetingProvider", "unknown");
  // A calendar that does not allow Teams meetings still gets the event, without an online meeting.
  const online = body.isOnlineMeeting === true && (provider === "teamsForBusiness" || provider === "unknown") && teamsAllowed(sim, owner);
  const joinUrl = online ? teamsJoinUrl(sim.dir.tenantId, owner.id) : undefined;
  const readBodyValue = readBody(body.body);
  const locations = readLocations(body.locations);
  const location =
    body.location !== undefined && body.location !== null
      ? readLocation(body.location)
      : readLocation({ displayName: locations.map((l) => l.displayName).filter(Boolean).join("; ") });

  const event: StoredEvent = {
    id: newEventId(),
    ownerId: owner.id,
    iCalUId: newICalUId(now),
    organizer: { name: owner.displayName, address: owner.mail },
    isOrganizer: true,
    ...(transactionBody ? { transactionId: body.transactionId!, transactionBody } : {}),
    createdDateTime: nowIso,
    lastModifiedDateTime: nowIso,
    changeKey: newChangeKey(),
    subject: typeof body.subject === "string" ? body.subject : "",
    body: joinUrl ? withTeamsBlurb(readBodyValue, joinUrl) : readBodyValue,
    start: new Date(times.start).toISOString(),
    end: new Date(times.end).toISOString(),
    startTimeZone: times.startTimeZone,
    endTimeZone: times.endTimeZone,
    isAllDay: times.isAllDay,
    showAs: enumOf(body.showAs, SHOW_AS, "showAs", "busy"),
    sensitivity: enumOf(body.sensitivity, SENSITIVITIES, "sensitivity", "normal"),
    importance: enumOf(body.importance, IMPORTANCES, "importance", "normal"),
    categories: readCategories(body.categories),
    location,
    locations: locations.length ? locations : location.displayName ? [{ ...location, uniqueIdType: "unknown" }] : [],
    attendees,
    responseStatus: { response: "organizer", time: NO_TIME },
    isOnlineMeeting: online,
    onlineMeetingProvider: online ? "teamsForBusiness" : provider,
    ...(joinUrl ? { joinUrl } : {}),
    isReminderOn: typeof body.isReminderOn === "boolean" ? body.isReminderOn : true,
    reminderMinutesBeforeStart: typeof body.reminderMinutesBeforeStart === "number" ? body.reminderMinutesBeforeStart : 15,
    allowNewTimeProposals: typeof body.allowNewTimeProposals === "boolean" ? body.allowNewTimeProposals : true,
    responseRequested: typeof body.responseRequested === "boolean" ? body.responseRequested : true,
    hideAttendees: body.hideAttendees === true,
    isCancelled: false,
    exceptions: {},
    deletedOccurrences: [],
  };
  const extended = readExtendedProperties((body as Record<string, unknown>).singleValueExtendedProperties);
  if (extended.length) event.extendedProperties = extended;
  if (body.recurrence) {
    event.recurrence = normalizeRecurrence(body.recurrence, localDate(times.start, ianaZone(times.startTimeZone)));
  }
  sim.store.put(event);
  syncCopies(sim, event, { rescheduled: true });
  return { event, created: true };
}

/** A hash of a JSON body whatever the order of its properties. */
function hashOf(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
        : v;
  return createHash("sha256").update(JSON.stringify(canonical(value))).digest("base64url");
}

function readCategories(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((c) => typeof c !== "string")) throw badRequest("categories must be a collection of strings.");
  return value as string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Attendees' copies: the meeting as it appears in each attendee's calendar, kept in step with the organizer's.
// ---------------------------------------------------------------------------------------------------------------

const attendeeIds = (sim: Simulator, e: StoredEvent) =>
  new Set(
    e.attendees
      .filter((a) => a.type !== "resource")
      .map((a) => sim.dir.byAddress(a.emailAddress?.address)?.id)
      .filter((id): id is string => !!id && id !== e.ownerId),
  );

export const copiesOf = (sim: Simulator, organizerEvent: StoredEvent) =>
  sim.store.byICalUId(organizerEvent.iCalUId).filter((c) => c.id !== organizerEvent.id && !c.isOrganizer);

/**
 * After the organizer created or changed a meeting: every attendee who is a person of the organisation has a
 * copy (created as Exchange does, not yet answered and shown as tentative); copies of people no longer invited
 * are cancelled. `rescheduled` (a new time) asks attendees to answer again.
 */
export function syncCopies(sim: Simulator, e: StoredEvent, change: { rescheduled: boolean }) {
  const invited = attendeeIds(sim, e);
  const nowIso = new Date(sim.now()).toISOString();
  const copies = copiesOf(sim, e);
  for (const copy of copies) {
    if (invited.has(copy.ownerId)) continue;
    if (!copy.isCancelled) sim.store.put({ ...copy, isCancelled: true, lastModifiedDateTime: nowIso, changeKey: newChangeKey() });
  }
  for (const ownerId of invited) {
    const existing = copies.find((c) => c.ownerId === ownerId);
    const exceptions: Record<string, OccurrenceOverride> = {};
    for (const [key, o] of Object.entries(e.exceptions)) {
      const { showAs: _s, categories: _c, ...shared } = o;
      exceptions[key] = { ...existing?.exceptions[key], ...shared };
    }
    for (const key of e.deletedOccurrences) exceptions[key] = { ...exceptions[key], isCancelled: true };
    const answerAgain = !existing || change.rescheduled;
    const copy: StoredEvent = {
      ...e,
      id: existing?.id ?? newEventId(),
      ownerId,
      isOrganizer: false,
      createdDateTime: existing?.createdDateTime ?? nowIso,
      lastModifiedDateTime: nowIso,
      changeKey: newChangeKey(),
      categories: existing?.categories ?? [],
      showAs: answerAgain ? (e.showAs === "busy" ? "tentative" : e.showAs) : existing.showAs,
      responseStatus: answerAgain ? { response: "notResponded", time: NO_TIME } : existing.responseStatus,
      isReminderOn: existing?.isReminderOn ?? true,
      reminderMinutesBeforeStart: existing?.reminderMinutesBeforeStart ?? 15,
      exceptions,
      deletedOccurrences: existing?.deletedOccurrences ?? [],
    };
    delete copy.transactionId;
    delete copy.transactionBody;
    if (existing?.extendedProperties) copy.extendedProperties = existing.extendedProperties;
    else delete copy.extendedProperties;
    sim.store.put(copy);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Update, delete, cancel, respond.
// ---------------------------------------------------------------------------------------------------------------

const OCCURRENCE_FIELDS = new Set(["start", "end", "subject", "body", "location", "locations", "showAs", "categories", "@odata.type"]);

export function updateEvent(sim: Simulator, owner: Mailbox, id: string, input: unknown): Instance {
  if (!input || typeof input !== "object" || Array.isArray(input)) throw badRequest("The request body must be an event object.");
  const body = input as Event;
  checkProperties(body as Record<string, unknown>);
  if ("transactionId" in body) throw badRequest("transactionId can't be changed after the event is created.", "ErrorInvalidPropertyUpdate");
  const target = findInstance(sim, owner, id);
  const nowIso = new Date(sim.now()).toISOString();
  const e = target.event;

  if (target.key) {
    // One occurrence of a series: the change becomes an exception kept on the master.
    for (const k of Object.keys(body)) {
      if (!OCCURRENCE_FIELDS.has(k)) throw badRequest(`'${k}' can't be changed on a single occurrence; change the series master.`);
    }
    const previous = { start: target.start, end: target.end, startTimeZone: e.startTimeZone, endTimeZone: e.endTimeZone, isAllDay: e.isAllDay };
    const times = body.start || body.end ? readTimes(body, previous) : undefined;
    const override: OccurrenceOverride = {
      ...e.exceptions[target.key],
      ...(times ? { start: new Date(times.start).toISOString(), end: new Date(times.end).toISOString() } : {}),
      ...(typeof body.subject === "string" ? { subject: body.subject } : {}),
      ...(body.body ? { body: readBody(body.body) } : {}),
      ...(body.location !== undefined ? { location: readLocation(body.location) } : {}),
      ...(body.locations !== undefined ? { locations: readLocations(body.locations) } : {}),
      ...(body.showAs ? { showAs: enumOf(body.showAs, SHOW_AS, "showAs", "busy") } : {}),
      ...(body.categories !== undefined ? { categories: readCategories(body.categories) } : {}),
      lastModifiedDateTime: nowIso,
      changeKey: newChangeKey(),
    };
    const master = { ...e, exceptions: { ...e.exceptions, [target.key]: override } };
    sim.store.put(master);
    if (master.isOrganizer) syncCopies(sim, master, { rescheduled: false });
    return findInstance(sim, owner, id);
  }

  const times = body.start || body.end || body.isAllDay !== undefined ? readTimes(body, {
          start: ms(e.start),
          end: ms(e.end),
          startTimeZone: e.startTimeZone,
          endTimeZone: e.endTimeZone,
          isAllDay: e.isAllDay,
        }) : undefined;
  const next: StoredEvent = { ...e, lastModifiedDateTime: nowIso, changeKey: newChangeKey() };
  if (times) {
    Object.assign(next, {
      start: new Date(times.start).toISOString(),
      end: new Date(times.end).toISOString(),
      startTimeZone: times.startTimeZone,
      endTimeZone: times.endTimeZone,
      isAllDay: times.isAllDay,
    });
  }
  if (typeof body.subject === "string") next.subject = body.subject;
  if (body.body) next.body = e.joinUrl ? withTeamsBlurb(readBody(body.body), e.joinUrl) : readBody(body.body);
  if (body.location !== undefined) next.location = readLocation(body.location);
  if (body.locations !== undefined) next.locations = readLocations(body.locations);
  if (body.showAs) next.showAs = enumOf(body.showAs, SHOW_AS, "showAs", "busy");
  if (body.sensitivity) next.sensitivity = enumOf(body.sensitivity, SENSITIVITIES, "sensitivity", "normal");
  if (body.importance) next.importance = enumOf(body.importance, IMPORTANCES, "importance", "normal");
  if (body.categories !== undefined) next.categories = readCategories(body.categories);
  if (typeof body.isReminderOn === "boolean") next.isReminderOn = body.isReminderOn;
  if (typeof body.reminderMinutesBeforeStart === "number") next.reminderMinutesBeforeStart = body.reminderMinutesBeforeStart;
  if (typeof body.hideAttendees === "boolean") next.hideAttendees = body.hideAttendees;
  if (typeof body.allowNewTimeProposals === "boolean") next.allowNewTimeProposals = body.allowNewTimeProposals;
  if (body.attendees !== undefined) {
    const previous = new Map(e.attendees.map((a) => [a.emailAddress?.address?.toLowerCase(), a]));
    next.attendees = readAttendees(sim, body.attendees)
      .filter((a) => a.emailAddress?.address?.toLowerCase() !== owner.mail.toLowerCase())
      .map((a) => ({ ...a, status: previous.get(a.emailAddress?.address?.toLowerCase())?.status ?? a.status }));
  }
  // Once online, a meeting stays online (Graph ignores later changes to isOnlineMeeting).
  if (body.isOnlineMeeting === true && !e.joinUrl && e.isOrganizer && teamsAllowed(sim, owner)) {
    next.isOnlineMeeting = true;
    next.onlineMeetingProvider = "teamsForBusiness";
    next.joinUrl = teamsJoinUrl(sim.dir.tenantId, owner.id);
    next.body = withTeamsBlurb(next.body, next.joinUrl);
  }
  if (body.recurrence !== undefined) {
    if (body.recurrence === null) delete next.recurrence;
    else next.recurrence = normalizeRecurrence(body.recurrence, localDate(Date.parse(next.start), ianaZone(next.startTimeZone)));
  }
  const rescheduled =
    next.start !== e.start || next.end !== e.end || JSON.stringify(next.recurrence) !== JSON.stringify(e.recurrence);
  if (rescheduled && next.recurrence) {
    // A series moved or re-patterned loses its exceptions, as in Outlook.
    next.exceptions = {};
    next.deletedOccurrences = [];
  }
  if (rescheduled && next.isOrganizer) {
    next.attendees = next.attendees.map((a) => ({ ...a, status: { response: "none", time: NO_TIME } }));
  }
  sim.store.put(next);
  if (next.isOrganizer) syncCopies(sim, next, { rescheduled });
  return asInstance(next);
}

/** The organizer cancels: the organizer's item goes, attendees' copies show as cancelled. */
export function cancelEvent(sim: Simulator, owner: Mailbox, id: string) {
  const target = findInstance(sim, owner, id);
  if (!target.event.isOrganizer) {
    throw new GraphError(400, "ErrorAccessDenied", "Your request can't be completed. You need to be an organizer to cancel a meeting.");
  }
  removeInstance(sim, target);
}

export function deleteEvent(sim: Simulator, owner: Mailbox, id: string) {
  removeInstance(sim, findInstance(sim, owner, id));
}

function removeInstance(sim: Simulator, target: Instance) {
  const e = target.event;
  const nowIso = new Date(sim.now()).toISOString();
  if (target.key) {
    const exceptions = { ...e.exceptions };
    delete exceptions[target.key];
    const master = { ...e, exceptions, deletedOccurrences: [...e.deletedOccurrences, target.key] };
    sim.store.put(master);
    if (e.isOrganizer) syncCopies(sim, master, { rescheduled: false });
    else answerOrganizer(sim, e, e.ownerId, "declined");
    return;
  }
  sim.store.remove(e.id);
  if (e.isOrganizer) {
    for (const copy of copiesOf(sim, e)) {
      sim.store.put({ ...copy, isCancelled: true, lastModifiedDateTime: nowIso, changeKey: newChangeKey() });
    }
  } else {
    answerOrganizer(sim, e, e.ownerId, "declined");
  }
}

/** Records an attendee's answer in the organizer's item. */
function answerOrganizer(sim: Simulator, copy: StoredEvent, attendeeId: string, response: "accepted" | "tentativelyAccepted" | "declined") {
  const organizer = sim.store.byICalUId(copy.iCalUId).find((e) => e.isOrganizer);
  const attendee = sim.dir.find(attendeeId);
  if (!organizer || !attendee?.mail) return;
  const address = attendee.mail.toLowerCase();
  const time = new Date(sim.now()).toISOString();
  sim.store.put({
    ...organizer,
    attendees: organizer.attendees.map((a) =>
      a.emailAddress?.address?.toLowerCase() === address ? { ...a, status: { response, time } } : a,
    ),
  });
}

/** accept, tentativelyAccept, decline: on an attendee's copy (an occurrence answers for its series). */
export function respond(sim: Simulator, owner: Mailbox, id: string, action: "accept" | "tentativelyAccept" | "decline") {
  const copy = findInstance(sim, owner, id).event;
  if (copy.isOrganizer) {
    throw new GraphError(400, "ErrorInvalidRequest", "Your request can't be completed. You can't respond to a meeting you organized.");
  }
  const response = action === "accept" ? "accepted" : action === "decline" ? "declined" : "tentativelyAccepted";
  const time = new Date(sim.now()).toISOString();
  const organizer = sim.store.byICalUId(copy.iCalUId).find((e) => e.isOrganizer);
  if (response === "declined") sim.store.remove(copy.id);
  else {
    sim.store.put({
      ...copy,
      responseStatus: { response, time },
      showAs: response === "accepted" ? (organizer?.showAs ?? "busy") : "tentative",
      changeKey: newChangeKey(),
      lastModifiedDateTime: time,
    });
  }
  answerOrganizer(sim, copy, owner.id, response);
}

// ---------------------------------------------------------------------------------------------------------------
// Lists: events, calendarView, instances; paged as Graph pages them.
// ---------------------------------------------------------------------------------------------------------------

function window(query: URLSearchParams): { from: number; to: number } {
  const start = query.get("startDateTime") ?? query.get("StartDateTime");
  const end = query.get("endDateTime") ?? query.get("EndDateTime");
  if (!start || !end) {
    throw new GraphError(
      400,
      "ErrorInvalidParameter",
      "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.",
    );
  }
  // Without an offset these are UTC, whatever Prefer says (Graph's calendarView documentation).
  const from = parseDateTime(start, "UTC", "startDateTime");
  const to = parseDateTime(end, "UTC", "endDateTime");
  if (to <= from) throw badRequest("endDateTime must be after startDateTime.", "ErrorInvalidParameter");
  return { from, to };
}

function page(sim: Simulator, req: UserRequest, path: string, items: Event[], context: string, defaultTop: number, maxTop: number) {
  const top = parseTop(req.query.get("$top"), defaultTop, maxTop);
  const skip = Number(req.query.get("$skip") ?? 0);
  if (!Number.isInteger(skip) || skip < 0) throw badRequest(`Invalid value '${req.query.get("$skip")}' for $skip.`, "ErrorInvalidParameter");
  const value = items.slice(skip, skip + top).map((e) => shapeEvent(e, req.query));
  const body: Record<string, unknown> = { "@odata.context": `${sim.baseUrl()}/$metadata#${context}`, value };
  if (skip + top < items.length) {
    const next = new URLSearchParams(req.query);
    next.set("$top", String(top));
    next.set("$skip", String(skip + top));
    body["@odata.nextLink"] = `${sim.baseUrl()}${path}?${next.toString().replaceAll("%24", "$")}`;
  }
  return body;
}

export function calendarView(sim: Simulator, req: UserRequest) {
  const { from, to } = window(req.query);
  const items = sim.store
    .ofOwner(req.user.id)
    .flatMap((e) => instancesOf(e, from, to))
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((i) => render(sim, i, req.zone));
  return page(sim, req, `/users/${req.user.id}/calendarView`, items, `users('${req.user.id}')/calendarView`, 10, 1000);
}

export function instances(sim: Simulator, req: UserRequest, id: string) {
  const { from, to } = window(req.query);
  const target = findInstance(sim, req.user, id);
  if (target.key) throw badRequest("The event is an occurrence; list the instances of its series master.");
  const items = instancesOf(target.event, from, to)
    .filter((i) => i.key)
    .sort((a, b) => a.start - b.start)
    .map((i) => render(sim, i, req.zone));
  return page(sim, req, `/users/${req.user.id}/events/${id}/instances`, items, `users('${req.user.id}')/events('${id}')/instances`, 10, 1000);
}

export function listEvents(sim: Simulator, req: UserRequest) {
  const keep = eventFilter(req.query.get("$filter"));
  const items = sim.store
    .ofOwner(req.user.id)
    .filter(keep)
    .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime) || a.id.localeCompare(b.id))
    .map((e) => render(sim, asInstance(e), req.zone));
  return page(sim, req, `/users/${req.user.id}/events`, items, `users('${req.user.id}')/events`, 10, 1000);
}

/** `$filter` on events, the forms a booking client needs: iCalUId, subject, type, categories/any, joined by `and`. */
function eventFilter(filter: string | null): (e: StoredEvent) => boolean {
  if (!filter?.trim()) return () => true;
  const tests = filter.split(/\s+and\s+/i).map((clause): ((e: StoredEvent) => boolean) => {
    let m = /^\s*(iCalUId|subject|type|transactionId)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(clause);
    if (m) {
      const value = m[2]!.replaceAll("''", "'");
      switch (m[1]!.toLowerCase()) {
        case "icaluid":
          return (e) => e.iCalUId === value;
        case "subject":
          return (e) => e.subject === value;
        case "transactionid":
          return (e) => e.transactionId === value;
        default:
          return (e) => (e.recurrence ? "seriesMaster" : "singleInstance") === value;
      }
    }
    m = /^\s*categories\/any\(\s*(\w+)\s*:\s*\1\s+eq\s+'((?:[^']|'')*)'\s*\)\s*$/i.exec(clause);
    if (m) {
      const value = m[2]!.replaceAll("''", "'");
      return (e) => e.categories.includes(value);
    }
    throw new GraphError(400, "ErrorInvalidUrlQueryFilter", `The simulator does not support this $filter clause: '${clause.trim()}'.`);
  });
  return (e) => tests.every((t) => t(e));
}

export function singleEvent(sim: Simulator, req: UserRequest, i: Instance): Event {
  const event = shapeEvent(render(sim, i, req.zone), req.query);
  return { "@odata.context": `${sim.baseUrl()}/$metadata#users('${req.user.id}')/events/$entity`, ...event } as Event;
}

export function created(sim: Simulator, req: UserRequest, e: StoredEvent): GraphResponse {
  return { status: 201, body: singleEvent(sim, req, asInstance(e)) };
}
