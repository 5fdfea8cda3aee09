import { describe, expect, it } from "vitest";
import { fireEvent, screen, within } from "@testing-library/react";
import { ApiError } from "@tandem/ui";
import MatchingSection from "../src/features/coordinator/matching/MatchingSection";
import DemandSection from "../src/features/coordinator/demand/DemandSection";
import TandemsSection from "../src/features/coordinator/tandems/TandemsSection";
import CatalogueSection from "../src/features/coordinator/catalogue/CatalogueSection";
import { programReportOf } from "./reports-data";
import { fakeApi, meOf, renderView, skillList } from "./render";
import { cycleOf, demandOf, pastCycle, people, runIds, runOf, whyNotOf } from "./matching-data";

const coordinator = () => meOf(null, { roles: ["mentee", "coordinator"] });
const tandemIdsOf = ["7b1d5e2f-0000-4000-8000-000000000001", "7b1d5e2f-0000-4000-8000-000000000002"];
const started = (id: string) => ({ id, cycleId: cycleOf().id, status: "running" as const, progress: 0, startedAt: "2026-12-02T07:00:00.000Z", publication: null });

/** A fake api with the cycle and no run yet; each run answers "running" once, then done. */
function console_(done = runOf("done")) {
  let reads = 0;
  const fake = fakeApi({
    listCycles: () => ({ items: [pastCycle(), cycleOf()] }),
    listSkills: skillList,
    listMatchingRuns: () => ({ items: [] }),
    startMatchingRun: () => started(done.id),
    getMatchingRun: () => (reads++ === 0 ? runOf("running") : done),
  });
  return fake;
}

