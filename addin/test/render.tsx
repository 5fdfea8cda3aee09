import type { ReactElement } from "react";
import { webLightTheme } from "@fluentui/react-components";
import type { Me } from "@tandem/core";
import { renderInShell, type FakeApi } from "@tandem/ui/testing";
import { createI18n } from "../src/i18n/i18n";
import { SessionContext, type Session } from "../src/app/session";
import type { OutlookItem } from "../src/platform/office";
import { NOW, lea } from "./data";

export { fakeApi, type FakeApi, type Handler, type Recorded } from "@tandem/ui/testing";
export * from "./data";

export function renderView(
  ui: ReactElement,
  {
    fake,
    me = lea,
    item = null,
    locale = "en-GB",
    timeZone = "Europe/Paris",
    now = NOW,
  }: { fake: FakeApi; me?: Me; item?: OutlookItem | null; locale?: string; timeZone?: string; now?: string },
) {
  const session: Session = { call: fake.call, me, item, now: () => now };
  return renderInShell(ui, {
    theme: webLightTheme,
    i18n: createI18n(locale, timeZone),
    narrow: true,
    wrap: (children) => <SessionContext.Provider value={session}>{children}</SessionContext.Provider>,
  });
}
