import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

/**
 * A person's initials in a coloured circle, beside their name: the look of Fluent UI's colourful `Avatar`, which
 * the first screen used. It is decorative (the name is written next to it), so it is hidden from screen readers.
 * Fluent's Avatar brings its presence badge and some forty presence icons into the first load (about 34 kB of
 * its 590): ADR 0007.
 */
const useStyles = makeStyles({
  root: {
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    flexShrink: 0,
    width: "32px",
    height: "32px",
    borderRadius: tokens.borderRadiusCircular,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: 1,
    userSelect: "none",
    boxSizing: "border-box",
    // Seen only in high contrast (Teams' theme, or Windows' forced colours), where the circle has no fill.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  darkRed: { backgroundColor: tokens.colorPaletteDarkRedBackground2, color: tokens.colorPaletteDarkRedForeground2 },
  cranberry: { backgroundColor: tokens.colorPaletteCranberryBackground2, color: tokens.colorPaletteCranberryForeground2 },
  pumpkin: { backgroundColor: tokens.colorPalettePumpkinBackground2, color: tokens.colorPalettePumpkinForeground2 },
  peach: { backgroundColor: tokens.colorPalettePeachBackground2, color: tokens.colorPalettePeachForeground2 },
  gold: { backgroundColor: tokens.colorPaletteGoldBackground2, color: tokens.colorPaletteGoldForeground2 },
  brown: { backgroundColor: tokens.colorPaletteBrownBackground2, color: tokens.colorPaletteBrownForeground2 },
  forest: { backgroundColor: tokens.colorPaletteForestBackground2, color: tokens.colorPaletteForestForeground2 },
  seafoam: { backgroundColor: tokens.colorPaletteSeafoamBackground2, color: tokens.colorPaletteSeafoamForeground2 },
  teal: { backgroundColor: tokens.colorPaletteTealBackground2, color: tokens.colorPaletteTealForeground2 },
  steel: { backgroundColor: tokens.colorPaletteSteelBackground2, color: tokens.colorPaletteSteelForeground2 },
  royalBlue: { backgroundColor: tokens.colorPaletteRoyalBlueBackground2, color: tokens.colorPaletteRoyalBlueForeground2 },
  navy: { backgroundColor: tokens.colorPaletteNavyBackground2, color: tokens.colorPaletteNavyForeground2 },
  lavender: { backgroundColor: tokens.colorPaletteLavenderBackground2, color: tokens.colorPaletteLavenderForeground2 },
  grape: { backgroundColor: tokens.colorPaletteGrapeBackground2, color: tokens.colorPaletteGrapeForeground2 },
  plum: { backgroundColor: tokens.colorPalettePlumBackground2, color: tokens.colorPalettePlumForeground2 },
  anchor: { backgroundColor: tokens.colorPaletteAnchorBackground2, color: tokens.colorPaletteAnchorForeground2 },
});

const colours = [
  "darkRed",
  "cranberry",
  "pumpkin",
  "peach",
  "gold",
  "brown",
  "forest",
  "seafoam",
  "teal",
  "steel",
  "royalBlue",
  "navy",
  "lavender",
  "grape",
  "plum",
  "anchor",
] as const;

/**
 * Up to two letters: the first letters of the first and last words, leaving out what is in brackets ("Ana Lima
 * (HR)") and words that start with punctuation. Plain regular expressions: a Unicode property class costs a
 * millisecond or more to compile on the first screen.
 */
export function initialsOf(name: string): string {
  const words = name
    .replace(/[([{<][^)\]}>]*[)\]}>]/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "" && !/^[!-/:-@[-`{-~]/.test(w));
  const first = words[0];
  if (!first) return "";
  const letter = (w: string) => String.fromCodePoint(w.codePointAt(0)!).toLocaleUpperCase();
  const last = words.length > 1 ? words[words.length - 1]! : undefined;
  return letter(first) + (last ? letter(last) : "");
}

/** The same person always gets the same colour, wherever they appear. */
export function colourOf(key: string): (typeof colours)[number] {
  let hash = 0;
  for (const ch of key) hash = (Math.imul(hash, 31) + ch.codePointAt(0)!) >>> 0;
  return colours[hash % colours.length]!;
}

export function Initials({ name, colourKey = name, className }: { name: string; colourKey?: string; className?: string }) {
  const styles = useStyles();
  return (
    <span aria-hidden className={mergeClasses("tandem-Initials", styles.root, styles[colourOf(colourKey)], className)}>
      {initialsOf(name)}
    </span>
  );
}
