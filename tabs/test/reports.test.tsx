import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import axe from "axe-core";
import { ApiError } from "@tandem/ui";
import { suggestionsFor } from "@tandem/core";
import TeamView from "../src/features/reports/TeamView";
import HealthSection from "../src/features/coordinator/health/HealthSection";
import { Shell } from "../src/app/Shell";
import CoordinatorArea from "../src/features/coordinator/CoordinatorArea";
import { coordinatorSections } from "../src/features/coordinator/sections";
import { fakeApi, meOf, profileOf, renderView } from "./render";
import { programReportOf, smallTeamReportOf, teamReportOf } from "./reports-data";

const NNBSP = "\u202f";
const manager = () => meOf(null, { roles: ["manager"] });
const coordinator = () => meOf(null, { roles: ["mentee", "coordinator"] });

/** What a figure's card says: its name, then its value or why it is hidden. */
const figure = (name: string) => screen.getByRole("group", { name });

/** The file the view saved: the anchor it clicked, and the text behind the blob. */
let saved: { name: string; text: Promise<string> }[] = [];
beforeEach(() => {
  saved = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, b as Blob);
    return url;
  });
  vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, text: blobs.get(this.href)!.text() });
  });
});
afterEach(() => vi.restoreAllMocks());

describe("the manager's team view", () => {
  it("shows the team's key figures, the months as charts, the steps to take and who is enrolled", async () => {
    const fake = fakeApi({ teamReport: () => teamReportOf() });
    renderView(<TeamView />, { fake, me: manager() });

    expect(screen.getByRole("heading", { level: 1, name: "My team" })).toBeTruthy();
    await screen.findByRole("heading", { name: "Key figures" });
    expect(figure("Enrolled").textContent).toContain("8 of 10");
    expect(figure("Enrolled").textContent).toContain("4 as mentor, 5 as mentee");
    expect(figure("Sessions held").textContent).toContain("40");
    expect(figure("Sessions held").textContent).toContain("51.1 expected by the cadence (78%)");
    expect(figure("Hours of mentoring").textContent).toContain("30.8");
    expect(figure("Goals achieved").textContent).toContain("3");
    expect(figure("Quiet or at-risk tandems").textContent).toContain("1");

    // The months as charts, each an image with a name, and the steps the article suggests.
    expect(screen.getByRole("img", { name: /^Sessions held against what the cadence expects: a bar chart/ })).toBeTruthy();
    expect(screen.getByRole("img", { name: /^Hours of mentoring: a bar chart/ })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Small steps" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Make time for sessions" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Make sessions systematic" })).toBeTruthy();
    expect(screen.getAllByText("Some tandems have gone quiet").length).toBeGreaterThan(0);

    // Per person: enrolled or not, as what; nothing else.
    const people = screen.getByRole("table", { name: "People in my team" });
    const kevin = within(people).getByRole("row", { name: /Kevin O'Brien/ });
    expect(within(kevin).getAllByRole("cell").map((c) => c.textContent)).toEqual(["Kevin O'Brien", "Sales", "No", ""]);
    const yanis = within(people).getByRole("row", { name: /Yanis Haddad/ });
    expect(within(yanis).getAllByRole("cell").map((c) => c.textContent)).toEqual(["Yanis Haddad", "Sales", "Yes", "Mentor and mentee"]);
    expect(within(people).getAllByRole("columnheader").map((c) => c.textContent)).toEqual(["Name", "Department", "Enrolled", "As"]);
  });

  it("says why a figure is hidden, never shows it as 0", async () => {
    const report = teamReportOf();
    report.total.figures!.goalsAchieved = null;
    for (const m of report.months) m.figures!.goalsAchieved = null;
    renderView(<TeamView />, { fake: fakeApi({ teamReport: () => report }), me: manager() });

    await screen.findByRole("heading", { name: "Key figures" });
    const goals = figure("Goals achieved");
    expect(goals.textContent).toContain("Hidden");
    expect(goals.textContent).toContain("About fewer than 5 mentees: hidden to protect their privacy.");
    expect(goals.textContent).not.toMatch(/\d(?! mentees)/);

    // The roles: 4 mentors are too few, and the mentees would give them away by subtraction.
    const cuts = screen.getByRole("table", { name: "By department and role" });
    expect(within(cuts).getByRole("row", { name: /As mentor/ }).textContent).toBe("As mentor4Hidden (fewer than 5 people)");
    expect(within(cuts).getByRole("row", { name: /As mentee/ }).textContent).toBe("As mentee5Hidden (would reveal a hidden figure)");
  });

  it("explains kindly a team under the minimum group size, instead of empty charts", async () => {
    renderView(<TeamView />, { fake: fakeApi({ teamReport: () => smallTeamReportOf() }), me: manager() });

    expect(await screen.findByText("Your team is too small for team figures")).toBeTruthy();
    expect(screen.getByText(/3 of your team take part in the program, fewer than 5/)).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Month by month" })).toBeNull();
    expect(screen.queryByRole("img")).toBeNull();
    expect(figure("Sessions held").textContent).toContain("Hidden");
    expect(figure("Sessions held").textContent).toContain("About fewer than 5 people: hidden to protect their privacy.");
    expect(figure("Quiet or at-risk tandems").textContent).toContain("Hidden");
    // Who is enrolled stays: a manager may see it, and it is what they act on.
    expect(figure("Enrolled").textContent).toContain("3 of 3");
    expect(within(screen.getByRole("table", { name: "People in my team" })).getByText("Inès Bakri")).toBeTruthy();
  });

  it("explains kindly that nobody reports to a manager, whether the api refuses or the team is empty", async () => {
    const refused = fakeApi({
      teamReport: () => {
        throw new ApiError(403, "forbidden", "Managers only");
      },
    });
    const first = renderView(<TeamView />, { fake: refused, me: meOf(null) });
    expect(await screen.findByText("Nobody reports to you yet")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("button", { name: "Download as CSV" })).toBeNull();
    first.unmount();

    const none = { people: 0, hidden: null, figures: null } as const;
    const empty = teamReportOf({
      total: { people: 0, hidden: "fewer_than_minimum", figures: null },
      byDepartment: [],
      byRole: [
        { role: "mentor", ...none },
        { role: "mentee", ...none },
      ],
      months: [],
      people: [],
      counts: { people: 0, enrolled: 0, mentors: 0, mentees: 0 },
      atRisk: null,
      suggestions: [],
    });
    renderView(<TeamView />, { fake: fakeApi({ teamReport: () => empty }), me: manager() });
    expect(await screen.findByText("Nobody reports to you yet")).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Key figures" })).toBeNull();
  });

  it("says when the report could not be read, and reads it again on request", async () => {
    let fail = true;
    const fake = fakeApi({
      teamReport: () => {
        if (fail) throw new ApiError(503, "unavailable", "Storage is not answering");
        return teamReportOf();
      },
    });
    const { user } = renderView(<TeamView />, { fake, me: manager() });
    const alert = await screen.findByRole("alert");
    fail = false;
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "Key figures" })).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("suggests small and big steps when few of the team are enrolled, with questions for the interviews", async () => {
    const counts = { people: 10, enrolled: 2, mentors: 1, mentees: 1 };
    const report = teamReportOf({ counts, suggestions: suggestionsFor({ ...counts, held: 40, expected: 51.1, atRisk: 0 }), atRisk: 0 });
    renderView(<TeamView />, { fake: fakeApi({ teamReport: () => report }), me: manager(), locale: "fr-FR" });
    await screen.findByRole("heading", { name: "Ce que vous pouvez faire" });
    expect(screen.getByRole("heading", { name: "Petits pas" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Demandez à vos collègues seniors ce qui leur plairait d'apprendre" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Grands pas" })).toBeTruthy();
    const recruit = screen.getByRole("heading", { name: "Recrutez des juniors dont les compétences nourrissent le programme" }).closest("[data-suggestion]")!;
    expect(within(recruit as HTMLElement).getByText("Peu de personnes de votre équipe sont inscrites")).toBeTruthy();
    expect(within(recruit as HTMLElement).getByRole("heading", { name: "Questions pour les entretiens" })).toBeTruthy();
    expect(within(recruit as HTMLElement).getAllByRole("listitem").length).toBe(6);
  });

  it("asks for the period chosen, and downloads the CSV of that period through the api", async () => {
    const fake = fakeApi({ teamReport: ({ query }) => teamReportOf({ period: Number((query as { period: number }).period) as 90 }), teamReportCsv: () => "\uFEFFCut,Value\r\n" });
    const { user } = renderView(<TeamView />, { fake, me: manager() });
    await screen.findByRole("heading", { name: "Key figures" });
    expect(fake.callsTo("teamReport").map((c) => c.input.query)).toEqual([{ period: 90 }]);

    await user.click(screen.getByRole("radio", { name: "Last 12 months" }));
    await screen.findByRole("heading", { name: "Key figures" });
    expect(fake.callsTo("teamReport").map((c) => c.input.query)).toEqual([{ period: 90 }, { period: 365 }]);

    await user.click(screen.getByRole("button", { name: "Download as CSV" }));
    expect(await screen.findByText("“tandem-team-365.csv” is downloaded.")).toBeTruthy();
    expect(fake.callsTo("teamReportCsv").map((c) => c.input.query)).toEqual([{ period: 365, lang: "en" }]);
    expect(saved.map((f) => f.name)).toEqual(["tandem-team-365.csv"]);
    // The byte order mark stays, so that Excel reads UTF-8.
    expect(await saved[0]!.text).toBe("\uFEFFCut,Value\r\n");
  });

  it("in French: French words and typography, the steps in French, and the French CSV", async () => {
    const fake = fakeApi({ teamReport: () => teamReportOf(), teamReportCsv: () => "\uFEFFDécoupage;Valeur\r\n" });
    const { user } = renderView(<TeamView />, { fake, me: manager(), locale: "fr-FR" });
    expect(screen.getByRole("heading", { level: 1, name: "Mon équipe" })).toBeTruthy();
    await screen.findByRole("heading", { name: "Chiffres clés" });
    expect(figure("Séances tenues").textContent).toContain(`51,1 attendues selon le rythme (78${NNBSP}%)`);
    expect(figure("Heures de mentorat").textContent).toContain("30,8");
    expect(screen.getByRole("heading", { name: "Dégagez du temps pour les séances" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Télécharger en CSV" }));
    expect((await screen.findByText(/tandem-equipe-90\.csv/)).textContent).toBe(`«${NNBSP}tandem-equipe-90.csv${NNBSP}» est téléchargé.`);
    expect(fake.callsTo("teamReportCsv").map((c) => c.input.query)).toEqual([{ period: 90, lang: "fr" }]);
  });

  it("gives each chart's figures as a table, on demand, from the keyboard", async () => {
    const { user } = renderView(<TeamView />, { fake: fakeApi({ teamReport: () => teamReportOf() }), me: manager() });
    await screen.findByRole("heading", { name: "Key figures" });
    const chart = screen.getByRole("region", { name: "Sessions held against what the cadence expects" });
    const toggle = within(chart).getByRole("button", { name: "Show the figures as a table" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(within(chart).queryByRole("table")).toBeNull();

    toggle.focus();
    await user.keyboard("{Enter}");
    const table = within(chart).getByRole("table", { name: "Sessions held against what the cadence expects" });
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual(["Month", "Held", "Expected by the cadence"]);
    expect(within(table).getByRole("row", { name: /October 2026/ }).textContent).toBe("October 202616" + "23.5");
    expect(within(chart).getByRole("button", { name: "Hide the table" }).getAttribute("aria-expanded")).toBe("true");
  });

  it("breaks no accessibility rule", async () => {
    const { container, user } = renderView(<TeamView />, { fake: fakeApi({ teamReport: () => teamReportOf() }), me: manager() });
    await screen.findByRole("heading", { name: "Key figures" });
    await user.click(screen.getAllByRole("button", { name: "Show the figures as a table" })[0]!);
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(" | ")}`)).toEqual([]);
  });
});

describe("the coordinator's program health", () => {
  it("shows the program's figures, matching, demand against supply, ratings, training and the tandems at risk by name", async () => {
    const fake = fakeApi({ programReport: () => programReportOf() });
    renderView(<HealthSection />, { fake, me: coordinator() });
    await screen.findByRole("heading", { name: "Key figures" });
    expect(figure("Matching rate").textContent).toContain("93%");
    expect(figure("Matching rate").textContent).toContain("19 of 21 mentees, 19 of 20 mentors in a tandem");
    expect(figure("Mentors trained").textContent).toContain("10 of 20");
    expect(figure("Closing survey: it helped").textContent).toBe("Closing survey: it helped10 of 129 would do it again");
    expect(figure("Average rating").textContent).toContain("4.3 / 5");
    expect(figure("Sessions held").textContent).toContain("284");

    const atRisk = screen.getByRole("table", { name: "Tandems at risk" });
    const rows = within(atRisk).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain("Tandem: Zoé Mercier (Mentor), Philippe Girard (Mentee)");
    expect(rows[0]!.textContent).toContain("No session held for more than two cadence periods");
    expect(rows[0]!.textContent).toContain("2 of 4.3");
    expect(within(atRisk).queryByText(/Léa Fontaine/)).toBeNull();

    expect(screen.getByRole("img", { name: /^Requests and offers by skill, the largest gaps first: a bar chart/ })).toBeTruthy();
    expect(screen.getByRole("img", { name: /^Ratings given in the period's check-ins: a bar chart/ })).toBeTruthy();
    const cuts = screen.getByRole("table", { name: "By department and role" });
    expect(within(cuts).getByRole("row", { name: /Executive/ }).textContent).toBe("Department: Executive1Hidden (fewer than 5 people)");
  });

  it("hides the closing survey's answers while fewer people than the minimum answered", async () => {
    const report = programReportOf();
    const fake = fakeApi({ programReport: () => ({ ...report, surveys: { answered: 3, helped: null, again: null, hidden: "fewer_than_minimum" } }) });
    renderView(<HealthSection />, { fake, me: coordinator() });
    await screen.findByRole("heading", { name: "Key figures" });
    expect(figure("Closing survey: it helped").textContent).toContain("About fewer than 5 people: hidden to protect their privacy.");
    expect(figure("Closing survey: it helped").textContent).not.toMatch(/would do it again/);
  });

  it("asks for the period chosen and downloads the program's CSV", async () => {
    const fake = fakeApi({ programReport: () => programReportOf(), programReportCsv: () => "\uFEFFx\r\n" });
    const { user } = renderView(<HealthSection />, { fake, me: coordinator(), locale: "fr-FR" });
    await screen.findByRole("heading", { name: "Chiffres clés" });
    expect(figure("Taux de mise en relation").textContent).toContain(`93${NNBSP}%`);
    await user.click(screen.getByRole("radio", { name: "30 derniers jours" }));
    await screen.findByRole("heading", { name: "Chiffres clés" });
    expect(fake.callsTo("programReport").map((c) => c.input.query)).toEqual([{ period: 90 }, { period: 30 }]);
    await user.click(screen.getByRole("button", { name: "Télécharger en CSV" }));
    await screen.findByText(/tandem-programme-30\.csv/);
    expect(fake.callsTo("programReportCsv").map((c) => c.input.query)).toEqual([{ period: 30, lang: "fr" }]);
  });
});

describe("the coordinator's area", () => {
  it("opens its first section, loaded when opened, whatever section the address names, with the others named beside it", async () => {
    window.location.hash = "/program/nothing-here";
    renderView(<CoordinatorArea />, { fake: fakeApi({ programReport: () => programReportOf() }), me: coordinator() });
    expect(screen.getByRole("heading", { level: 1, name: "Program" })).toBeTruthy();
    expect(coordinatorSections.map((x) => x.id)).toEqual(["health", "matching", "demand", "tandems", "catalogue"]);
    expect(await screen.findByRole("heading", { name: "Tandems at risk" })).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "Program sections" });
    expect(within(nav).getAllByRole("tab").map((t) => t.querySelector(".fui-Tab__content")!.textContent)).toEqual(["Health", "Matching", "Demand and supply", "Tandems", "Catalogue"]);
    expect(within(nav).getByRole("tab", { name: "Health" }).getAttribute("aria-selected")).toBe("true");
    window.location.hash = "";
  });
});

describe("the tab's navigation", () => {
  // Fluent writes each tab's name twice (once bold, hidden, to keep its width): the first is the one shown.
  const tabs = () => screen.getAllByRole("tab").map((t) => t.querySelector(".fui-Tab__content")!.textContent);
  const fake = () => fakeApi({ listTandems: () => ({ items: [] }), listSkills: () => ({ items: [] }) });

  it("shows a participant neither My team nor Program", () => {
    renderView(<Shell />, { fake: fake(), me: meOf(profileOf()) });
    expect(tabs()).toEqual(["Home", "Sessions", "My profile", "Mentor training", "Take stock"]);
  });

  it("shows a manager My team, and Program only to a coordinator", () => {
    renderView(<Shell />, { fake: fake(), me: meOf(null, { roles: ["manager"] }) });
    expect(tabs()).toEqual(["Home", "Sessions", "My profile", "Take stock", "My team"]);
  });

  it("shows a coordinator Program", () => {
    renderView(<Shell />, { fake: fake(), me: meOf(null, { roles: ["manager", "coordinator"] }), locale: "fr-FR" });
    expect(tabs()).toEqual(["Accueil", "Séances", "Mon profil", "Faire le point", "Mon équipe", "Programme"]);
  });
});
