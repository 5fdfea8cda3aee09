import { describe, expect, it } from "vitest";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import type { ResponseOf, api } from "@tandem/core";
import { ApiError } from "@tandem/ui";
import { Shell } from "../src/app/Shell";
import { MeetingView } from "../src/features/meeting/MeetingView";
import type { OutlookItem } from "../src/platform/office";
import { cycles, fakeApi, goals, ids, renderView, sessionOf, tandemOf } from "./render";

type Context = ResponseOf<typeof api.meetingContext>;

const EVENT = "AAMkAGI2TG93AAA=";
const meeting: OutlookItem = { itemType: "appointment", mode: "read", eventId: EVENT, categories: ["Tandem"], subject: "Tandem", from: null };

const context = (overrides: Partial<Context> = {}): Context => ({
  tandem: tandemOf(),
  session: sessionOf({ start: "2026-11-30T09:00:00.000Z", end: "2026-11-30T09:45:00.000Z" }),
  goals: goals().items,
  lastCheckIns: [
    {
      sessionId: ids.previous,
      personId: ids.mathieu,
      learned: "Les sondages se lancent depuis la conversation de la réunion.",
      willTry: "Un sondage lundi en réunion d'équipe.",
      rating: 4,
      createdAt: "2026-11-16T11:00:00.000Z",
      updatedAt: "2026-11-16T11:00:00.000Z",
      etag: 'W/"c1"',
    },
  ],
  ...overrides,
});

