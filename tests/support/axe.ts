import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let axeSource: string | undefined;

/**
 * Puts axe-core in the page the way the browser's developer tools run a script, not as a <script> of the page: the
 * pages' Content-Security-Policy refuses inline scripts, as it should, and a test tool must not need an exception.
 */
export async function injectAxe(page: Page): Promise<void> {
  axeSource ??= readFileSync(axePath, "utf8");
  await page.evaluate(`${axeSource}\n;void 0`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations, the ones a test must not have.
 * Fluent UI's focus sentinels (tabster's `data-tabster-dummy` elements: hidden, focusable on purpose, to keep
 * focus inside dialogs and lists) are left out: axe cannot tell them from a mistake.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await injectAxe(page);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run({ exclude: [["[data-tabster-dummy]"]] } as unknown as Document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
