import { it } from "vitest";
import axe from "axe-core";
import { renderView, fakeApi, meOf } from "./render";

it("sanity", async () => {
  const { container } = renderView(<div><h1>x</h1><h3>skip</h3><button></button><input /><img src="a.png" /></div>, { fake: fakeApi(), me: meOf(null) });
  const r = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  console.log(r.violations.map((v) => v.id), r.passes.length, r.incomplete.map((v) => v.id));
});