describe("the matching console", () => {
  it("shows the cycle open for matching with its rules, runs it with a progress bar, then its proposals with their reasons and the unmatched with theirs", async () => {
    const fake = console_();
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator() });

    // The cycle open for matching is chosen, not the past one; its weights and rules are shown.
    const picker = await screen.findByRole("combobox", { name: "Cycle" });
    expect((picker as HTMLSelectElement).selectedOptions[0]!.textContent).toContain("Cycle 3");
    expect((await screen.findByRole("slider", { name: "Skill and level" })).getAttribute("aria-valuetext")).toBe("40% (40)");
    expect((screen.getByRole("switch", { name: /^Circles/ }) as HTMLInputElement).checked).toBe(true);
    expect(await screen.findByText("No matching run for this cycle yet.")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Run the matching" }));
    expect(fake.callsTo("startMatchingRun")[0]!.input.body).toEqual({ cycleId: cycleOf().id, pins: [], removals: [] });
    const bar = await screen.findByRole("progressbar");
    expect(bar.getAttribute("aria-valuetext")).toBe("30%");

    // Done: the circle and the tandem, each pair's score and parts in words.
    const circle = await screen.findByRole("group", { name: "Nina Lopez with Denis Fabre, Paul Girard" }, { timeout: 3000 });
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(within(circle).getByText("Circle")).toBeTruthy();
    expect(await within(circle).findByText("Skill: Copilot in Microsoft 365")).toBeTruthy();
    expect(within(circle).getByText("Denis Fabre: score 80 / 100")).toBeTruthy();
    expect(within(circle).getByText("Teaches Copilot at expert level (Paul)")).toBeTruthy();
    expect(within(circle).getAllByText("Different departments (+15 / 15)")).toHaveLength(2);
    expect(screen.getByRole("status").textContent).toBe("3 of 5 mentees matched, 2 without a mentor; 3 mentors; 0 pinned.");

    const unmatched = screen.getByRole("table", { name: "Without a proposal (2)" });
    const laurence = within(unmatched).getByRole("row", { name: /Laurence Bonnet/ });
    expect(within(laurence).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "Laurence Bonnet",
      "Mentee",
      "The only Copilot mentor is in her reporting chain.",
    ]);
  });

  it("sends the pairs pinned and removed with the next run", async () => {
    const fake = console_();
    fake.on("listMatchingRuns", () => ({ items: [started(runIds[0])] }));
    fake.on("getMatchingRun", () => runOf("done"));
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator() });

    await user.click(await screen.findByRole("button", { name: "Pin Tom Baker with Anne Leroy for the next run" }));
    await user.click(screen.getByRole("button", { name: "Remove Nina Lopez with Paul Girard from the next run" }));
    expect(screen.getByText("Kept: Tom Baker with Anne Leroy")).toBeTruthy();
    expect(screen.getByText("Taken out: Nina Lopez with Paul Girard")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Pin Tom Baker with Anne Leroy for the next run" }).getAttribute("aria-pressed")).toBe("true");

    fake.on("startMatchingRun", () => started(runIds[1]));
    await user.click(screen.getByRole("button", { name: "Run again" }));
    expect(fake.callsTo("startMatchingRun")[0]!.input.body).toEqual({
      cycleId: cycleOf().id,
      pins: [{ mentorId: people.tom.id, menteeId: people.anne.id }],
      removals: [{ mentorId: people.nina.id, menteeId: people.paul.id }],
    });
  });

  it("answers why a pair was not proposed, in words", async () => {
    const fake = console_();
    fake.on("listMatchingRuns", () => ({ items: [started(runIds[0])] }));
    fake.on("getMatchingRun", () => runOf("done"));
    fake.on("whyNotPair", () => whyNotOf());
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator() });

    const mentor = await screen.findByRole("combobox", { name: "Mentor" });
    // Mentors the run proposed and those it left without a mentee; mentees likewise.
    expect([...(mentor as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(["Choose…", "Nina Lopez", "Sacha Morel", "Tom Baker"]);
    await user.selectOptions(mentor, "Sacha Morel");
    await user.selectOptions(screen.getByRole("combobox", { name: "Mentee" }), "Laurence Bonnet");
    await user.click(screen.getByRole("button", { name: "Ask why" }));
    expect(await screen.findByText("Sacha Morel is in Laurence Bonnet's reporting chain.")).toBeTruthy();
    expect(fake.callsTo("whyNotPair")[0]!.input.query).toEqual({ mentorId: people.sacha.id, menteeId: people.laurence.id });
  });

  it("lets a pair the engine allowed but did not choose be pinned for the next run, from its answer", async () => {
    const fake = console_();
    fake.on("listMatchingRuns", () => ({ items: [started(runIds[0])] }));
    fake.on("getMatchingRun", () => runOf("done"));
    fake.on("whyNotPair", () => ({
      mentorId: people.tom.id,
      menteeId: people.denis.id,
      answer: {
        status: "not_chosen",
        pair: { mentorId: people.tom.id, menteeId: people.denis.id, skillId: "copilot-in-m365", score: 60, parts: [], pinned: false },
        fitShortfall: 20,
        wouldUnmatch: 0,
        changes: [{ menteeId: people.anne.id, from: people.tom.id, to: null }],
      },
      words: { fr: "Il faudrait 20 points de plus.", en: "Its fit would need 20 more points; Anne Leroy would lose her mentor." },
    }));
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator() });
    await user.click(await screen.findByRole("button", { name: "Pin Nina Lopez with Denis Fabre for the next run" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Mentor" }), "Tom Baker");
    await user.selectOptions(screen.getByRole("combobox", { name: "Mentee" }), "Denis Fabre");
    await user.click(screen.getByRole("button", { name: "Ask why" }));
    expect(await screen.findByText("Its fit would need 20 more points; Anne Leroy would lose her mentor.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Pin Tom Baker with Denis Fabre for the next run" }));
    expect(screen.getByText("Kept: Tom Baker with Denis Fabre")).toBeTruthy();
    // A mentee has one pin: Denis's pin in the circle is replaced, not added to.
    expect(screen.queryByText("Kept: Nina Lopez with Denis Fabre")).toBeNull();
    fake.on("startMatchingRun", () => started(runIds[1]));
    await user.click(screen.getByRole("button", { name: "Run again" }));
    expect(fake.callsTo("startMatchingRun")[0]!.input.body).toMatchObject({ pins: [{ mentorId: people.tom.id, menteeId: people.denis.id }] });
  });

  it("publishes once with a key kept for retries, tells what changed when the api refuses, follows the publication's job, and says what publishing did", async () => {
    const fake = console_();
    fake.on("listMatchingRuns", () => ({ items: [started(runIds[0])] }));
    fake.on("getMatchingRun", () => runOf("done"));
    fake.on("publishMatchingRun", () => {
      throw new ApiError(409, "conflict", "The run's inputs changed", [], null, {
        changes: [{ what: "people", ids: [people.denis.id], words: { fr: "Denis Fabre a changé son profil.", en: "Denis Fabre changed his profile." } }],
      });
    });
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator() });

    await user.click(await screen.findByRole("button", { name: "Publish" }));
    expect(await screen.findByText("Things changed since this run")).toBeTruthy();
    expect(screen.getByText("Denis Fabre changed his profile.")).toBeTruthy();

    // Tried again (a dropped answer, say): the same key. Accepted, its job writes one proposal, then the other.
    const tandemIds = tandemIdsOf;
    const publication = (written: number, publishedAt: string | null = null) => ({ startedAt: "2026-12-02T07:05:00.000Z", publishedAt, by: people.tom.id, tandemIds, written, error: null, stalled: false });
    fake.on("publishMatchingRun", () => ({ runId: runIds[0], publishedAt: null, tandemIds, tandems: 1, circles: 1, written: 0, error: null }));
    let reads = 0;
    fake.on("getMatchingRun", () => runOf("done", { publication: [publication(1), publication(2, "2026-12-02T07:05:02.000Z")][Math.min(reads++, 1)]! }));
    await user.click(screen.getByRole("button", { name: "Publish" }));
    expect(await screen.findByText("Publishing: 1 of 2 proposals written…")).toBeTruthy();
    expect(screen.getByRole("progressbar").getAttribute("aria-valuetext")).toBe("1 / 2");
    expect(screen.queryByRole("button", { name: "Publish" })).toBeNull();
    expect(await screen.findByText("Published: 1 tandem and 1 circle.", {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
    const [first, second] = fake.callsTo("publishMatchingRun");
    // The run's own key: a reload (or another coordinator) finishes the same publication rather than being refused.
    expect(first!.input.idempotencyKey).toBe(`publish:${runIds[0]}`);
    expect(second!.input.idempotencyKey).toBe(first!.input.idempotencyKey);
    // Published: nothing left to pin or remove.
    expect(screen.queryByRole("button", { name: /^Pin / })).toBeNull();
  });

  it("says when a publication's job stopped before the end, and finishes it with the same key", async () => {
    const fake = console_();
    const stopped = { startedAt: "2026-12-02T07:05:00.000Z", publishedAt: null, by: people.tom.id, tandemIds: [...tandemIdsOf], written: 1, error: "Publishing stopped after 5 attempts: Storage is not answering.", stalled: false };
    fake.on("listMatchingRuns", () => ({ items: [started(runIds[0])] }));
    fake.on("getMatchingRun", () => runOf("done", { publication: stopped }));
    fake.on("publishMatchingRun", () => ({ runId: runIds[0], publishedAt: null, tandemIds: stopped.tandemIds, tandems: 1, circles: 1, written: 1, error: null }));
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator() });
    expect(await screen.findByText("Publishing stopped before the end (1 of 2 written): Publishing stopped after 5 attempts: Storage is not answering.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Finish publishing" }));
    expect(fake.callsTo("publishMatchingRun")).toHaveLength(1);
  });

  it("says when a publication stalled (its job never ran), in the reader's language, and finishes it with the run's key", async () => {
    const fake = console_();
    const stalled = {
      startedAt: "2026-12-02T07:05:00.000Z",
      publishedAt: null,
      by: people.tom.id,
      tandemIds: [...tandemIdsOf],
      written: 0,
      error: "The publication made no progress for 10 minutes (its job was never queued, or was lost): publish again with the same Idempotency-Key to finish it.",
      stalled: true,
    };
    fake.on("listMatchingRuns", () => ({ items: [started(runIds[0])] }));
    fake.on("getMatchingRun", () => runOf("done", { publication: stalled }));
    fake.on("publishMatchingRun", () => ({ runId: runIds[0], publishedAt: null, tandemIds: stalled.tandemIds, tandems: 1, circles: 1, written: 0, error: null }));
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator(), locale: "fr-FR" });
    const stalledSays = "La publication n’avance plus depuis un moment (0 écrites sur 2)\u202f: elle a sans doute été interrompue. Terminez-la\u202f: rien n’est écrit deux fois.";
    expect(await screen.findByText((_, node) => node?.textContent === stalledSays && node.children.length === 0)).toBeTruthy();
    // The api's English words for developers are not what a French reader gets.
    expect(document.body.textContent).not.toContain("no progress");
    // No progress bar left turning: the console stopped reading it as under way.
    expect(screen.queryByRole("progressbar")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Terminer la publication" }));
    expect(fake.callsTo("publishMatchingRun").map((c) => c.input)).toEqual([expect.objectContaining({ params: { runId: runIds[0] }, idempotencyKey: `publish:${runIds[0]}` })]);
  });

  it("sets the weights and rules, saves them over the ETag read, and runs only once they are saved", async () => {
    const fake = console_();
    fake.on("replaceCycle", (input) => ({ ...cycleOf(), ...(input.body as object), etag: 'W/"cycle-3b"' }));
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator() });

    const overlap = await screen.findByRole("slider", { name: "Working hours in common" });
    // happy-dom's range inputs do not step with arrow keys: the browser test does it with the keyboard.
    fireEvent.change(overlap, { target: { value: "20" } });
    expect(overlap.getAttribute("aria-valuetext")).toBe("18% (20)");
    await user.click(screen.getByRole("switch", { name: /^Pairs from earlier cycles/ }));
    const max = screen.getByRole("spinbutton", { name: "Mentees per mentor at most" });
    await user.clear(max);
    await user.type(max, "2");
    await user.click(screen.getByRole("switch", { name: "Only people who enrolled in this cycle take part" }));
    expect(screen.getByText("Changes not saved yet.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Run the matching" }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole("button", { name: "Save the rules" }));
    const [put] = fake.callsTo("replaceCycle");
    expect(put!.input.ifMatch).toBe('W/"cycle-3"');
    expect(put!.input.body).toMatchObject({
      name: cycleOf().name,
      enrolment: "profile",
      matching: { ...cycleOf().matching, weights: { ...cycleOf().matching.weights, overlap: 20 }, allowRepeatPairs: true, maxMenteesPerMentor: 2 },
    });
    expect(await screen.findByText("Rules saved: the next run uses them.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Run the matching" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("says a stale cycle was changed elsewhere (412)", async () => {
    const fake = console_();
    fake.on("replaceCycle", () => {
      throw new ApiError(412, "precondition_failed", "This cycle was changed elsewhere: reload and try again.");
    });
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator() });
    await user.click(await screen.findByRole("switch", { name: /^Same department allowed/ }));
    await user.click(screen.getByRole("button", { name: "Save the rules" }));
    expect(await screen.findByText(/Someone changed this cycle meanwhile/)).toBeTruthy();
  });

  it("shows a run a page at a time, and the next page on demand", async () => {
    const all = runOf("done");
    const first = { ...all, proposals: all.proposals.slice(0, 1), unmatched: all.unmatched.slice(0, 1), totals: { proposals: 2, unmatched: 2 }, notEnrolled: 3, nextLink: `/api/matching/runs/${all.id}?top=1&skip=1` };
    const second = { ...all, proposals: all.proposals.slice(1), unmatched: all.unmatched.slice(1), totals: { proposals: 2, unmatched: 2 }, notEnrolled: 3, nextLink: null };
    const fake = console_();
    fake.on("listMatchingRuns", () => ({ items: [started(all.id)] }));
    fake.on("getMatchingRun", (input) => ((input.query as { skip?: number } | undefined)?.skip === 1 ? second : first));
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator() });

    expect(await screen.findByText("1 of 2 proposals and 1 of 2 people without a proposal shown.")).toBeTruthy();
    expect(screen.getByText("3 members of the program did not enrol in this cycle: left out.")).toBeTruthy();
    expect(screen.queryByRole("group", { name: "Tom Baker with Anne Leroy" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Show more" }));
    expect(await screen.findByRole("group", { name: "Tom Baker with Anne Leroy" })).toBeTruthy();
    expect(fake.callsTo("getMatchingRun").at(-1)!.input.query).toEqual({ top: 1, skip: 1 });
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull();
  });

  it("offers to run again from the changes a refused publication names", async () => {
    const fake = console_();
    fake.on("listMatchingRuns", () => ({ items: [started(runIds[0])] }));
    fake.on("getMatchingRun", () => runOf("done"));
    fake.on("publishMatchingRun", () => {
      throw new ApiError(409, "conflict", "changed", [], null, {
        changes: [{ what: "tandems", ids: [], words: { fr: "Un tandem a été décliné.", en: "A tandem was declined." } }],
      });
    });
    fake.on("startMatchingRun", () => started(runIds[1]));
    const { user } = renderView(<MatchingSection />, { fake, me: coordinator() });
    await user.click(await screen.findByRole("button", { name: "Publish" }));
    const warning = (await screen.findByText("A tandem was declined.")).closest("[role=group], .fui-MessageBar") as HTMLElement;
    await user.click(within(warning).getByRole("button", { name: "Run again" }));
    expect(fake.callsTo("startMatchingRun")).toHaveLength(1);
  });
});

