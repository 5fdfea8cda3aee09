import { describe, expect, it } from "vitest";
import { pageStyleRenderer, RULE_SEPARATOR, styleBucketsHtml } from "../src/app/page-styles";

const gradient = ".fg::after{background-image:linear-gradient(\n  to right,\n  red 0%,\n  blue 100%);}";
const quoted = '.fq::before{content:"a \\"b\\"";}';

function pageWith(head: string): Document {
  const doc = document.implementation.createHTMLDocument("");
  doc.head.innerHTML = head;
  return doc;
}

describe("the first screen's styles in the page", () => {
  it("are written as Griffel's buckets, rule by rule, leaving to run time a rule that would not read back", () => {
    const html = styleBucketsHtml([
      { attributes: { "data-make-styles-bucket": "d", "data-priority": "0" }, rules: [".fa{color:red;}", gradient, quoted] },
      { attributes: { "data-make-styles-bucket": "m", "data-priority": "0", media: 'screen and (min-width:"1px")' }, rules: ["@media screen{.fm{color:blue;}}"] },
      { attributes: { "data-make-styles-bucket": "h", "data-priority": "0" }, rules: [`.fx{content:"${RULE_SEPARATOR}";}`, ".fs{content:'</style>';}"] },
    ]);
    const doc = pageWith(html);
    const styles = [...doc.head.querySelectorAll("style")];
    // The bucket whose every rule was left out gets no element at all.
    expect(styles.map((s) => s.dataset.makeStylesBucket)).toEqual(["d", "m"]);
    expect(styles[1]!.getAttribute("media")).toBe('screen and (min-width:"1px")');
    expect(styles[0]!.textContent!.split(RULE_SEPARATOR)).toEqual([".fa{color:red;}", gradient, quoted]);
  });

  it("are known to the page's renderer, which inserts only the rules the page lacks", () => {
    const doc = pageWith(
      styleBucketsHtml([
        { attributes: { "data-make-styles-bucket": "r", "data-priority": "0" }, rules: [".ra{display:flex;}"] },
        { attributes: { "data-make-styles-bucket": "d", "data-priority": "0" }, rules: [".fa{color:red;}", gradient] },
      ]),
    );
    const renderer = pageStyleRenderer(doc);
    expect(renderer.insertionCache).toEqual({ ".ra{display:flex;}": "r", ".fa{color:red;}": "d", [gradient]: "d" });

    renderer.insertCSSRules({ d: [".fa{color:red;}", gradient, ".fb{color:green;}"] });
    // Into the bucket's own element, after what the page brought: no new element.
    const styles = [...doc.head.querySelectorAll<HTMLStyleElement>("style")];
    expect(styles.map((s) => s.dataset.makeStylesBucket)).toEqual(["r", "d"]);
    const rules = [...styles[1]!.sheet!.cssRules].map((r) => r.cssText.replace(/\s/g, ""));
    expect(rules).toHaveLength(3);
    expect(rules[2]).toBe(".fb{color:green;}");
    expect(renderer.insertionCache[".fb{color:green;}"]).toBe("d");
  });

  it("without pre-rendered styles (the development server), the renderer inserts everything", () => {
    const doc = pageWith("");
    const renderer = pageStyleRenderer(doc);
    renderer.insertCSSRules({ d: [".fa{color:red;}"] });
    expect([...doc.head.querySelectorAll("style")].flatMap((s) => [...s.sheet!.cssRules])).toHaveLength(1);
  });
});
