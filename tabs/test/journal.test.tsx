import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import type { JournalEntryView } from "@tandem/core";
import { ApiError } from "@tandem/ui";
import JournalView from "../src/features/journal/JournalView";
import { fakeApi, meOf, nextEtag, profileOf, renderView } from "./render";

const me = meOf(profileOf({ programRoles: ["mentee"], offers: [] }));

const older: JournalEntryView = {
  id: "0b3a4c1e-6d0f-4f7e-9f43-2a0c6a1e5d01",
  prompt: "benefits",
  body: "Pour moi : moins d'e-mails.",
  createdAt: "2026-10-05T09:00:00.000Z",
  updatedAt: "2026-10-05T09:00:00.000Z",
  etag: nextEtag(),
};
const newer: JournalEntryView = {
  id: "0b3a4c1e-6d0f-4f7e-9f43-2a0c6a1e5d02",
  prompt: "tried",
  body: "J'ai partagé mon écran sans aide.",
  createdAt: "2026-10-19T16:30:00.000Z",
  updatedAt: "2026-10-20T08:00:00.000Z",
  etag: nextEtag(),
};

/** A fake journal over a list kept newest first, as the api keeps it. */
function journalApi(start: JournalEntryView[]) {
  let entries = [...start];
  let n = 0;
  const fake = fakeApi({
    listJournal: () => ({ items: entries }),
    createJournalEntry: ({ body }) => {
      const at = "2026-11-02T10:00:00.000Z";
      const entry = { ...(body as { prompt: JournalEntryView["prompt"]; body: string }), id: `0b3a4c1e-6d0f-4f7e-9f43-2a0c6a1e5e${String(++n).padStart(2, "0")}`, createdAt: at, updatedAt: at, etag: nextEtag() };
      entries = [entry, ...entries];
      return entry;
    },
    updateJournalEntry: ({ params, body, ifMatch }) => {
      const current = entries.find((e) => e.id === (params as { entryId: string }).entryId)!;
      if (ifMatch !== current.etag) throw new ApiError(412, "precondition_failed", "This entry was changed elsewhere: reload and try again.");
      const next = { ...current, ...(body as object), updatedAt: "2026-11-03T10:00:00.000Z", etag: nextEtag() };
      entries = entries.map((e) => (e.id === next.id ? next : e));
      return next;
    },
    deleteJournalEntry: ({ params }) => {
      entries = entries.filter((e) => e.id !== (params as { entryId: string }).entryId);
      return {};
    },
  });
  return {
    fake,
    /** Someone changes an entry from another device. */
    changeElsewhere(id: string, body: string) {
      entries = entries.map((e) => (e.id === id ? { ...e, body, etag: nextEtag() } : e));
    },
  };
}

const entryItems = () => within(screen.getByRole("list")).getAllByRole("listitem");

