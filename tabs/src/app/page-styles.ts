import { createDOMRenderer, type GriffelRenderer } from "@fluentui/react-components";
import { getStyleSheetKey, type StyleBucketName } from "@griffel/core";

/**
 * The first screen's CSS arrives in the page's HTML (first-screen.tsx renders it at build time), so that Griffel,
 * Fluent UI's styling engine, inserts none of it rule by rule on the first render: about 860 `insertRule` calls,
 * 30 to 45 ms of a cold load here (ADR 0007).
 *
 * The `<style>` elements carry Griffel's own bucket attributes, so the rules Griffel inserts later (the other
 * views) take their place in its cascade order around them. Griffel's rehydration (`RendererProvider`) would parse
 * that CSS again with its CSS parser, which costs more than it saves (about 60 ms for 60 kB); the rules are
 * therefore written with a separator between them and read back here by splitting the text.
 */

/** Between two rules of a pre-rendered bucket: a CSS comment, which no rule of ours or Fluent's contains. */
export const RULE_SEPARATOR = "/**/";

/** One `<style>` element: Griffel's attributes for its bucket, and its rules in the order Griffel inserted them. */
export interface StyleBucket {
  attributes: Record<string, string>;
  rules: string[];
}

/** The buckets as HTML for the page's head. Rules that would not survive the round trip are left to run time. */
export function styleBucketsHtml(buckets: StyleBucket[]): string {
  const escape = (value: string) => value.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
  return buckets
    .map((bucket) => {
      const rules = bucket.rules.filter((rule) => !rule.includes(RULE_SEPARATOR) && !/<\/style/i.test(rule));
      const attributes = Object.entries(bucket.attributes).map(([name, value]) => ` ${name}="${escape(value)}"`);
      return rules.length ? `<style${attributes.join("")}>${rules.join(RULE_SEPARATOR)}</style>` : "";
    })
    .filter(Boolean)
    .join("\n");
}

/**
 * A Griffel renderer for `doc` that knows the rules its pre-rendered buckets hold, and so does not insert them
 * again; the rules it does insert go to the end of their bucket's element, as after Griffel's own rehydration.
 * Without pre-rendered buckets (the development server), it is Griffel's usual renderer.
 */
export function pageStyleRenderer(doc: Document = document): GriffelRenderer {
  const renderer = createDOMRenderer(doc);
  for (const element of doc.head.querySelectorAll<HTMLStyleElement>("style[data-make-styles-bucket]")) {
    const bucket = element.dataset.makeStylesBucket as StyleBucketName;
    for (const rule of (element.textContent ?? "").split(RULE_SEPARATOR)) if (rule) renderer.insertionCache[rule] = bucket;
    const condition = element.getAttribute("data-container") ?? (element.media || "0");
    renderer.stylesheets[getStyleSheetKey(bucket, condition, element.dataset.priority ?? "0")] ??= {
      bucketName: bucket,
      element,
      elementAttributes: Object.fromEntries([...element.attributes].map((a) => [a.name, a.value])),
      cssRules: () => [...(element.sheet?.cssRules ?? [])].map((rule) => rule.cssText),
      insertRule: (rule) => element.sheet?.insertRule(rule, element.sheet.cssRules.length),
    };
  }
  return renderer;
}

/**
 * What `RendererProvider` rehydrates from: a document with no style of its own, since `pageStyleRenderer` has
 * read the page's already (see above). The renderer still inserts into the page's document.
 */
export const nothingToRehydrate = (): Document => document.implementation.createHTMLDocument("");
