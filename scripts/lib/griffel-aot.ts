import MagicString from "magic-string";
import type { Plugin } from "vite";

/** An ESTree node as the bundler's parser gives it: a type, its place in the code, and its children. */
interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && typeof (value as Node).type === "string";

function* walk(node: Node): Generator<Node> {
  yield node;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const item of value) if (isNode(item)) yield* walk(item);
    if (isNode(value)) yield* walk(value);
  }
}

/**
 * Griffel's build-time step, for our own styles (ADR 0007). Fluent UI's packages ship their styles already
 * resolved (`__styles(classes, rules)`); ours were resolved in the browser on the first render, which brings
 * Griffel's style compiler (stylis, rtl-css-js: about 17 kB) into the first load and runs it there.
 *
 * A `makeStyles({...})` call, `makeStyles` imported from @fluentui/react-components, whose argument is made of
 * literals and Fluent's `tokens` only, becomes `__styles(...)` with what Griffel's own
 * `resolveStyleRulesForSlots` gives at build time: the class names and rules `makeStyles` computes at run time.
 * A call whose argument needs anything else (a local constant, a function) stays as it is, resolved at run time.
 * Builds only: tests and the development server run `makeStyles` as written.
 */
export function griffelAot(source = "@fluentui/react-components"): Plugin {
  let resolve: ((styles: object) => [object, object]) | undefined;
  let tokens: Record<string, string> = {};
  return {
    name: "tandem:griffel-aot",
    apply: "build",
    enforce: "post",
    async buildStart() {
      const griffel = await import("@griffel/core");
      resolve = (styles) => griffel.resolveStyleRulesForSlots(styles as never);
      tokens = (await import("@fluentui/react-components")).tokens as unknown as Record<string, string>;
    },
    transform(code, id) {
      if (id.includes("/node_modules/") || !code.includes("makeStyles") || !resolve) return null;
      const program = this.parse(code) as unknown as Node;
      // What this module imports from Fluent UI, under its local names.
      const imported = new Map<string, string>();
      for (const node of program.body as Node[]) {
        if (node.type !== "ImportDeclaration" || (node.source as { value: string }).value !== source) continue;
        for (const s of node.specifiers as Node[]) {
          if (s.type === "ImportSpecifier") imported.set((s.local as { name: string }).name, (s.imported as { name: string }).name);
        }
      }
      const makeStyles = [...imported].find(([, name]) => name === "makeStyles")?.[0];
      if (!makeStyles) return null;
      const tokensName = [...imported].find(([, name]) => name === "tokens")?.[0];
      const out = new MagicString(code);
      let resolved = 0;
      for (const node of walk(program)) {
        if (node.type !== "CallExpression") continue;
        const callee = node.callee as Node & { name?: string };
        const args = node.arguments as Node[];
        if (callee.type !== "Identifier" || callee.name !== makeStyles || args.length !== 1 || args[0]!.type !== "ObjectExpression") continue;
        let styles: unknown;
        try {
          // Evaluated with only `tokens` besides JavaScript's globals: a local name throws, and the call stays as it is.
          const evaluate = new Function(tokensName ?? "__tokens", `"use strict"; return (${code.slice(args[0]!.start, args[0]!.end)});`);
          styles = evaluate(tokens);
        } catch {
          continue;
        }
        const [classes, rules] = resolve(styles as object);
        out.overwrite(node.start, node.end, `__tandemStyles(${JSON.stringify(classes)}, ${JSON.stringify(rules)})`);
        resolved++;
      }
      if (!resolved) return null;
      out.prepend(`import { __styles as __tandemStyles } from ${JSON.stringify(source)};\n`);
      return { code: out.toString(), map: out.generateMap({ hires: "boundary", source: id }) };
    },
  };
}
