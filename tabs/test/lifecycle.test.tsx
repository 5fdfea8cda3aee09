import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import type { SessionView, TandemView } from "@tandem/core";
import { HomeView } from "../src/features/home/HomeView";
import { fakeApi, meOf, profileOf, renderView } from "./render";
import { people } from "./matching-data";

const mentor = profileOf({ id: people.nina.id, displayName: "Nina Lopez", programRoles: ["mentor"], trainingCompleted: [], requests: [] });

const active = (overrides: Partial<TandemView> = {}): TandemView => ({
  id: "7e0c4d1e-0000-4000-8000-000000000002",
  kind: "tandem",
  cycleId: "31636c97-69dc-4ce3-b00c-fa4ca4063380",
  mentorId: people.nina.id,
  menteeIds: [people.denis.id],
  status: "active",
  acceptedBy: [people.nina.id, people.denis.id],
  history: [],
  createdAt: "2026-10-02T07:05:00.000Z",
  updatedAt: "2026-10-02T07:05:00.000Z",
  etag: 'W/"t2"',
  members: [
    { id: people.nina.id, displayName: "Nina Lopez", role: "mentor", timeZone: "Europe/Paris", mail: null },
    { id: people.denis.id, displayName: "Denis Fabre", role: "mentee", timeZone: "Europe/Paris", mail: null },
  ],
  allowedActions: ["pause", "complete"],
  myRelation: "mentor",
  ...overrides,
});

/** Ahead of any run: still to come. */
const ahead = (day: number, bookedBy: string): SessionView => {
  const start = `${new Date().getUTCFullYear() + 1}-03-${String(day).padStart(2, "0")}T14:00:00.000Z`;
  return {
    id: `7e0c4d1e-0000-4000-8000-0000000001${String(day).padStart(2, "0")}`,
    tandemId: active().id,
    start,
    end: start.replace("T14:00", "T14:45"),
    timeZone: "Europe/Paris",
    graphEventId: null,
    iCalUId: null,
    joinUrl: null,
    teamsMeetingUnavailable: false,
    recurrence: null,
    seriesId: null,
    status: "scheduled",
    createdAt: "2026-10-02T07:05:00.000Z",
    updatedAt: "2026-10-02T07:05:00.000Z",
    bookedBy,
    etag: `W/"s${day}"`,
  };
};

function api(sessions: SessionView[]) {
  return fakeApi({
    listTandems: () => ({ items: [active()] }),
    listGoals: () => ({ items: [] }),
    listSessions: () => ({ items: sessions }),
    transitionTandem: () => active({ status: "completed", allowedActions: [] }),
  });
}

describe("ending a tandem from Home", () => {
  it("asks first in French, says which booked sessions stay and whose, and cancels mine only when left checked", async () => {
    const fake = api([ahead(10, people.nina.id), ahead(17, people.nina.id), ahead(24, people.denis.id)]);
    const { user } = renderView(<HomeView />, { fake, me: meOf(mentor), locale: "fr-FR" });
    const card = await screen.findByRole("group", { name: "Denis Fabre" });
    await user.click(within(card).getByRole("button", { name: "Marquer comme terminé" }));

    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByRole("heading", { name: "Terminer le tandem\u202f?" })).toBeTruthy();
    expect(await within(dialog).findByText("3 séances à venir restent dans l'agenda Outlook de chacun, sauf si elles sont annulées.")).toBeTruthy();
    // Testing Library reads the narrow no-break space before ":" as a space.
    expect(within(dialog).getByText(/^Réservée par Denis Fabre : 1 séance\./)).toBeTruthy();
    const cancelMine = within(dialog).getByRole("checkbox", { name: /^Annuler les 2 séances que j'ai réservées/ });
    expect((cancelMine as HTMLInputElement).checked).toBe(true);
    expect(fake.callsTo("transitionTandem")).toHaveLength(0);

    await user.click(cancelMine);
    await user.type(within(dialog).getByRole("textbox", { name: /^Pourquoi/ }), "Objectifs atteints");
    fake.on("listTandems", () => ({ items: [active({ status: "completed", allowedActions: [] })] }));
    await user.click(within(dialog).getByRole("button", { name: "Terminer" }));
    await screen.findByText("Terminé");
    expect(fake.callsTo("transitionTandem").map((c) => [c.input.body, c.input.ifMatch])).toEqual([[{ action: "complete", reason: "Objectifs atteints" }, 'W/"t2"']]);
  });

  it("sends the cancellation of my sessions to come with the pause when I keep it checked", async () => {
    const fake = api([ahead(10, people.nina.id)]);
    fake.on("transitionTandem", () => active({ status: "paused", allowedActions: ["resume", "complete"] }));
    const { user } = renderView(<HomeView />, { fake, me: meOf(mentor) });
    const card = await screen.findByRole("group", { name: "Denis Fabre" });
    await user.click(within(card).getByRole("button", { name: "Pause" }));
    const dialog = await screen.findByRole("dialog");
    await within(dialog).findByRole("checkbox", { name: /^Cancel the session I booked/ });
    fake.on("listTandems", () => ({ items: [active({ status: "paused", allowedActions: ["resume", "complete"] })] }));
    await user.click(within(dialog).getByRole("button", { name: "Pause" }));
    await screen.findByText("Paused");
    expect(fake.callsTo("transitionTandem")[0]!.input.body).toEqual({ action: "pause", cancelUpcoming: true });
  });
});
