import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { ApiError } from "@tandem/ui";
import TrainingView from "../src/features/training/TrainingView";
import { fakeApi, meOf, nextEtag, profileOf, renderView, type ProfileView } from "./render";

/** A fake of the training endpoint over one stored profile, as the api behaves: idempotent, new ETag on change. */
function trainingApi(start: ProfileView) {
  let stored = start;
  return fakeApi({
    completeTrainingModule: ({ params }) => {
      const moduleId = (params as { moduleId: string }).moduleId;
      if (!stored.trainingCompleted.includes(moduleId)) {
        stored = { ...stored, trainingCompleted: [...stored.trainingCompleted, moduleId], etag: nextEtag() };
      }
      return stored;
    },
    getMe: () => meOf(stored),
  });
}

describe("the mentor training view", () => {
  it("shows the progress and each module; marking one done updates the view and refreshes /me", async () => {
    const profile = profileOf({ trainingCompleted: ["listening", "no-jargon", "patience"] });
    const fake = trainingApi(profile);
    const { user } = renderView(<TrainingView />, { fake, me: meOf(profile) });

    expect(screen.getByRole("heading", { level: 1, name: "Mentor training" })).toBeTruthy();
    expect(screen.getByText("3 of 5 modules done")).toBeTruthy();
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("3");
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual([
      "Listen firstDone",
      "No jargonDone",
      "PatienceDone",
      "Show, don't do",
      "What is said in the tandem stays there",
    ]);
    // The first module left to do is open, with its content.
    expect(screen.getByText(/Hands off the mouse: the senior does it/)).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Mark as done: Show, don't do" }));

    expect(await screen.findByText("4 of 5 modules done")).toBeTruthy();
    expect(fake.callsTo("completeTrainingModule").map((c) => c.input.params)).toEqual([{ moduleId: "show-dont-do" }]);
    const done = screen.getByRole("button", { name: "Done: Show, don't do" });
    expect(done.getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByRole("status").textContent).toContain("“Show, don't do” is done.");
    expect(fake.callsTo("getMe")).toHaveLength(1);
  });

  it("works with the keyboard alone, in French", async () => {
    const profile = profileOf({ trainingCompleted: ["listening", "no-jargon", "patience", "show-dont-do"] });
    const fake = trainingApi(profile);
    const { user } = renderView(<TrainingView />, { fake, me: meOf(profile), locale: "fr-FR" });

    expect(screen.getByRole("heading", { level: 1, name: "Formation des mentors" })).toBeTruthy();
    expect(screen.getByText("4 modules sur 5 terminés")).toBeTruthy();

    // Open a module that was closed, from its header.
    const header = screen.getByRole("button", { name: /^Écouter d'abord/ });
    expect(header.getAttribute("aria-expanded")).toBe("false");
    header.focus();
    await user.keyboard("{Enter}");
    expect(header.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByText(/Laissez-la piloter/)).toBeTruthy();

    const mark = screen.getByRole("button", { name: "Marquer comme terminé : Ce qui se dit dans le tandem y reste" });
    mark.focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByText("5 modules sur 5 terminés")).toBeTruthy();
    expect(screen.getByText("Formation terminée : tout est prêt pour votre première séance.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /^Marquer comme terminé/ })).toBeNull();
  });

  it("tells what went wrong and keeps the progress as it was", async () => {
    const profile = profileOf({ trainingCompleted: [] });
    const fake = fakeApi({
      completeTrainingModule: () => {
        throw new ApiError(403, "forbidden", "Mentor training is for mentors.");
      },
    });
    const { user } = renderView(<TrainingView />, { fake, me: meOf(profile) });

    await user.click(screen.getByRole("button", { name: "Mark as done: Listen first" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("You are not allowed to do this.");
    expect(screen.getByText("0 of 5 modules done")).toBeTruthy();
    expect(fake.callsTo("getMe")).toHaveLength(0);
  });

  it("sends someone who does not mentor, or has no profile, to their profile instead of offering buttons", async () => {
    const mentee = meOf(profileOf({ programRoles: ["mentee"], offers: [] }));
    const first = renderView(<TrainingView />, { fake: fakeApi(), me: mentee });
    expect(screen.getByText(/This training is for mentors/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /^Mark as done/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Go to my profile" })).toBeTruthy();
    first.unmount();

    renderView(<TrainingView />, { fake: fakeApi(), me: meOf(null) });
    expect(screen.getByText(/Join the program first/)).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
    // The content stays readable for anyone curious.
    const privacy = screen.getByRole("button", { name: /^What is said in the tandem stays there/ });
    expect(within(privacy.closest("h2")!).getByText("What is said in the tandem stays there")).toBeTruthy();
  });
});
