import {
  TandemError,
  membersOf,
  sessionAgenda,
  type BookingInput,
  type Calendar,
  type DirectoryPerson,
  type LearningGoal,
  type NewMeeting,
  type Profile,
  type Tandem,
  type Versioned,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";

/** The Outlook category of every meeting Tandem books: people can colour and filter them. */
export const CATEGORY = "Tandem";

/** A member as booking needs them: their mail address is what Outlook invites. */
export interface Person {
  id: string;
  displayName: string;
  mail: string;
  timeZone?: string | null;
  preferredLanguage?: DirectoryPerson["preferredLanguage"];
}

/**
 * Everyone of the tandem as the synced directory knows them (one point read each): their mail is what Outlook
 * invites. Someone the directory does not know, or knows without a mail, cannot be invited: said before any Graph call.
 */
export async function peopleOf(deps: Deps, caller: Caller, t: Tandem): Promise<Person[]> {
  const ids = membersOf(t);
  const known = await Promise.all(ids.map((id) => deps.directory.person(caller.tenantId, id)));
  return ids.map((id, i) => {
    const k = known[i];
    if (!k?.mail) {
      const who = k?.displayName || "A member";
      throw new TandemError(
        "conflict",
        `${who} has no mail address in the organisation's directory (Microsoft Entra ID), so Tandem cannot invite them. An administrator can add one; the next directory sync brings it.`,
      );
    }
    return { ...k, mail: k.mail };
  });
}

/** The caller's zone: what they asked for, their Tandem profile's, the directory's, or else their mailbox's. */
export async function zoneOf(profile: Versioned<Profile> | null, me: Person | undefined, calendar: Calendar, requested?: string) {
  return requested ?? profile?.value.timeZone ?? me?.timeZone ?? (await calendar.mailboxTimeZone());
}

/**
 * The one meeting Tandem creates in Outlook, for a booking or a series moved: organized by the caller, every other
 * member invited, the Tandem category, and as agenda the goals still open, in the organizer's language.
 */
export function newMeeting(
  caller: Caller,
  m: {
    tandem: Tandem;
    people: Person[];
    goals: Versioned<LearningGoal>[];
    slot: { start: string; end: string };
    timeZone: string;
    recurrence: BookingInput["recurrence"];
    transactionId: string;
  },
): NewMeeting {
  const name = (id: string) => m.people.find((p) => p.id === id)?.displayName ?? "";
  const me = m.people.find((p) => p.id === caller.userId);
  const text = sessionAgenda({
    language: me?.preferredLanguage ?? "en",
    kind: m.tandem.kind,
    mentor: name(m.tandem.mentorId),
    mentees: m.tandem.menteeIds.map(name),
    goals: m.goals
      .map((g) => g.value)
      .filter((g) => g.status === "not_started" || g.status === "in_progress")
      .map((g) => ({ title: g.title, successCriterion: g.successCriterion, mentee: name(g.menteeId), targetDate: g.targetDate })),
  });
  return {
    ...text,
    start: m.slot.start,
    end: m.slot.end,
    timeZone: m.timeZone,
    attendees: m.people.filter((p) => p.id !== caller.userId).map((p) => ({ address: p.mail, name: p.displayName })),
    category: CATEGORY,
    transactionId: m.transactionId,
    recurrence: m.recurrence,
    tandemId: m.tandem.id,
  };
}

/** Idempotent: what the add-in (meeting context) finds a meeting by, its iCalUId's key and the organizer's id. */
export const indexMeeting = (
  deps: Deps,
  caller: Caller,
  event: { matchKey: string; eventId: string },
  target: { tandemId: string; sessionId: string | null; seriesId: string | null },
) => deps.repos.eventIndex.put(caller.tenantId, [{ iCalUId: event.matchKey }, { eventId: event.eventId }], target);
