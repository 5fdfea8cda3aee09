import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import type { ResponseOf, api } from "@tandem/core";
import { ApiError } from "@tandem/ui";
import { BookView } from "../src/features/booking/BookView";
import { cycles, fakeApi, goals, ids, renderView, sessionOf, tandemOf, type Handler } from "./render";

type Suggestions = ResponseOf<typeof api.suggestSessions>;

const twoSlots: Suggestions = {
  timeZone: "Europe/Paris",
  durationMinutes: 45,
  emptyReason: null,
  slots: [
    {
      start: "2026-12-01T14:00:00.000Z",
      end: "2026-12-01T14:45:00.000Z",
      confidence: 100,
      attendees: [
        { id: ids.lea, availability: "free" },
        { id: ids.mathieu, availability: "free" },
      ],
    },
    {
      start: "2026-12-02T16:30:00.000Z",
      end: "2026-12-02T17:15:00.000Z",
      confidence: 50,
      attendees: [
        { id: ids.lea, availability: "free" },
        { id: ids.mathieu, availability: "tentative" },
      ],
    },
  ],
};

const booked = (recurrence: { everyWeeks: number; occurrences: number } | null = null) => ({
  items: [sessionOf({ recurrence, seriesId: recurrence ? "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e99" : null })],
});

function bookingApi(overrides: Partial<Record<keyof typeof api, Handler>> = {}) {
  return fakeApi({
    listTandems: () => ({ items: [tandemOf()] }),
    listCycles: () => cycles,
    listGoals: goals,
    listSessions: () => ({ items: [] }),
    suggestSessions: () => twoSlots,
    bookSession: ({ body }) => booked((body as { recurrence: { everyWeeks: number; occurrences: number } | null }).recurrence),
    ...overrides,
  });
}

async function findTimes(user: ReturnType<typeof renderView>["user"], button = "Find times") {
  await user.click(await screen.findByRole("button", { name: button }));
}

