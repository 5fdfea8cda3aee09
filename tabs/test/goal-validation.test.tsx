import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import type { TandemView } from "@tandem/core";
import { ApiError } from "@tandem/ui";
import GoalDialog from "../src/features/goals/GoalDialog";
import { fakeApi, ids, meOf, profileOf, renderView, skillList } from "./render";

const me = meOf(profileOf({ programRoles: ["mentee"], offers: [] }));
const tandem: TandemView = {
  id: "7e0c4d1e-0000-4000-8000-000000000002",
  kind: "tandem",
  cycleId: "31636c97-69dc-4ce3-b00c-fa4ca4063380",
  mentorId: ids.lucas,
  menteeIds: [me.id],
  status: "active",
  acceptedBy: [ids.lucas, me.id],
  history: [],
  createdAt: "2026-09-01T07:00:00.000Z",
  updatedAt: "2026-09-01T07:00:00.000Z",
  etag: 'W/"t2"',
  members: [
    { id: ids.lucas, displayName: "Lucas Martin", role: "mentor", timeZone: "Europe/Paris", mail: null },
    { id: me.id, displayName: me.displayName, role: "mentee", timeZone: "Europe/Paris", mail: null },
  ],
  allowedActions: ["pause", "complete"],
  myRelation: "mentee",
};

/** The text of the Fluent field around a control: its label, the control and its validation message. */
const field = (control: HTMLElement) => control.closest(".fui-Field")!.textContent ?? "";

describe("the goal form's validation, in French", () => {
  it("tells each problem next to its field in French, never zod's English", async () => {
    const fake = fakeApi({ listSkills: skillList });
    const { user } = renderView(<GoalDialog tandem={tandem} goal={null} onClose={() => undefined} onSaved={() => undefined} />, { fake, me, locale: "fr-FR" });
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));

    expect(field(within(dialog).getByRole("textbox", { name: /^Objectif/ }))).toContain("Renseignez ce champ.");
    expect(field(within(dialog).getByRole("combobox", { name: /^Compétence/ }))).toContain("Choisissez l'une des options.");
    expect(dialog.textContent).not.toMatch(/Too small|expected|Invalid/);
    expect(fake.callsTo("createGoal")).toHaveLength(0);
  });

  it("words the api's refusal from the kind of problem, next to the field, under « Vérifiez vos réponses »", async () => {
    const fake = fakeApi({
      listSkills: skillList,
      createGoal: () => {
        throw new ApiError(400, "validation", "Check /title: Too big: expected string to have <=120 characters.", [
          { pointer: "/title", detail: "Too big: expected string to have <=120 characters", code: "too_big", limit: 120, origin: "string" },
        ]);
      },
    });
    const { user } = renderView(<GoalDialog tandem={tandem} goal={null} onClose={() => undefined} onSaved={() => undefined} />, { fake, me, locale: "fr-FR" });
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: /^Objectif/ }), "Animer un sondage");
    await user.click(within(dialog).getByRole("combobox", { name: /^Compétence/ }));
    await user.click(screen.getByRole("option", { name: "Réunions Teams" }));
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));

    expect(field(await within(dialog).findByRole("textbox", { name: /^Objectif/ }))).toContain("120 caractères au plus.");
    expect(dialog.textContent).toContain("Vérifiez vos réponses");
    expect(dialog.textContent).not.toMatch(/Too big|Un problème est survenu/);
  });

  it.each([
    [new ApiError(409, "conflict", "This Idempotency-Key was already used for another create.", []), "Cela entre en conflit avec un élément qui existe déjà"],
    [new ApiError(409, "illegal_transition", "This tandem is completed: its goals can no longer change.", []), "Ce n’est plus possible à ce stade."],
    [new ApiError(413, "payload_too_large", "The request body is larger than 65536 bytes.", []), "C’est trop long pour être envoyé."],
  ])("words a refusal the form has no words of its own for (%s) in French, never the api's English detail", async (refusal, says) => {
    const fake = fakeApi({
      listSkills: skillList,
      createGoal: () => {
        throw refusal;
      },
    });
    const { user } = renderView(<GoalDialog tandem={tandem} goal={null} onClose={() => undefined} onSaved={() => undefined} />, { fake, me, locale: "fr-FR" });
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: /^Objectif/ }), "Animer un sondage");
    await user.click(within(dialog).getByRole("combobox", { name: /^Compétence/ }));
    await user.click(screen.getByRole("option", { name: "Réunions Teams" }));
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));

    expect((await within(dialog).findByRole("alert")).textContent).toContain(says);
    expect(dialog.textContent).not.toContain(refusal.detail);
  });
});
