import { describe, expect, it } from "vitest";
import { reportMessages } from "../src/features/reports/messages";
import { consoleMessages } from "../src/features/coordinator/messages";

describe("the reports' and the console's French", () => {
  it("follows French typography: a narrow no-break space before : ; ? ! % and inside « »", () => {
    const wrong = Object.entries({ ...reportMessages.fr, ...consoleMessages.fr }).filter(([, text]) => /(^|[^\u202f])[:;?!%»]|«[^\u202f]/.test(text.replace(/\{\w+\}/g, "x")));
    expect(wrong).toEqual([]);
  });
});