describe("demand and supply", () => {
  it("charts requests against free places by skill, with the gap in a table, for the cycle chosen", async () => {
    const fake = fakeApi({ listCycles: () => ({ items: [pastCycle(), cycleOf()] }), programDemand: () => demandOf() });
    const { user } = renderView(<DemandSection />, { fake, me: coordinator() });

    const table = await screen.findByRole("table", { name: "Demand and supply by skill" });
    expect(fake.callsTo("programDemand")[0]!.input.query).toEqual({ cycleId: cycleOf().id });
    expect(screen.getByRole("img", { name: /^Requests and free places, by skill/ })).toBeTruthy();
    const copilot = within(table).getByRole("row", { name: /Copilot in Microsoft 365/ });
    expect(within(copilot).getAllByRole("cell").map((c) => c.textContent)).toEqual(["Copilot in Microsoft 365", "5", "3 · 1 · 1", "1", "4", "+1"]);
    const teams = within(table).getByRole("row", { name: /Teams meetings/ });
    expect(within(teams).getAllByRole("cell").at(-1)!.textContent).toBe("-2");
    expect(screen.getByText("6 requests, 3 mentors, 7 free places in all.")).toBeTruthy();

    await user.selectOptions(screen.getByRole("combobox", { name: "Cycle" }), pastCycle().id);
    await screen.findByRole("table", { name: "Demand and supply by skill" });
    expect(fake.callsTo("programDemand").at(-1)!.input.query).toEqual({ cycleId: pastCycle().id });
  });
});

