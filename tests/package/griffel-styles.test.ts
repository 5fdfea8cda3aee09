import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, parseAst, type Rollup } from "vite";
import { __styles, createDOMRenderer, makeStyles, shorthands, type GriffelStyle } from "@griffel/core";
import { createFocusOutlineStyle, tokens } from "@fluentui/react-components";
import { griffelStyles } from "../../build/vite/griffel";
import { ROOT } from "../../scripts/lib/app-package";

/** A module of ours as the apps write their styles: Fluent's tokens, a local constant, Griffel's and Fluent's helpers. */
const source = `import { createFocusOutlineStyle, makeStyles, shorthands, tokens } from "@fluentui/react-components";
const gap = "8px";
export const useCard = makeStyles({
  card: { display: "grid", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  heading: { color: tokens.colorBrandForeground1, ":hover": { color: tokens.colorBrandForeground2 } },
  wide: { "@media (min-width: 640px)": { gridTemplateColumns: "1fr 1fr" }, paddingLeft: "4px" },
});
export const useLocal = makeStyles({
  row: { gap, ...shorthands.borderBottom("1px", "solid", tokens.colorNeutralStroke2) },
  focus: createFocusOutlineStyle({ style: {}, selector: "focus-within" }),
});
`;

const card: Record<string, GriffelStyle> = {
  card: { display: "grid", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  heading: { color: tokens.colorBrandForeground1, ":hover": { color: tokens.colorBrandForeground2 } },
  wide: { "@media (min-width: 640px)": { gridTemplateColumns: "1fr 1fr" }, paddingLeft: "4px" },
};
const local: Record<string, GriffelStyle> = {
  row: { gap: "8px", ...shorthands.borderBottom("1px", "solid", tokens.colorNeutralStroke2) },
  focus: createFocusOutlineStyle({ style: {}, selector: "focus-within" }),
};

type Dir = "ltr" | "rtl";
type Hook = (options: { dir: Dir; renderer: ReturnType<typeof createDOMRenderer> }) => Record<string, string>;

/** The class names and CSS a style hook gives a fresh renderer. */
function applied(useClasses: Hook, dir: Dir = "ltr") {
  const renderer = createDOMRenderer(undefined);
  const classes = useClasses({ dir, renderer });
  return { classes, css: Object.keys(renderer.insertionCache).sort() };
}

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}
function* walk(node: unknown): Generator<Node> {
  if (Array.isArray(node)) for (const item of node) yield* walk(item);
  else if (typeof node === "object" && node !== null) {
    if (typeof (node as Node).type === "string") yield node as Node;
    for (const value of Object.values(node)) yield* walk(value);
  }
}

let dir: string;
let code: string;
/** What each hook became: the arguments of its `__styles(classes, rules)` call, or null if it was left as it was. */
const built = new Map<string, [Record<string, Record<string, string>>, Record<string, string[]>] | null>();

beforeAll(async () => {
  // Inside the repository, so that the module resolves Fluent UI from its node_modules as the apps' modules do.
  await mkdir(join(ROOT, ".local"), { recursive: true });
  dir = await mkdtemp(join(ROOT, ".local", "griffel-styles-"));
  await writeFile(join(dir, "styles.ts"), source);
  const output = (await build({
    configFile: false,
    root: dir,
    logLevel: "silent",
    plugins: [griffelStyles()],
    build: {
      write: false,
      minify: false,
      // Fluent UI bundled in, not external: the plugin resolves a module's imports through the bundler to load them.
      lib: { entry: join(dir, "styles.ts"), formats: ["es"], fileName: "styles" },
    },
  })) as Rollup.RollupOutput[];
  code = output[0]!.output[0].code;
  const program = parseAst(code);
  for (const declaration of walk(program)) {
    const name = (declaration.id as { name?: string } | undefined)?.name;
    if (declaration.type !== "VariableDeclarator" || (name !== "useCard" && name !== "useLocal")) continue;
    const init = declaration.init as Node;
    const call = init.type === "CallExpression" && (init.callee as { name?: string }).name?.startsWith("__styles") ? init : undefined;
    const args = (call?.arguments ?? []) as Node[];
    built.set(name, call ? (new Function(`return [${args.map((a) => code.slice(a.start, a.end)).join(",")}];`)() as never) : null);
  }
}, 120_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("Griffel's build-time step for our own styles (@griffel/vite-plugin)", () => {
  it("resolves a makeStyles of literals and tokens to the class names and CSS makeStyles gives at run time, in both directions", () => {
    const resolved = built.get("useCard");
    expect(resolved, code).toBeTruthy();
    expect(applied(__styles(...resolved!))).toEqual(applied(makeStyles(card)));
    // Right-to-left pages get the flipped rule, as at run time.
    const rtl = applied(__styles(...resolved!), "rtl");
    expect(rtl).toEqual(applied(makeStyles(card), "rtl"));
    expect(rtl.css.join("\n")).toContain("padding-right:4px");
  });

  it("resolves as well what needs a local constant or a helper (Griffel's shorthands, Fluent's focus outline), which no longer reaches the browser as makeStyles", () => {
    const resolved = built.get("useLocal");
    expect(resolved, code).toBeTruthy();
    const built_ = applied(__styles(...resolved!));
    expect(built_).toEqual(applied(makeStyles(local)));
    expect(built_.css.join("\n")).toContain("gap:8px");
  });
});