describe("booking from the task pane", () => {
  it("shows each free time in my time zone and in the other member's own time", async () => {
    const fake = bookingApi();
    const { user } = renderView(<BookView />, { fake });
    expect(await screen.findByText("Tandem with Mathieu Tremblay")).toBeTruthy();
    await findTimes(user);

    const first = await screen.findByRole("radio", { name: /Tuesday 1 December/ });
    const label = first.closest(".fui-Radio")!.textContent!;
    expect(label).toContain("15:00–15:45 for you");
    expect(label).toContain("09:00 for Mathieu Tremblay (Toronto time)");
    const second = screen.getByRole("radio", { name: /Wednesday 2 December/ }).closest(".fui-Radio")!.textContent!;
    expect(second).toContain("17:30–18:15 for you");
    expect(second).toContain("11:30 for Mathieu Tremblay (Toronto time)");
    expect(second).toContain("Tentative for Mathieu Tremblay");

    // The window asked for: from tomorrow in my zone, ten days, answered in my zone.
    expect(fake.callsTo("suggestSessions")[0]!.input).toMatchObject({
      params: { id: ids.tandem },
      body: { from: "2026-12-01", days: 10, timeZone: "Europe/Paris" },
    });
  });

  it("lists a few times first, and the others on demand", async () => {
    const day = (n: number) => new Date(Date.parse("2026-12-01T14:00:00.000Z") + n * 86_400_000).toISOString();
    const many = Array.from({ length: 7 }, (_, n) => ({
      start: day(n),
      end: new Date(Date.parse(day(n)) + 45 * 60_000).toISOString(),
      confidence: 100,
      attendees: [],
    }));
    const fake = bookingApi({ suggestSessions: () => ({ ...twoSlots, slots: many }) });
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    await screen.findAllByRole("radio");
    expect(screen.getAllByRole("radio")).toHaveLength(5);
    await user.click(screen.getByRole("button", { name: "Show 2 more times" }));
    expect(screen.getAllByRole("radio")).toHaveLength(7);
  });

  it("says in words why there is no common time", async () => {
    const fake = bookingApi({
      suggestSessions: () => ({ ...twoSlots, slots: [], emptyReason: "no_common_working_hours" }),
    });
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    expect(await screen.findByText("No common free time")).toBeTruthy();
    expect(screen.getByText(/Your working hours do not overlap in these days, time zones included/)).toBeTruthy();
    expect(screen.queryByRole("radio")).toBeNull();
    expect(screen.queryByRole("button", { name: /^Book/ })).toBeNull();
  });

  it("previews the agenda from the active goals and books the picked time with an Idempotency-Key", async () => {
    const fake = bookingApi();
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    await user.click(await screen.findByRole("radio", { name: /Tuesday 1 December/ }));

    const agenda = screen.getByRole("region", { name: "Agenda" });
    const items = within(agenda).getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual([
      "Animer une réunion Teams avec des sondages, for Mathieu Tremblay (40%)",
      "Résumer un fil de discussion avec Copilot, for Mathieu Tremblay (0%)",
    ]);

    await user.click(screen.getByRole("button", { name: "Book this session" }));
    expect(await screen.findByText("Booked")).toBeTruthy();
    expect(screen.getByText("Added to everyone's calendar, with a Teams meeting.")).toBeTruthy();
    expect(screen.getByText("Tuesday 1 December, 15:00–15:45")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Join the Teams meeting" }).getAttribute("href")).toBe(sessionOf().joinUrl);

    const [call] = fake.callsTo("bookSession");
    // Outlook did not tell the working days here: the api looks for days off itself.
    expect(call!.input.body).toEqual({ start: "2026-12-01T14:00:00.000Z", end: "2026-12-01T14:45:00.000Z", recurrence: null, allowDaysOff: false });
    expect(call!.input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("says the meeting has no Teams link when the organizer's calendar does not allow Teams meetings", async () => {
    const fake = bookingApi({ bookSession: () => ({ items: [sessionOf({ joinUrl: null, teamsMeetingUnavailable: true })] }) });
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    await user.click(await screen.findByRole("radio", { name: /Tuesday 1 December/ }));
    await user.click(screen.getByRole("button", { name: "Book this session" }));
    expect(await screen.findByText("Booked")).toBeTruthy();
    expect(screen.getByText("Added to everyone's calendar.")).toBeTruthy();
    expect(screen.getByText(/^No Teams meeting: the organizer's Outlook calendar does not allow Teams meetings/)).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Join the Teams meeting" })).toBeNull();
  });

  it("books a series at the cycle's cadence, as many sessions as the cycle has left by default", async () => {
    const fake = bookingApi();
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    await user.click(await screen.findByRole("radio", { name: /Tuesday 1 December/ }));
    await user.click(screen.getByRole("switch", { name: "Make it a series (systematic sessions)" }));

    expect(screen.getByText("Every 2 weeks, at the program's cadence.")).toBeTruthy();
    // 1 December to the cycle's end on 28 February, fortnightly: 1 Dec ... 23 Feb.
    expect((screen.getByRole("spinbutton", { name: "Number of sessions" }) as HTMLInputElement).value).toBe("7");
    expect(screen.getByText("7 sessions, every 2 weeks, the last on Tuesday 23 February.")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Book 7 sessions" }));
    expect(await screen.findByText("7 sessions, every 2 weeks, until Tuesday 23 February.")).toBeTruthy();
    expect(fake.callsTo("bookSession")[0]!.input.body).toMatchObject({ recurrence: { everyWeeks: 2, occurrences: 7 } });
  });

  it("says, before booking, which sessions fall on a member's day off", async () => {
    const partTime: Suggestions = {
      ...twoSlots,
      workingHours: [
        { personId: ids.lea, daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "09:00", endTime: "18:00", timeZone: "Europe/Paris" },
        { personId: ids.mathieu, daysOfWeek: ["monday", "wednesday", "thursday", "friday"], startTime: "08:00", endTime: "16:00", timeZone: "America/Toronto" },
      ],
    };
    const fake = bookingApi({ suggestSessions: () => partTime });
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    expect(fake.callsTo("suggestSessions")[0]!.input.body).toMatchObject({ workingDays: true });
    await user.click(await screen.findByRole("radio", { name: /Tuesday 1 December/ }));
    expect(screen.getByText("On a day off for someone")).toBeTruthy();
    expect(screen.getByText("Tuesday 1 December: Mathieu Tremblay")).toBeTruthy();

    // Wednesdays are everyone's working days: nothing to say.
    await user.click(screen.getByRole("radio", { name: /Wednesday 2 December/ }));
    expect(screen.queryByText("On a day off for someone")).toBeNull();
    await user.click(screen.getByRole("radio", { name: /Tuesday 1 December/ }));
    await user.click(screen.getByRole("switch", { name: "Make it a series (systematic sessions)" }));
    expect(screen.getByText("Tuesday 23 February: Mathieu Tremblay")).toBeTruthy();
    expect(fake.callsTo("bookSession")).toHaveLength(0);
    // Said before booking, so booked as they are: the api is told the person saw them.
    await user.click(screen.getByRole("button", { name: "Book 7 sessions" }));
    expect(await screen.findByText("Booked")).toBeTruthy();
    expect(fake.callsTo("bookSession")[0]!.input.body).toMatchObject({ allowDaysOff: true });
  });

  it("says the tandem already has a series, and replaces it when asked: the old one is cancelled first", async () => {
    const series = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e11";
    const existing = ["08", "22"].map((day, i) =>
      sessionOf({
        id: `3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e2${i}`,
        start: `2026-12-${day}T14:00:00.000Z`,
        end: `2026-12-${day}T14:45:00.000Z`,
        seriesId: series,
        recurrence: { everyWeeks: 2, occurrences: 2 },
        bookedBy: ids.lea,
      }),
    );
    const fake = bookingApi({ listSessions: () => ({ items: existing }), cancelSession: () => ({ items: existing.map((x) => ({ ...x, status: "cancelled" as const })) }) });
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    await user.click(await screen.findByRole("radio", { name: /Tuesday 1 December/ }));
    expect(screen.queryByText("This tandem already has a series")).toBeNull();
    await user.click(screen.getByRole("switch", { name: "Make it a series (systematic sessions)" }));
    expect(await screen.findByText("This tandem already has a series")).toBeTruthy();
    expect(screen.getByText("2 sessions of it are still to come, the last on Tuesday 22 December. A new series adds to them.")).toBeTruthy();
    await user.click(screen.getByRole("checkbox", { name: /^Replace it: cancel its sessions to come/ }));
    await user.click(screen.getByRole("button", { name: "Book 7 sessions" }));
    expect(await screen.findByText("Booked")).toBeTruthy();
    expect(fake.callsTo("cancelSession").map((c) => [c.input.params, c.input.body])).toEqual([[{ id: ids.tandem, sessionId: existing[0]!.id }, { scope: "series" }]]);
    const order = fake.calls.map((c) => c.id).filter((id) => id === "cancelSession" || id === "bookSession");
    expect(order).toEqual(["cancelSession", "bookSession"]);
  });

  it("says which session already takes one of the times when the booking is refused for it, and books nothing", async () => {
    const taken = { sessionId: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e30", start: "2026-12-15T14:00:00.000Z", end: "2026-12-15T14:45:00.000Z", inProgress: false };
    const fake = bookingApi({
      bookSession: () => {
        throw new ApiError(409, "conflict", "taken", [], null, { slot: taken });
      },
    });
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    await user.click(await screen.findByRole("radio", { name: /Tuesday 1 December/ }));
    await user.click(screen.getByRole("switch", { name: "Make it a series (systematic sessions)" }));
    await user.click(screen.getByRole("button", { name: "Book 7 sessions" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("Nothing was booked")).toBeTruthy();
    expect(within(alert).getByText(/^A session of this tandem already takes Tuesday 15 December, 15:00/)).toBeTruthy();
  });

  it("retries after a network error with the same Idempotency-Key, so the session is booked once", async () => {
    let attempts = 0;
    const fake = bookingApi({
      bookSession: () => {
        if (++attempts === 1) throw new ApiError(0, "network", "network");
        return booked();
      },
    });
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    await user.click(await screen.findByRole("radio", { name: /Tuesday 1 December/ }));
    await user.click(screen.getByRole("button", { name: "Book this session" }));

    expect(await screen.findByText("Tandem cannot be reached. Check your connection and try again.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Booked")).toBeTruthy();

    const keys = fake.callsTo("bookSession").map((c) => c.input.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it("tells that Outlook calendars did not answer (503) and that nothing was booked; the retry keeps the key", async () => {
    let attempts = 0;
    const fake = bookingApi({
      bookSession: () => {
        if (++attempts === 1) throw new ApiError(503, "unavailable", "Microsoft Graph is unavailable.");
        return booked();
      },
    });
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    await user.click(await screen.findByRole("radio", { name: /Tuesday 1 December/ }));
    await user.click(screen.getByRole("button", { name: "Book this session" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Outlook calendars are not answering, nothing was booked. Try again.");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Booked")).toBeTruthy();
    const keys = fake.callsTo("bookSession").map((c) => c.input.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it("after a refusal, books the next time picked as a new attempt, with a new key", async () => {
    let attempts = 0;
    const fake = bookingApi({
      bookSession: () => {
        if (++attempts === 1) throw new ApiError(400, "validation", "Check /start: this time has passed; choose one to come.", [{ pointer: "/start", detail: "in the past" }]);
        return booked();
      },
    });
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    await user.click(await screen.findByRole("radio", { name: /Tuesday 1 December/ }));
    await user.click(screen.getByRole("button", { name: "Book this session" }));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "Tandem could not book this time, maybe it has just passed or the tandem changed. Find times again and pick another one.",
    );
    await user.click(screen.getByRole("radio", { name: /Wednesday 2 December/ }));
    await user.click(screen.getByRole("button", { name: "Book this session" }));
    expect(await screen.findByText("Booked")).toBeTruthy();
    const keys = fake.callsTo("bookSession").map((c) => c.input.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it("says when Outlook calendars do not answer the search", async () => {
    const fake = bookingApi({
      suggestSessions: () => {
        throw new ApiError(503, "unavailable", "Microsoft Graph is unavailable.");
      },
    });
    const { user } = renderView(<BookView />, { fake });
    await findTimes(user);
    expect((await screen.findByRole("alert")).textContent).toContain("Outlook calendars are not answering. Try again in a moment.");
  });

  it("offers only tandems and circles that can meet, and starts on the one of the message's sender", async () => {
    const circle = tandemOf({
      id: ids.circle,
      kind: "circle",
      menteeIds: [ids.mathieu, ids.sophie],
      members: [
        ...tandemOf().members,
        { id: ids.sophie, displayName: "Sophie Garnier", role: "mentee", timeZone: "Europe/Paris", mail: "sophie.garnier@brisemer.example" },
      ],
    });
    const fake = bookingApi({
      listTandems: () => ({
        items: [tandemOf(), circle, tandemOf({ id: "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c09", status: "proposed" })],
      }),
    });
    const { user } = renderView(<BookView />, {
      fake,
      item: { itemType: "message", mode: "read", eventId: null, categories: [], subject: "Next time?", from: "sophie.garnier@brisemer.example" },
    });
    const picker = await screen.findByRole("combobox", { name: "Tandem or circle" });
    expect(picker.textContent).toBe("Circle with Mathieu Tremblay, Sophie Garnier");
    await user.click(picker);
    expect(within(screen.getByRole("listbox")).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Tandem with Mathieu Tremblay",
      "Circle with Mathieu Tremblay, Sophie Garnier",
    ]);
    await user.click(screen.getByRole("option", { name: "Tandem with Mathieu Tremblay" }));
    await findTimes(user);
    await waitFor(() => expect(fake.callsTo("suggestSessions")[0]!.input.params).toEqual({ id: ids.tandem }));
  });

  it("speaks French, with times in each person's clock", async () => {
    const fake = bookingApi();
    const { user } = renderView(<BookView />, { fake, locale: "fr-FR" });
    expect(await screen.findByText("Tandem avec Mathieu Tremblay")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Réserver une séance" })).toBeTruthy();
    await findTimes(user, "Trouver des créneaux");
    const label = (await screen.findByRole("radio", { name: /Mardi 1er décembre/ })).closest(".fui-Radio")!.textContent!;
    expect(label).toMatch(/15:00\s–\s15:45 pour vous/);
    expect(label).toContain("09:00 pour Mathieu Tremblay (heure locale, Toronto)");
    await user.click(screen.getByRole("radio", { name: /Mardi 1er décembre/ }));
    expect(screen.getByRole("switch", { name: "En faire une série (séances régulières)" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Réserver cette séance" }));
    expect(await screen.findByText("Réservé")).toBeTruthy();
    expect(screen.getByText("Ajouté à l'agenda de chacun, avec une réunion Teams.")).toBeTruthy();
  });
});