describe("the task pane opened on a meeting", () => {
  it("shows the tandem's active goals with their progress and what was said last time", async () => {
    const fake = fakeApi({ meetingContext: () => context(), listCheckIns: () => ({ items: [] }) });
    renderView(<MeetingView eventId={EVENT} onBook={() => undefined} />, { fake });

    expect(await screen.findByRole("heading", { name: "Tandem session" })).toBeTruthy();
    expect(screen.getByText("Monday 30 November, 10:00–10:45")).toBeTruthy();
    expect(screen.getByText("With Mathieu Tremblay, Mentee")).toBeTruthy();
    expect(fake.callsTo("meetingContext")[0]!.input.query).toEqual({ eventId: EVENT });

    const goalsSection = screen.getByRole("region", { name: "Learning goals" });
    const bar = within(goalsSection).getByRole("progressbar", { name: "Animer une réunion Teams avec des sondages" });
    expect(bar.getAttribute("aria-valuenow")).toBe("0.4");
    expect(within(goalsSection).getByText("Mathieu Tremblay · 40%")).toBeTruthy();
    expect(within(goalsSection).queryByText("Publier sur LinkedIn")).toBeNull();

    const last = screen.getByRole("region", { name: "Last time" });
    expect(within(last).getByText("Learned: Les sondages se lancent depuis la conversation de la réunion.")).toBeTruthy();
    expect(within(last).getByText("Will try: Un sondage lundi en réunion d'équipe.")).toBeTruthy();
    expect(within(last).getByRole("img", { name: "Rated 4 out of 5" })).toBeTruthy();
  });

  it("offers the check-in once the meeting has started, and saves my three answers", async () => {
    const fake = fakeApi({
      meetingContext: () => context(),
      listCheckIns: () => ({ items: [] }),
      putMyCheckIn: ({ body }) => ({
        ...(body as { learned: string; willTry: string; rating: number }),
        sessionId: ids.session,
        personId: ids.lea,
        createdAt: "2026-11-30T10:00:00.000Z",
        updatedAt: "2026-11-30T10:00:00.000Z",
        etag: 'W/"mine"',
      }),
    });
    const { user } = renderView(<MeetingView eventId={EVENT} onBook={() => undefined} />, { fake });
    await user.click(await screen.findByRole("button", { name: "Check in" }));
    await user.type(await screen.findByLabelText("What I learned"), "Mathieu prépare mieux avec un ordre du jour.");
    await user.type(screen.getByLabelText("What I will try before next time"), "Lui envoyer l'ordre du jour la veille.");
    await user.click(screen.getByRole("radio", { name: "5 out of 5" }));
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Check-in saved. Thank you!")).toBeTruthy();
    const [put] = fake.callsTo("putMyCheckIn");
    expect(put!.input.params).toEqual({ id: ids.tandem, sessionId: ids.session });
    expect(put!.input.body).toEqual({
      learned: "Mathieu prépare mieux avec un ordre du jour.",
      willTry: "Lui envoyer l'ordre du jour la veille.",
      rating: 5,
    });
    expect(screen.getByRole("button", { name: "Edit my check-in" })).toBeTruthy();
  });

  it("offers to change my check-in when I already gave one, with my answers", async () => {
    const fake = fakeApi({
      meetingContext: () => context(),
      listCheckIns: () => ({
        items: [
          {
            sessionId: ids.session,
            personId: ids.lea,
            learned: "Les sondages.",
            willTry: "Un sondage lundi.",
            rating: 3,
            createdAt: "2026-11-30T10:00:00.000Z",
            updatedAt: "2026-11-30T10:00:00.000Z",
            etag: 'W/"mine"',
          },
        ],
      }),
    });
    const { user } = renderView(<MeetingView eventId={EVENT} onBook={() => undefined} />, { fake });
    expect(await screen.findByText("You have checked in on this session. You can still change your answers.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Edit my check-in" }));
    expect(((await screen.findByLabelText("What I learned")) as HTMLTextAreaElement).value).toBe("Les sondages.");
    expect((screen.getByRole("radio", { name: "3 out of 5" }) as HTMLInputElement).checked).toBe(true);
  });

  it("asks for a rating before saving a check-in", async () => {
    const fake = fakeApi({ meetingContext: () => context(), listCheckIns: () => ({ items: [] }) });
    const { user } = renderView(<MeetingView eventId={EVENT} onBook={() => undefined} />, { fake });
    await user.click(await screen.findByRole("button", { name: "Check in" }));
    await user.click(await screen.findByRole("button", { name: "Save" }));
    expect(await screen.findByText("Choose a rating, from 1 to 5.")).toBeTruthy();
    expect(fake.callsTo("putMyCheckIn")).toHaveLength(0);
  });

  it("says there is no Teams meeting when the organizer's calendar allows none, in English and in French", async () => {
    const noTeams = () => context({ session: sessionOf({ joinUrl: null, teamsMeetingUnavailable: true }) });
    renderView(<MeetingView eventId={EVENT} onBook={() => undefined} />, { fake: fakeApi({ meetingContext: noTeams }) });
    expect(await screen.findByText(/^No Teams meeting: the organizer's Outlook calendar does not allow Teams meetings/)).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Join in Teams" })).toBeNull();
    cleanup();
    renderView(<MeetingView eventId={EVENT} onBook={() => undefined} />, { fake: fakeApi({ meetingContext: noTeams }), locale: "fr-FR" });
    expect(await screen.findByText(/^Pas de réunion Teams : le calendrier Outlook de l'organisateur/)).toBeTruthy();
  });

  it("does not offer the check-in before the meeting starts", async () => {
    const fake = fakeApi({ meetingContext: () => context({ session: sessionOf() }) });
    renderView(<MeetingView eventId={EVENT} onBook={() => undefined} />, { fake });
    expect(await screen.findByText(/You can check in once the session has started/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Check in" })).toBeNull();
  });

  it("says when a meeting is not a Tandem session, and offers to book one", async () => {
    const fake = fakeApi({
      meetingContext: () => {
        throw new ApiError(404, "not_found", "No Tandem session behind this meeting.");
      },
      listTandems: () => ({ items: [tandemOf()] }),
      listCycles: () => cycles,
      listGoals: goals,
    });
    const { user } = renderView(<Shell />, { fake, item: meeting });
    expect(await screen.findByText("This meeting is not a Tandem session")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Book a Tandem session" }));
    expect(await screen.findByRole("button", { name: "Find times" })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("tab", { name: "Book a session" }).getAttribute("aria-selected")).toBe("true"));
  });

  it("speaks French", async () => {
    const fake = fakeApi({ meetingContext: () => context(), listCheckIns: () => ({ items: [] }) });
    renderView(<Shell />, { fake, item: meeting, locale: "fr-FR" });
    expect(await screen.findByRole("heading", { name: "Séance de tandem" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Cette réunion" })).toBeTruthy();
    expect(screen.getByText(/^Lundi 30 novembre, 10:00\s–\s10:45$/)).toBeTruthy();
    expect(screen.getByRole("region", { name: "Objectifs d'apprentissage" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Faire le bilan" })).toBeTruthy();
    expect(screen.getByText("Appris : Les sondages se lancent depuis la conversation de la réunion.")).toBeTruthy();
  });
});
