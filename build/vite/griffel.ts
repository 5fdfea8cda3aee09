import griffel from "@griffel/vite-plugin";
import type { Plugin } from "vite";

/**
 * Griffel's own build-time step (ADR 0007): each `makeStyles` of ours (the tab's, the add-in's, the shell's) becomes
 * `__styles(classes, rules)`, as Fluent UI's packages ship theirs, so that Griffel's style compiler neither loads
 * nor runs in the browser. `@griffel/vite-plugin` 0.1 is wyw-in-js's Vite plugin with Griffel's processors: it
 * evaluates in Node whatever a call's argument needs (Fluent's tokens, a local constant, a helper), loading the
 * modules that come into it from our TypeScript sources through Babel, hence the TypeScript preset. It extracts no
 * CSS: Griffel still inserts the rules in the browser, as they are first used. Builds only: the development server
 * and the component tests run `makeStyles` as written.
 */
export function griffelStyles(): Plugin {
  return { ...griffel({ babelOptions: { presets: ["@babel/preset-typescript"] } }), apply: "build" };
}
