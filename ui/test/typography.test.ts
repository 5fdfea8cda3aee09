import { describe, expect, it } from "vitest";
import { calendarDate, formatPercent } from "@tandem/core/words";
import { createFormatters } from "../src/i18n/i18n";
import { sharedMessages } from "../src/i18n/messages";
import { checkInFieldMessages } from "../src/check-in/messages";
import { localMessages } from "../src/local/messages";
import { en as tabEn } from "../../tabs/src/i18n/en";
import { fr as tabFr } from "../../tabs/src/i18n/fr";
import { more } from "../../tabs/src/i18n/more";
import { reports } from "../../tabs/src/i18n/reports";
import { en as addinEn } from "../../addin/src/i18n/en";
import { fr as addinFr } from "../../addin/src/i18n/fr";

/** Every catalog a person reads, the shell's, the tab's (all its chunks) and the add-in's, by where it lives. */
const catalogs: Record<string, { en: Record<string, string>; fr: Record<string, string> }> = {
  shared: sharedMessages,
  checkIn: checkInFieldMessages,
  local: localMessages,
  tabFirstScreen: { en: tabEn, fr: tabFr },
  tabViews: more,
  tabReports: reports,
  addin: { en: addinEn, fr: addinFr },
};

const months = "janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc";

/** What a French reader would stop at: the key and the text, for each mistake. */
function frenchMistakes(fr: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [key, raw] of Object.entries(fr)) {
    // Placeholders, addresses ("https://") and clock times ("15:00") are not punctuation.
    const text = raw.replace(/\{\w+\}/g, "x").replace(/\w+:\/\//g, "").replace(/\d:\d/g, "");
    if (/(^|[^\u202f])[:;?!%»]/.test(text)) out.push(`${key}: no narrow no-break space before a sign: ${raw}`);
    if (/«(?!\u202f)/.test(text)) out.push(`${key}: no narrow no-break space after «: ${raw}`);
    if (new RegExp(`(^|[^\\d])1[ \\u00a0\\u202f](${months})`, "i").test(text)) out.push(`${key}: "1" for "1er" before a month: ${raw}`);
  }
  return out;
}

describe("every message, in both languages", () => {
  it.each(Object.entries(catalogs))("%s has each key in French and English, none empty", (_, { en, fr }) => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries({ ...en, ...fr }).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it.each(Object.entries(catalogs))("%s follows French typography in French", (_, { fr }) => {
    expect(frenchMistakes(fr)).toEqual([]);
  });

  it.each(Object.entries(catalogs))("%s names groups of people without a masculine-only plural in French", (_, { fr }) => {
    // « les personnes mentorées », « l'équipe de coordination »: wordings that read well for everyone (issue 18).
    const masculineOnly = /\b(mentorés|coordinateurs|participants|collaborateurs|utilisateurs|inscrits)\b/i;
    expect(Object.entries(fr).filter(([, v]) => masculineOnly.test(v))).toEqual([]);
  });

  it.each(Object.entries(catalogs))("%s writes English without French spacing (35%, not 35 %)", (_, { en }) => {
    expect(Object.entries(en).filter(([, v]) => /[ \u00a0\u202f][:;?!%]/.test(v.replace(/\{\w+\}/g, "x")))).toEqual([]);
  });

  it("catches a French string written the English way", () => {
    expect(frenchMistakes({ a: "Vérifiez : {detail}", b: "35%", c: "le 1 novembre", d: "« Bonjour »" })).toHaveLength(5);
    expect(frenchMistakes({ a: "Vérifiez\u202f: {detail}", b: "35\u202f%", c: "le 1er novembre", d: "«\u202fBonjour\u202f»", e: "https://x, 15:00" })).toEqual([]);
  });
});

describe("dates and shares as a reader writes them", () => {
  const fr = createFormatters("fr-FR", "Europe/Paris");
  const en = createFormatters("en-GB", "Europe/Paris");

  it("writes the first of a month « 1er » in French, and the other days as numbers", () => {
    expect(fr.day("2026-11-01T10:00:00Z")).toBe("dimanche 1er novembre");
    expect(fr.dayTitle("2026-11-01T10:00:00Z")).toBe("Dimanche 1er novembre");
    expect(fr.date("2027-01-01")).toBe("1er janv. 2027");
    expect(fr.dateTime("2026-11-01T10:00:00Z")).toMatch(/^dimanche 1er novembre 2026/);
    expect(fr.day("2026-11-11T10:00:00Z")).toBe("mercredi 11 novembre");
    expect(en.day("2026-11-01T10:00:00Z")).toBe("Sunday 1 November");
    expect(calendarDate("2026-12-01", "fr-FR")).toBe("1er décembre 2026");
    expect(calendarDate("2026-12-21", "fr-FR")).toBe("21 décembre 2026");
  });

  it("writes « 35 % » in French, with a narrow no-break space, and 35% in English", () => {
    expect(formatPercent(0.35, "fr-FR")).toBe("35\u202f%");
    expect(formatPercent(0.35, "en-GB")).toBe("35%");
  });
});
