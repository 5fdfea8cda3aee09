import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import type { Session } from "@tandem/core";
import SessionsView from "../src/features/sessions/SessionsView";
import { fakeApi, meOf, profileOf, renderView } from "./render";

const me = meOf(profileOf({ programRoles: ["mentee"], offers: [] }));
const mentor = "5d7c3f0a-1b2e-4c3d-8e9f-0a1b2c3d4e70";
const tandemId = "5d7c3f0a-1b2e-4c3d-8e9f-0a1b2c3d4e5f";
const at = "2026-11-01T09:00:00.000Z";
/** A year ahead of any run: still to come. */
const future = (day: number) => `${new Date().getUTCFullYear() + 1}-03-${String(day).padStart(2, "0")}T14:00:00.000Z`;
const sessionOf = (n: number, overrides: Partial<Session>): Session => ({
  id: `5d7c3f0a-1b2e-4c3d-8e9f-0a1b2c3d4e6${n}`,
  tandemId,
  start: future(10 + n),
  end: future(10 + n).replace("T14:00", "T14:45"),
  timeZone: "Europe/Paris",
  graphEventId: "AAMkAGI2TG93AAA=",
  iCalUId: "040000008200E00074C5B7101A82E008000000001",
  joinUrl: null,
  teamsMeetingUnavailable: false,
  recurrence: null,
  seriesId: null,
  status: "scheduled",
  createdAt: at,
  updatedAt: at,
  ...overrides,
});

function sessionsApi(items: Session[]) {
  return fakeApi({
    listTandems: () => ({
      items: [
        {
          id: tandemId,
          kind: "tandem",
          cycleId: "5d7c3f0a-1b2e-4c3d-8e9f-0a1b2c3d4e80",
          mentorId: mentor,
          menteeIds: [me.id],
          status: "active",
          acceptedBy: [mentor, me.id],
          history: [],
          createdAt: at,
          updatedAt: at,
          etag: 'W/"tandem"',
          members: [
            { id: mentor, displayName: "Lucas Martin", role: "mentor", timeZone: "Europe/Paris", mail: "lucas.martin@brisemer.example" },
            { id: me.id, displayName: me.displayName, role: "mentee", timeZone: "America/Toronto", mail: "someone@brisemer.example" },
          ],
          allowedActions: ["pause", "complete"],
          myRelation: "mentee",
        },
      ],
    }),
    listSessions: () => ({ items: items.map((s) => ({ ...s, etag: `W/"${s.id}"` })) }),
  });
}

describe("the sessions to come", () => {
  it("offers the Teams link of a session that has one, and says so of one booked where Teams meetings are not allowed", async () => {
    const teams = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_tandem%40thread.v2/0";
    renderView(<SessionsView />, {
      fake: sessionsApi([sessionOf(1, { joinUrl: teams }), sessionOf(2, { teamsMeetingUnavailable: true })]),
      me,
    });
    const links = await screen.findAllByRole("link", { name: "Join in Teams" });
    expect(links.map((l) => l.getAttribute("href"))).toEqual([teams]);
    expect(screen.getByText(/^No Teams meeting: the organizer's Outlook calendar does not allow Teams meetings/)).toBeTruthy();
  });

  it("says it in French too", async () => {
    renderView(<SessionsView />, { fake: sessionsApi([sessionOf(1, { teamsMeetingUnavailable: true })]), me, locale: "fr-FR" });
    expect(await screen.findByText(/^Pas de réunion Teams : le calendrier Outlook de l'organisateur/)).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Rejoindre dans Teams" })).toBeNull();
  });
});

