/**
 * Draws Tandem's icons (two overlapping circles: a senior and a junior learning from each other) and writes the
 * PNGs the app package and the Outlook ribbon need. Run it after changing the mark: `npm run icons`.
 *
 * - appPackage/color.png      192x192, opaque brand background (Teams "color" icon)
 * - appPackage/outline.png    32x32, pure white on a transparent background (Teams "outline" icon)
 * - appPackage/assets/icon-N.png  16, 32, 64, 80, 128: the add-in's ribbon icons (16/32/80) and the icons older
 *   Outlook clients show (64/128, `alternateIcons`), coloured on a transparent background
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

type Rgb = readonly [number, number, number];

/** The brand colours; BRAND is also the manifest's accentColor. */
export const BRAND: Rgb = [0x1b, 0x6b, 0x73];
const SENIOR: Rgb = [0xff, 0xff, 0xff];
const JUNIOR: Rgb = [0xf4, 0xb6, 0x3f];
const TOGETHER: Rgb = [0xfb, 0xe2, 0xa8];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/** A shape in unit coordinates (0..1 on both axes), so one drawing serves every size. */
type Shape = (x: number, y: number) => boolean;

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const ring =
  (cx: number, cy: number, r: number, width: number): Shape =>
  (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= r && d >= r - width;
  };

const both =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && b(x, y);

/** Layers are painted in order; the last one that contains a point gives its colour. */
type Layer = { shape: Shape; color: Rgb };

/**
 * The mark inside a square of side `extent`, centred: the senior's circle on the left, the junior's smaller one
 * on the right, and what they share where they overlap.
 */
function mark(extent: number, senior: Rgb, junior: Rgb, together: Rgb): Layer[] {
  const o = (1 - extent) / 2;
  const at = (v: number) => o + v * extent;
  const s = disc(at(0.38), at(0.47), 0.34 * extent);
  const j = disc(at(0.7), at(0.58), 0.26 * extent);
  return [
    { shape: s, color: senior },
    { shape: j, color: junior },
    { shape: both(s, j), color: together },
  ];
}

/** The outline icon: the same two circles as rings, drawn in white only. */
function outlineMark(extent: number, stroke: number): Layer[] {
  const o = (1 - extent) / 2;
  const at = (v: number) => o + v * extent;
  return [
    { shape: ring(at(0.38), at(0.47), 0.34 * extent, stroke), color: WHITE },
    { shape: ring(at(0.7), at(0.58), 0.26 * extent, stroke), color: WHITE },
  ];
}

/**
 * Renders with 8x8 supersampling. Without a background the result is transparent where no layer is, and edge
 * pixels keep their layer's exact colour with a partial alpha (so a white-only drawing stays white-only).
 */
export function render(size: number, layers: Layer[], background?: Rgb): PNG {
  const png = new PNG({ width: size, height: size });
  const n = 8;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let color: Rgb | undefined = background;
          for (const layer of layers) if (layer.shape(x, y)) color = layer.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            covered++;
          }
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = covered ? Math.round(r / covered) : 0;
      png.data[i + 1] = covered ? Math.round(g / covered) : 0;
      png.data[i + 2] = covered ? Math.round(b / covered) : 0;
      png.data[i + 3] = Math.round((covered / (n * n)) * 255);
    }
  }
  return png;
}

export const ADDIN_ICON_SIZES = [16, 32, 64, 80, 128] as const;

/** Every icon file, by its path relative to appPackage/. */
export function drawIcons(): Map<string, PNG> {
  const icons = new Map<string, PNG>();
  icons.set("color.png", render(192, mark(0.62, SENIOR, JUNIOR, TOGETHER), BRAND));
  icons.set("outline.png", render(32, outlineMark(0.84, 0.075)));
  for (const size of ADDIN_ICON_SIZES) {
    // On a light ribbon the white senior circle would vanish: the add-in icons draw it in the brand colour.
    icons.set(`assets/icon-${size}.png`, render(size, mark(size <= 16 ? 1 : 0.94, BRAND, JUNIOR, [0x5e, 0x8a, 0x5a])));
  }
  return icons;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "appPackage");
  for (const [path, png] of drawIcons()) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, PNG.sync.write(png));
    console.log(`wrote appPackage/${path} (${png.width}x${png.height})`);
  }
}
