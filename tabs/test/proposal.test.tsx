import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import type { TandemView } from "@tandem/core";
import { ApiError } from "@tandem/ui";
import { HomeView } from "../src/features/home/HomeView";
import { fakeApi, meOf, profileOf, renderView } from "./render";
import { people } from "./matching-data";

const mentee = profileOf({ id: people.denis.id, displayName: "Denis Fabre", programRoles: ["mentee"], offers: [], requests: [] });

/** The text of the Fluent field around a control: its label, the control and its validation message. */
const field = (control: HTMLElement) => control.closest(".fui-Field")!.textContent ?? "";

/** A tandem a published run proposed to Denis, with his pair's reasons. */
function proposal(overrides: Partial<TandemView> = {}): TandemView {
  return {
    id: "7e0c4d1e-0000-4000-8000-000000000001",
    kind: "tandem",
    cycleId: "31636c97-69dc-4ce3-b00c-fa4ca4063380",
    mentorId: people.nina.id,
    menteeIds: [people.denis.id],
    status: "proposed",
    acceptedBy: [],
    history: [],
    createdAt: "2026-12-02T07:05:00.000Z",
    updatedAt: "2026-12-02T07:05:00.000Z",
    etag: 'W/"t1"',
    members: [
      { id: people.nina.id, displayName: "Nina Lopez", role: "mentor", timeZone: "Europe/Paris", mail: null },
      { id: people.denis.id, displayName: "Denis Fabre", role: "mentee", timeZone: "Europe/Paris", mail: null },
    ],
    allowedActions: ["accept", "decline"],
    myRelation: "mentee",
    why: [
      {
        menteeId: people.denis.id,
        score: 82,
        breakdown: [
          { part: "skill", skillId: "copilot-in-m365", level: "expert", points: 40, max: 40, words: { fr: "Nina enseigne Copilot au niveau expert", en: "Nina teaches Copilot at expert level" } },
          { part: "urgency", skillId: "copilot-in-m365", urgency: "high", points: 25, max: 25, words: { fr: "Votre demande est urgente", en: "Your request is urgent" } },
        ],
      },
    ],
    ...overrides,
  };
}

describe("a proposal in a participant's tab", () => {
  it("says why it was proposed, score and parts in words, beside accept and decline", async () => {
    const fake = fakeApi({ listTandems: () => ({ items: [proposal()] }) });
    const { user } = renderView(<HomeView />, { fake, me: meOf(mentee) });

    const card = await screen.findByRole("group", { name: "Nina Lopez" });
    await within(card).findByRole("heading", { name: "Why this proposal" });
    expect(within(card).getByText("Fit: 82 / 100")).toBeTruthy();
    expect(within(card).getByText("Nina teaches Copilot at expert level")).toBeTruthy();
    expect(within(card).getByText("Your request is urgent")).toBeTruthy();

    fake.on("transitionTandem", () => ({ ...proposal({ status: "accepted", acceptedBy: [people.denis.id], allowedActions: [] }), why: undefined }));
    fake.on("listTandems", () => ({ items: [proposal({ status: "accepted", acceptedBy: [people.denis.id, people.nina.id], allowedActions: [] })] }));
    await user.click(within(card).getByRole("button", { name: "Accept" }));
    expect(fake.callsTo("transitionTandem")[0]!.input.body).toEqual({ action: "accept" });
    // Accepted: the reasons have done their work.
    await screen.findByText("Accepted");
    expect(screen.queryByRole("heading", { name: "Why this proposal" })).toBeNull();
  });

  it("says nothing of reasons for a hand-made proposal, and in French for a French speaker", async () => {
    const fake = fakeApi({ listTandems: () => ({ items: [proposal({ why: undefined }), proposal({ id: "7e0c4d1e-0000-4000-8000-000000000002", etag: 'W/"t2"' })] }) });
    renderView(<HomeView />, { fake, me: meOf(mentee), locale: "fr-FR" });
    await screen.findByRole("heading", { name: "Pourquoi cette proposition" });
    expect(screen.getAllByRole("group", { name: "Nina Lopez" })).toHaveLength(2);
    expect(screen.getAllByRole("heading", { name: "Pourquoi cette proposition" })).toHaveLength(1);
    // French typography: a narrow no-break space before the colon (Testing Library's matching would fold it).
    expect(document.body.textContent).toContain("Affinité\u202f: 82 / 100");
    expect(screen.getByText("Nina enseigne Copilot au niveau expert")).toBeTruthy();
  });
});

