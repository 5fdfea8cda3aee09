import { useMemo, useState, type ReactElement, type ReactNode } from "react";
import { teamsLightTheme } from "@fluentui/react-components";
import type { Me } from "@tandem/core";
import { renderInShell, type FakeApi } from "@tandem/ui/testing";
import { createI18n, moreMessages, reportMessages } from "../src/i18n/i18n";
import { SessionContext, prefetch, type Session } from "../src/app/session";
import { consoleMessages } from "../src/features/coordinator/sections";

// The views beyond the first screen render once their strings are there: the app's lazyView waits for them.
await moreMessages();
await reportMessages();
await consoleMessages();

export { fakeApi, type FakeApi, type Handler, type Recorded } from "@tandem/ui/testing";

/** Holds `me` like the app shell does: refreshMe() reads GET /me again through the fake. */
function TestSession({ fake, me: initial, children }: { fake: FakeApi; me: Me; children: ReactNode }) {
  const [me, setMe] = useState(initial);
  const session = useMemo<Session>(
    () => ({
      call: fake.call,
      me,
      openLink: () => undefined,
      prefetched: prefetch({}),
      refreshMe: async () => setMe((await fake.call("getMe")).data),
    }),
    [fake, me],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function renderView(
  ui: ReactElement,
  { fake, me, locale = "en-GB", timeZone = "Europe/Paris" }: { fake: FakeApi; me: Me; locale?: string; timeZone?: string },
) {
  return renderInShell(ui, {
    theme: teamsLightTheme,
    i18n: createI18n(locale, timeZone),
    wrap: (children) => (
      <TestSession fake={fake} me={me}>
        {children}
      </TestSession>
    ),
  });
}

export * from "./data";
