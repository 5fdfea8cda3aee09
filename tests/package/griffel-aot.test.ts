import { describe, expect, it } from "vitest";
import { parseAst } from "vite";
import { __styles, createDOMRenderer, makeStyles, type GriffelStyle } from "@griffel/core";
import { tokens } from "@fluentui/react-components";
import { griffelAot } from "../../scripts/lib/griffel-aot";

/** Runs the plugin's transform on one module, as the build does. */
async function transform(code: string, id = "/work/tabs/src/Example.tsx") {
  const plugin = griffelAot();
  await (plugin.buildStart as () => Promise<void>).call({});
  const result = (plugin.transform as (this: unknown, code: string, id: string) => { code: string } | null).call(
    { parse: (c: string) => parseAst(c) },
    code,
    id,
  );
  return result?.code ?? null;
}

type Dir = "ltr" | "rtl";

/** The class names and CSS a style hook gives a fresh renderer. */
function applied(useClasses: (options: { dir: Dir; renderer: ReturnType<typeof createDOMRenderer> }) => Record<string, string>, dir: Dir = "ltr") {
  const renderer = createDOMRenderer(undefined);
  const classes = useClasses({ dir, renderer });
  return { classes, css: Object.keys(renderer.insertionCache).sort() };
}

const card: Record<string, GriffelStyle> = {
  card: { display: "grid", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  heading: { color: tokens.colorBrandForeground1, ":hover": { color: tokens.colorBrandForeground2 } },
  wide: { "@media (min-width: 640px)": { gridTemplateColumns: "1fr 1fr" }, paddingLeft: "4px" },
};

const source = `import { makeStyles, tokens } from "@fluentui/react-components";
const gap = "8px";
export const useCard = makeStyles({
  card: { display: "grid", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  heading: { color: tokens.colorBrandForeground1, ":hover": { color: tokens.colorBrandForeground2 } },
  wide: { "@media (min-width: 640px)": { gridTemplateColumns: "1fr 1fr" }, paddingLeft: "4px" },
});
export const useLocal = makeStyles({ row: { gap } });
`;

describe("Griffel's build-time step for our own styles", () => {
  it("resolves a makeStyles of literals and tokens to the class names and CSS makeStyles gives at run time", async () => {
    const code = await transform(source);
    expect(code).not.toBeNull();
    const line = code!.split("\n").find((l) => l.startsWith("export const useCard = "));
    expect(line, code!).toMatch(/^export const useCard = __tandemStyles\(.*\);$/);
    const [classes, rules] = JSON.parse(`[${line!.slice("export const useCard = __tandemStyles(".length, -");".length)}]`);
    const built = applied(__styles(classes, rules));
    const runtime = applied(makeStyles(card));
    expect(built.classes).toEqual(runtime.classes);
    expect(built.css).toEqual(runtime.css);
    // Right-to-left pages get the flipped rule, as at run time.
    const builtRtl = applied(__styles(classes, rules), "rtl");
    expect(builtRtl).toEqual(applied(makeStyles(card), "rtl"));
    expect(builtRtl.css.join("\n")).toContain("padding-right:4px");
    expect(code).toContain(`import { __styles as __tandemStyles } from "@fluentui/react-components"`);
  });

  it("leaves a makeStyles that needs a local value to run time, and modules without makeStyles alone", async () => {
    const code = await transform(source);
    expect(code).toContain("makeStyles({ row: { gap } })");
    expect(await transform(`export const x = 1;`)).toBeNull();
    expect(await transform(source, "/work/node_modules/some-package/index.js")).toBeNull();
  });
});