describe("the program's tandems", () => {
  it("lists every tandem and circle with its state and whether its mentor is trained, filtered by state and cycle", async () => {
    const base = programReportOf();
    // Léa's tandem is over: a coordinator alone may reopen it, from its row.
    const report = { ...base, tandems: base.tandems.map((x) => (/Léa/.test(x.members.map((m) => m.displayName).join()) ? { ...x, status: "completed" as const } : x)) };
    const fake = fakeApi({ listCycles: () => ({ items: [pastCycle(), cycleOf({ id: report.tandems[0]!.cycleId, name: "Cycle 2 : IA et collaboration" })] }), programReport: () => report });
    const { user } = renderView(<TandemsSection />, { fake, me: coordinator() });

    const table = await screen.findByRole("table", { name: "Tandems and circles" });
    const zoe = within(table).getByRole("row", { name: /Zoé Mercier/ });
    expect(within(zoe).getAllByRole("cell").map((c) => c.textContent)).toEqual(["Zoé Mercier", "Philippe Girard", "Tandem", "Active", "Cycle 2 : IA et collaboration", "Not yet", ""]);
    const lea = within(table).getByRole("row", { name: /Léa Fontaine/ });
    expect(within(lea).getAllByRole("cell").at(-2)!.textContent).toBe("Done");
    expect(within(lea).getByRole("button", { name: /^Reopen the tandem of .*Léa Fontaine/ }).textContent).toBe("Reopen");
    expect(within(zoe).queryByRole("button")).toBeNull();

    await user.selectOptions(screen.getByRole("combobox", { name: "State" }), "Completed");
    expect(screen.getByRole("status").textContent).toBe("1 tandem or circle");

    await user.selectOptions(screen.getByRole("combobox", { name: "State" }), "Active");
    await user.selectOptions(screen.getByRole("combobox", { name: "Cycle" }), pastCycle().id);
    expect(screen.getByText("None matches these filters.")).toBeTruthy();
  });
});

