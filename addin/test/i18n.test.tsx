import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en";
import { fr } from "../src/i18n/fr";
import { createI18n } from "../src/i18n/i18n";
import { defineMessages } from "@tandem/ui";

// Checked by `npm run typecheck`, not at run time: a feature whose French misses a key does not compile (the
// directive itself fails if it ever does).
export const missingFrench = () =>
  // @ts-expect-error "b" has no French
  defineMessages({ en: { a: "A", b: "B" }, fr: { a: "A" } });

describe("the task pane's languages", () => {
  it("has every English string in French, and no French string left in English", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === fr[k as keyof typeof fr]);
    // Names and formats that read the same in both languages.
    expect(same.sort()).toEqual(["app.name", "booking.done.when", "meeting.checkIn.by", "meeting.member", "role.manager", "role.mentor"]);
  });

  it("writes another person's time in their zone, with the day when it is not the same as mine", () => {
    const i18n = createI18n("en-GB", "Asia/Singapore");
    // 08:00 in Singapore on Tuesday is 19:00 on Monday in Toronto.
    expect(i18n.timeIn("2026-12-01T00:00:00.000Z", "America/Toronto")).toBe("Mon 19:00");
    expect(i18n.timeIn("2026-12-01T03:00:00.000Z", "Asia/Singapore")).toBe("11:00");
    expect(i18n.place("America/New_York")).toBe("New York");
  });
});
