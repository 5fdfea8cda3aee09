import type { Plugin, Rollup } from "vite";

/** A chunk of a bundle and every chunk it imports, statically: what loading it loads. */
export function staticallyReached(bundle: Rollup.OutputBundle, file: string, into = new Set<string>()): Set<string> {
  const chunk = bundle[file];
  if (into.has(file) || !chunk || chunk.type !== "chunk") return into;
  into.add(file);
  for (const f of chunk.imports) staticallyReached(bundle, f, into);
  return into;
}

/**
 * The page's entry is a small boot script that starts signing in, then imports the app. This adds
 * `<link rel="modulepreload">` for the app's chunks to the page, so they download alongside the boot script
 * rather than after it. `app` is the module the entry imports dynamically (for example "/src/app/root.tsx").
 */
export function preloadApp(app: string): Plugin {
  return {
    name: "tandem:preload-app",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle || !ctx.chunk) return html;
        const target = Object.values(bundle).find((c) => c.type === "chunk" && c.facadeModuleId?.endsWith(app));
        if (!target || target.type !== "chunk") throw new Error(`preloadApp: no chunk for ${app}`);
        const reach = (file: string) => staticallyReached(bundle, file);
        const files = reach(target.fileName);
        // What the page already loads (the entry and its own imports) needs no preload.
        const loaded = reach(ctx.chunk.fileName);
        const base = ctx.server ? "/" : "./";
        const links = [...files]
          .filter((f) => !loaded.has(f))
          .map((f) => `<link rel="modulepreload" crossorigin href="${base}${f}">`);
        const css = [...files].flatMap((f) => {
          const chunk = bundle[f];
          return chunk?.type === "chunk" ? [...(chunk.viteMetadata?.importedCss ?? [])] : [];
        });
        links.push(...css.map((f) => `<link rel="stylesheet" crossorigin href="${base}${f}">`));
        return html.replace(/\s*<\/head>/, `\n${links.map((l) => `    ${l}\n`).join("")}  </head>`);
      },
    },
  };
}