describe("the catalogue", () => {
  it("lists skills in both languages and cycles with their cadence; adds a skill, relabels one, creates a cycle", async () => {
    const fake = fakeApi({ listSkills: skillList, listCycles: () => ({ items: [cycleOf()] }) });
    const { user } = renderView(<CatalogueSection />, { fake, me: coordinator() });

    const skillsTable = await screen.findByRole("table", { name: "Skills" });
    const excel = within(skillsTable).getByRole("row", { name: /Excel: Power Query/ });
    expect(within(excel).getAllByRole("cell").slice(0, 3).map((c) => c.textContent)).toEqual(["Excel: Power Query", "Excel : Power Query", "Software"]);
    const cyclesTable = await screen.findByRole("table", { name: "Cycles" });
    expect(within(cyclesTable).getByRole("row", { name: /Cycle 3/ }).textContent).toContain("Every 2 weeks, 45 min");

    fake.on("createSkill", ({ body }) => ({ ...(body as object), etag: 'W/"new"' }));
    await user.type(screen.getByRole("textbox", { name: "English label" }), "Online reviews");
    await user.type(screen.getByRole("textbox", { name: "French label" }), "Avis en ligne");
    await user.selectOptions(screen.getByRole("combobox", { name: "Category" }), "Customer experience");
    await user.click(screen.getByRole("button", { name: "Add the skill" }));
    expect(fake.callsTo("createSkill")[0]!.input.body).toEqual({ id: "online-reviews", label: { fr: "Avis en ligne", en: "Online reviews" }, category: "customer-experience", retired: false });
    expect(await screen.findByText("“Online reviews” is saved.")).toBeTruthy();

    fake.on("replaceSkill", ({ body }) => ({ id: "teams-meetings", ...(body as object), etag: 'W/"v2"' }));
    await user.click(screen.getByRole("button", { name: "Edit Teams meetings" }));
    const fr = screen.getByRole("textbox", { name: "French label" });
    await user.clear(fr);
    await user.type(fr, "Réunions dans Teams");
    await user.click(screen.getByRole("button", { name: "Save" }));
    const replaced = fake.callsTo("replaceSkill")[0]!.input;
    expect(replaced).toMatchObject({ params: { skillId: "teams-meetings" }, ifMatch: 'W/"skill-teams-meetings"', body: { label: { fr: "Réunions dans Teams", en: "Teams meetings" }, category: "collaboration" } });

    fake.on("createCycle", ({ body }) => ({ ...cycleOf({ id: "9b0c4d1e-0000-4000-8000-000000000009" }), ...(body as object), etag: 'W/"c4"' }));
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Cycle 4");
    await user.type(screen.getByLabelText(/Starts on/), "2027-06-01");
    await user.type(screen.getByLabelText(/Ends on/), "2027-12-01");
    await user.clear(screen.getByRole("spinbutton", { name: "Every how many weeks" }));
    await user.type(screen.getByRole("spinbutton", { name: "Every how many weeks" }), "3");
    await user.click(screen.getByRole("button", { name: "Create the cycle" }));
    expect(fake.callsTo("createCycle")[0]!.input.body).toMatchObject({ name: "Cycle 4", startsOn: "2027-06-01", endsOn: "2027-12-01", cadence: { everyWeeks: 3, sessionMinutes: 45 } });
    expect(await screen.findByText("“Cycle 4” is created.")).toBeTruthy();
  });
});