describe("the take-stock journal", () => {
  it("says it is private first, offers the reflection prompts, and lists entries newest first with their date (in French)", async () => {
    const { fake } = journalApi([newer, older]);
    renderView(<JournalView />, { fake, me, locale: "fr-FR" });

    const h1 = screen.getByRole("heading", { level: 1, name: "Faire le point" });
    const badge = screen.getByText("Privé : personne d'autre que vous ne peut lire ce journal");
    expect(h1.compareDocumentPosition(badge) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText(/ni votre binôme, ni votre manager, ni l'équipe de coordination/)).toBeTruthy();

    const questions = [
      "Qu'aimerais-je apprendre d'un collègue plus jeune ?",
      "Qu'ai-je déjà appris sans le nommer ?",
      "Lister les bénéfices (pour moi, mon équipe, l'entreprise)",
      "Qu'ai-je essayé depuis la dernière séance ?",
      "Note libre",
    ];
    expect(screen.getAllByRole("form").map((f) => f.getAttribute("aria-label"))).toEqual(questions);
    for (const question of questions) {
      const form = screen.getByRole("form", { name: question });
      const answer = question.startsWith("Lister") ? within(form).getByRole("group", { name: question }) : within(form).getByRole("textbox", { name: new RegExp(question.replace(/[?()]/g, "\\$&")) });
      expect(answer).toBeTruthy();
      expect(within(form).getByRole("button", { name: "Enregistrer" })).toBeTruthy();
    }

    await screen.findByText("J'ai partagé mon écran sans aide.");
    const [first, second] = entryItems();
    expect(within(first!).getByRole("heading", { level: 3 }).textContent).toBe("Qu'ai-je essayé depuis la dernière séance ?");
    expect(first!.textContent).toContain("Écrit le 19 oct. 2026 · modifié le 20 oct. 2026");
    expect(within(second!).getByRole("heading", { level: 3 }).textContent).toBe("Lister les bénéfices (pour moi, mon équipe, l'entreprise)");
    expect(second!.textContent).toContain("Écrit le 5 oct. 2026");
    expect(second!.textContent).not.toContain("modifié");
  });

  it("refuses an empty answer on its field, then saves one, clears the box and lists it first", async () => {
    const { fake } = journalApi([older]);
    const { user } = renderView(<JournalView />, { fake, me });
    await screen.findByText(older.body);
    const form = screen.getByRole("form", { name: "What would I like to learn from a younger colleague?" });
    const box = within(form).getByRole("textbox");

    await user.type(box, "   ");
    await user.click(within(form).getByRole("button", { name: "Save" }));
    expect(within(form).getByText("Write something first.")).toBeTruthy();
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(fake.callsTo("createJournalEntry")).toHaveLength(0);

    await user.clear(box);
    await user.type(box, "Les raccourcis");
    await user.click(within(form).getByRole("button", { name: "Save" }));

    expect(await within(form).findByText("Saved in your journal.")).toBeTruthy();
    expect((box as HTMLTextAreaElement).value).toBe("");
    expect(fake.callsTo("createJournalEntry")[0]!.input.body).toEqual({ prompt: "learn-from-young", body: "Les raccourcis" });
    const [first] = entryItems();
    expect(first!.textContent).toContain("Les raccourcis");
    expect(within(first!).getByRole("heading", { level: 3 }).textContent).toBe("What would I like to learn from a younger colleague?");
  });

  it("edits an entry in place with the keyboard, sending the ETag it read", async () => {
    const { fake } = journalApi([newer, older]);
    const { user } = renderView(<JournalView />, { fake, me });
    await screen.findByText(older.body);
    const item = entryItems()[1]!;

    within(item).getByRole("button", { name: /^Edit the entry/ }).focus();
    await user.keyboard("{Enter}");
    const box = within(item).getByRole("textbox", { name: "Edit your entry" });
    expect(document.activeElement).toBe(box);
    await user.type(box, " Et plus de temps.");
    // Fluent's focus manager (Tabster) owns Tab, and happy-dom has no layout for it: focus the next control directly.
    within(item).getByRole("button", { name: "Save" }).focus();
    await user.keyboard("{Enter}");

    await waitFor(() => expect(within(item).queryByRole("textbox")).toBeNull());
    expect(within(item).getByText("Pour moi : moins d'e-mails. Et plus de temps.").tagName).toBe("P");
    const [patch] = fake.callsTo("updateJournalEntry");
    expect(patch!.input).toMatchObject({ params: { entryId: older.id }, body: { body: "Pour moi : moins d'e-mails. Et plus de temps." }, ifMatch: older.etag });
    expect(document.activeElement).toBe(within(item).getByRole("button", { name: /^Edit the entry/ }));
  });

  it("on 412 shows the conflict with a Reload button and keeps the draft; Reload shows the stored entry", async () => {
    const journal = journalApi([older]);
    const { user } = renderView(<JournalView />, { fake: journal.fake, me });
    await screen.findByText(older.body);
    const item = entryItems()[0]!;

    await user.click(within(item).getByRole("button", { name: /^Edit the entry/ }));
    journal.changeElsewhere(older.id, "Changé sur mon téléphone.");
    const box = within(item).getByRole("textbox", { name: "Edit your entry" });
    await user.clear(box);
    await user.type(box, "Mon brouillon");
    await user.click(within(item).getByRole("button", { name: "Save" }));

    const alert = await within(item).findByRole("alert");
    expect(alert.textContent).toContain("This was changed elsewhere in the meantime");
    expect((within(item).getByRole("textbox", { name: "Edit your entry" }) as HTMLTextAreaElement).value).toBe("Mon brouillon");

    await user.click(within(alert).getByRole("button", { name: "Reload" }));
    expect(await screen.findByText("Changé sur mon téléphone.")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(journal.fake.callsTo("listJournal")).toHaveLength(2);
  });

  it("deletes an entry only once confirmed", async () => {
    const { fake } = journalApi([newer, older]);
    const { user } = renderView(<JournalView />, { fake, me });
    await screen.findByText(newer.body);

    await user.click(within(entryItems()[0]!).getByRole("button", { name: "Delete the entry “What did I try since the last session?” of 19 Oct 2026" }));
    let dialog = await screen.findByRole("alertdialog", { name: "Delete this entry?" });
    await user.click(await within(dialog).findByRole("button", { name: "Cancel" }));
    // The dialog closes, after its motion (gone from the page, not only hidden), and nothing was deleted.
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());
    expect(fake.callsTo("deleteJournalEntry")).toHaveLength(0);
    expect(screen.getByText(newer.body)).toBeTruthy();

    // The page is back for assistive technology once the dialog has gone.
    const items = await waitFor(() => entryItems());
    await user.click(within(items[0]!).getByRole("button", { name: /^Delete the entry/ }));
    dialog = await screen.findByRole("alertdialog", { name: "Delete this entry?" });
    await user.click(await within(dialog).findByRole("button", { name: "Delete" }));

    await waitFor(() => expect(screen.queryByText(newer.body)).toBeNull());
    expect(fake.callsTo("deleteJournalEntry").map((c) => c.input)).toEqual([{ params: { entryId: newer.id }, ifMatch: newer.etag }]);
    expect(entryItems()).toHaveLength(1);
  });

  it("asks a mentor their own questions, never what to learn from a younger colleague", async () => {
    const { fake } = journalApi([]);
    renderView(<JournalView />, { fake, me: meOf(profileOf({ programRoles: ["mentor"], requests: [] })) });
    await screen.findByText("Nothing written yet. Your entries will appear here, newest first.");
    expect(screen.getAllByRole("form").map((f) => f.getAttribute("aria-label"))).toEqual([
      "What could I pass on next, and how?",
      "What have I learned from my mentee's experience?",
      "List the benefits (for me, my team, the company)",
      "What did I try since the last session?",
      "Free entry",
    ]);
    expect(screen.queryByText(/younger colleague/)).toBeNull();
  });

  it("takes the benefits as a list to tick and add to, and saves what is ticked", async () => {
    const { fake } = journalApi([]);
    const { user } = renderView(<JournalView />, { fake, me });
    const form = await screen.findByRole("form", { name: "List the benefits (for me, my team, the company)" });
    await user.click(within(form).getByRole("button", { name: "Save" }));
    expect(within(form).getByText("Tick a benefit or add your own first.")).toBeTruthy();
    expect(fake.callsTo("createJournalEntry")).toHaveLength(0);

    await user.click(within(form).getByRole("checkbox", { name: "I save time on routine tasks" }));
    await user.type(within(form).getByRole("textbox", { name: "Another benefit" }), "Fewer emails{Enter}");
    expect((within(form).getByRole("checkbox", { name: "Fewer emails" }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(form).getByRole("button", { name: "Save" }));

    expect(await within(form).findByText("Saved in your journal.")).toBeTruthy();
    expect(fake.callsTo("createJournalEntry")[0]!.input.body).toEqual({ prompt: "benefits", body: "• I save time on routine tasks\n• Fewer emails" });
    expect((within(form).getByRole("checkbox", { name: "I save time on routine tasks" }) as HTMLInputElement).checked).toBe(false);
  });

  it("tells a person with nothing written yet where their entries will appear", async () => {
    const { fake } = journalApi([]);
    renderView(<JournalView />, { fake, me });
    expect(await screen.findByText("Nothing written yet. Your entries will appear here, newest first.")).toBeTruthy();
    expect(screen.getByText("Private: only you can read this journal")).toBeTruthy();
  });
});
