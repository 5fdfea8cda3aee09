import { createServer, type Plugin, type UserConfig } from "vite";

/**
 * Puts the first screen's CSS in the page's HTML at build time. `module` (for example "/src/app/first-screen.tsx")
 * exports `firstScreenStyles(): string`, the `<style>` elements to add to the head; it is loaded in Node through
 * a Vite server with the app's own config, since it renders the app's components (ADR 0007).
 */
export function firstScreenStyles(config: UserConfig, module: string): Plugin {
  let written = true;
  return {
    name: "tandem:first-screen-styles",
    apply: "build",
    configResolved(resolved) {
      written = resolved.build.write;
    },
    transformIndexHtml: {
      order: "post",
      async handler(html) {
        // withAppInOneChunk's first build, not written, only learns the module graph.
        if (!written) return html;
        const server = await createServer({
          ...config,
          configFile: false,
          logLevel: "error",
          appType: "custom",
          server: { middlewareMode: true, hmr: false, ws: false },
          optimizeDeps: { noDiscovery: true, include: [] },
        });
        try {
          const { firstScreenStyles: render } = (await server.ssrLoadModule(module)) as { firstScreenStyles(): string };
          const styles = render();
          if (!styles) throw new Error(`${module} rendered no style`);
          // As rendered: a rule's text is its key in Griffel's cache, so not even its white space may change.
          return html.replace(/\s*<\/head>/, `\n${styles}\n  </head>`);
        } finally {
          await server.close();
        }
      },
    },
  };
}
