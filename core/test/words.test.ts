import { describe, expect, it } from "vitest";
import { describeRule, pairRules, suggestionsFor } from "../src/index";
import { calendarDate, formatPercent, frenchSpacing } from "../src/words";

/** What a French reader would stop at: a plain space, or none, before : ; ? ! % (clock times and addresses aside). */
const frenchMistakes = (texts: string[]) =>
  texts.filter((t) => /(^|[^\u202f])[:;?!%»]/.test(t.replace(/\w+:\/\//g, "").replace(/\d:\d/g, "")) || /«(?!\u202f)/.test(t));

describe("the words the api writes, in French", () => {
  it("follow French typography: a team's suggestions and the matching's rules", () => {
    const all = suggestionsFor({ people: 10, enrolled: 1, mentors: 0, mentees: 1, held: 0, expected: 4, atRisk: 1 });
    expect(all.length).toBeGreaterThan(3);
    const fr = all.flatMap((s) => [s.title.fr, s.body.fr, ...(s.questions?.fr ?? [])]);
    expect(frenchMistakes([...fr, ...pairRules.map((r) => describeRule(r, "fr"))])).toEqual([]);
    // Asked of a manager's seniors, in the spirit of the source practice, never « des jeunes ».
    expect(fr.join(" ")).toContain("Qu'aimeriez-vous apprendre d'un collègue plus jeune\u202f?");
    expect(fr.join(" ")).not.toContain("des jeunes");
  });

  it("« 1er » for the first of a month, and shares and signs spaced the French way", () => {
    expect(calendarDate("2027-01-01", "fr-FR")).toBe("1er janvier 2027");
    expect(calendarDate("2027-01-01", "en-GB")).toBe("1 January 2027");
    expect(formatPercent(0.355, "fr-FR", 1)).toBe("35,5\u202f%");
    expect(frenchSpacing("Vérifiez : 35 %")).toBe("Vérifiez\u202f: 35\u202f%");
  });
});
