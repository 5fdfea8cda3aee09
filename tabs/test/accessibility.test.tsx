import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import axe from "axe-core";
import ProfileView from "../src/features/profile/ProfileView";
import TrainingView from "../src/features/training/TrainingView";
import JournalView from "../src/features/journal/JournalView";
import { fakeApi, meOf, nextEtag, profileOf, renderView, skillList } from "./render";

/**
 * axe-core's rules on each view, in the states a person meets: labels, button names, heading order, ARIA.
 * happy-dom has no layout, so colour contrast is left to the browser tests.
 */
async function violations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(" | ")}`);
}

describe("accessibility of the views", () => {
  it("the profile of a newcomer, with rows added and errors shown, breaks no rule", async () => {
    const { container, user } = renderView(<ProfileView />, { fake: fakeApi({ listSkills: skillList, listCycles: () => ({ items: [] }) }), me: meOf(null) });
    await user.click(screen.getByRole("button", { name: "Add a skill I can teach" }));
    await user.click(screen.getByRole("button", { name: "Add a skill I want to learn" }));
    await user.click(screen.getByRole("button", { name: "Save my profile" }));
    expect(screen.getByText("Choose at least one: learn or teach.")).toBeTruthy();
    expect(await violations(container)).toEqual([]);
  });

  it("the training, half done, breaks no rule", async () => {
    const me = meOf(profileOf({ trainingCompleted: ["listening", "patience"] }));
    const { container } = renderView(<TrainingView />, { fake: fakeApi(), me });
    expect(await violations(container)).toEqual([]);
  });

  it("the journal, with an entry being edited, breaks no rule", async () => {
    const entry = {
      id: "0b3a4c1e-6d0f-4f7e-9f43-2a0c6a1e5d01",
      prompt: "tried" as const,
      body: "J'ai partagé mon écran.",
      createdAt: "2026-10-05T09:00:00.000Z",
      updatedAt: "2026-10-05T09:00:00.000Z",
      etag: nextEtag(),
    };
    const { container, user } = renderView(<JournalView />, { fake: fakeApi({ listJournal: () => ({ items: [entry] }) }), me: meOf(null) });
    const item = (await screen.findByText(entry.body)).closest("li")!;
    await user.click(within(item).getByRole("button", { name: /^Edit the entry/ }));
    expect(await violations(container)).toEqual([]);
  });
});
