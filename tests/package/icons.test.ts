import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/app-package";
import { ADDIN_ICON_SIZES, drawIcons } from "../../scripts/icons";

const read = (path: string) => PNG.sync.read(readFileSync(join(ROOT, "appPackage", path)));
const pixels = (png: PNG) =>
  Array.from({ length: png.width * png.height }, (_, i) => [...png.data.subarray(i * 4, i * 4 + 4)] as [number, number, number, number]);

describe("the icons", () => {
  it("color.png is 192x192 and opaque, on the brand background", () => {
    const png = read("color.png");
    expect([png.width, png.height]).toEqual([192, 192]);
    expect(pixels(png).every(([, , , a]) => a === 255)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(ROOT, "appPackage", "manifest.json"), "utf8")) as { accentColor: string };
    const corner = pixels(png)[0]!;
    expect(`#${corner.slice(0, 3).map((c) => c.toString(16).padStart(2, "0")).join("")}`.toUpperCase()).toBe(manifest.accentColor.toUpperCase());
  });

  it("outline.png is 32x32, white on a transparent background and nothing else", () => {
    const png = read("outline.png");
    expect([png.width, png.height]).toEqual([32, 32]);
    const all = pixels(png);
    const drawn = all.filter(([, , , a]) => a > 0);
    expect(drawn.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
    // Both circles show, and the background stays clear.
    expect(drawn.length).toBeGreaterThan(60);
    expect(all.filter(([, , , a]) => a === 0).length).toBeGreaterThan(all.length / 2);
    for (const corner of [0, 31, 32 * 31, 32 * 32 - 1]) expect(all[corner]![3]).toBe(0);
  });

  it.each(ADDIN_ICON_SIZES)("assets/icon-%i.png has its size and a transparent background", (size) => {
    const png = read(`assets/icon-${size}.png`);
    expect([png.width, png.height]).toEqual([size, size]);
    const all = pixels(png);
    expect(all[0]![3]).toBe(0);
    expect(all.some(([, , , a]) => a === 255)).toBe(true);
  });

  it("are what scripts/icons.ts draws (run `npm run icons` after changing the mark)", () => {
    for (const [path, png] of drawIcons()) {
      const committed = read(path);
      expect([committed.width, committed.height], path).toEqual([png.width, png.height]);
      expect(Buffer.compare(committed.data, png.data), path).toBe(0);
    }
  });
});