describe("declining a proposal", () => {
  it("tells what the api refused in the reason next to it, in the dialog, in French", async () => {
    const fake = fakeApi({
      listTandems: () => ({ items: [proposal()] }),
      transitionTandem: () => {
        throw new ApiError(400, "validation", "Check /reason: Too big: expected string to have <=500 characters.", [
          { pointer: "/reason", detail: "Too big: expected string to have <=500 characters", code: "too_big", limit: 500, origin: "string" },
        ]);
      },
    });
    const { user } = renderView(<HomeView />, { fake, me: meOf(mentee), locale: "fr-FR" });
    const card = await screen.findByRole("group", { name: "Nina Lopez" });
    await user.click(within(card).getByRole("button", { name: "Décliner" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox"), "Pas le bon moment.");
    await user.click(within(dialog).getByRole("button", { name: "Décliner" }));

    expect(field(await within(dialog).findByRole("textbox"))).toContain("500 caractères au plus.");
    expect(dialog.textContent).toContain("Vérifiez vos réponses");
    expect(document.body.textContent).not.toMatch(/Too big|expected string/);
    // Told once, in the dialog: not again on the card behind it.
    expect(within(card).queryByRole("alert")).toBeNull();
  });
});

describe("the closing survey of a completed tandem", () => {
  const completed = () => proposal({ status: "completed", allowedActions: [], why: undefined });

  it("asks once whether it helped, whether they would do it again and what they learned, then shows the answer back", async () => {
    const fake = fakeApi({ listTandems: () => ({ items: [completed()] }), getMyClosingSurvey: () => ({ answer: null }) });
    const { user } = renderView(<HomeView />, { fake, me: meOf(mentee) });

    const survey = await screen.findByRole("region", { name: "Closing survey" });
    const send = within(survey).getByRole("button", { name: "Send my answers" });
    expect(send.hasAttribute("disabled")).toBe(true);
    await user.click(within(within(survey).getByRole("radiogroup", { name: "Did this tandem help you?" })).getByRole("radio", { name: "Yes" }));
    await user.click(within(within(survey).getByRole("radiogroup", { name: "Would you do it again?" })).getByRole("radio", { name: "No" }));
    await user.type(within(survey).getByRole("textbox", { name: /What did you learn/ }), "Copilot summarises my meetings.");
    fake.on("answerClosingSurvey", ({ body }) => ({ tandemId: completed().id, personId: people.denis.id, ...(body as object), createdAt: "2026-12-02T08:00:00.000Z" }));
    await user.click(send);

    expect(fake.callsTo("answerClosingSurvey")[0]!.input.body).toEqual({ helped: true, again: false, learned: "Copilot summarises my meetings." });
    expect((await within(survey).findByRole("status")).textContent).toBe("Thank you: you answered the closing survey. It helped: Yes. Again: No.");
    expect(within(survey).queryByRole("button", { name: "Send my answers" })).toBeNull();
  });

  it("tells what the api refused next to the field it is about, in French", async () => {
    const fake = fakeApi({
      listTandems: () => ({ items: [completed()] }),
      getMyClosingSurvey: () => ({ answer: null }),
      answerClosingSurvey: () => {
        throw new ApiError(400, "validation", "Check /learned: Too big: expected string to have <=2000 characters.", [
          { pointer: "/learned", detail: "Too big: expected string to have <=2000 characters", code: "too_big", limit: 2000, origin: "string" },
        ]);
      },
    });
    const { user } = renderView(<HomeView />, { fake, me: meOf(mentee), locale: "fr-FR" });
    const survey = await screen.findByRole("region", { name: "Questionnaire de clôture" });
    await user.click(within(within(survey).getByRole("radiogroup", { name: /^Ce tandem vous a-t-il été utile/ })).getByRole("radio", { name: "Oui" }));
    await user.click(within(within(survey).getByRole("radiogroup", { name: /^Le referiez-vous/ })).getByRole("radio", { name: "Non" }));
    await user.type(within(survey).getByRole("textbox", { name: /^Qu’avez-vous appris/ }), "Copilot résume mes réunions.");
    await user.click(within(survey).getByRole("button", { name: "Envoyer mes réponses" }));

    expect(field(await within(survey).findByRole("textbox", { name: /^Qu’avez-vous appris/ }))).toContain("2000 caractères au plus.");
    expect(field(within(survey).getByRole("radiogroup", { name: /^Ce tandem vous a-t-il été utile/ }))).not.toContain("caractères");
    expect(survey.textContent).not.toMatch(/Too big|expected string/);
  });

  it("shows an answer already given, not the questions", async () => {
    const fake = fakeApi({
      listTandems: () => ({ items: [completed()] }),
      getMyClosingSurvey: () => ({ answer: { tandemId: completed().id, personId: people.denis.id, helped: false, again: true, learned: "", createdAt: "2026-12-01T08:00:00.000Z" } }),
    });
    renderView(<HomeView />, { fake, me: meOf(mentee) });
    const survey = await screen.findByRole("region", { name: "Closing survey" });
    expect((await within(survey).findByRole("status")).textContent).toContain("It helped: No. Again: Yes.");
    expect(within(survey).queryByRole("radiogroup")).toBeNull();
  });
});
