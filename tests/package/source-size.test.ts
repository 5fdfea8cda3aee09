import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/app-package";

/**
 * Issue 13's rule for the next person: each behaviour in a file they can read in a minute. A file that outgrows it is
 * split by use case (api) or the Fluent way (state hook, styles hook, render-only view) before it lands.
 */
const MAX_LINES = 350;
const FOLDERS = ["api/src", "tabs/src", "addin/src", "ui/src"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

describe("the source files", () => {
  it(`of the api, the tab, the add-in and the web shell stay within ${MAX_LINES} lines each`, () => {
    const files = FOLDERS.flatMap((f) => sources(join(ROOT, f)));
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((f) => ({ file: relative(ROOT, f), lines: readFileSync(f, "utf8").split("\n").length }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
