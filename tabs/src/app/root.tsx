import { started, type FirstRequests } from "./boot";
import { StrictMode, useMemo } from "react";
import { createRoot } from "react-dom/client";
import { WebShell, initialLook, type Platform, type SignedIn } from "@tandem/ui";
import { TeamsSilent, teamsThemes, type TeamsHost, type TeamsTheme } from "../platform/teams";
import { createI18n } from "../i18n/i18n";
import { fluentThemeNow, loadFluentTheme } from "./theme";
import { SessionContext, prefetch, type Session } from "./session";
import { Shell } from "./Shell";
import { ViewSkeleton } from "../components/ViewSkeleton";

/**
 * The app: the shared web shell around the tab's sections. main.ts loads this module after boot.ts has started
 * signing in, so the first requests travel while this code is evaluated.
 */

const teams: Platform<TeamsTheme> = { name: "teams", themes: teamsThemes, fluentTheme: { now: fluentThemeNow, load: loadFluentTheme } };

function TabApp({ signedIn }: { signedIn: SignedIn<TeamsHost, FirstRequests> }) {
  const { call, me, refreshMe, host, first } = signedIn;
  // The requests boot.ts started, handed to the first view that wants each, once per sign-in.
  const prefetched = useMemo(() => prefetch(first), [first]);
  const session = useMemo<Session>(
    () => ({
      call,
      me,
      refreshMe,
      prefetched,
      openLink: host ? (url) => void host.openLink(url) : (url) => void window.open(url, "_blank", "noopener"),
    }),
    [call, me, refreshMe, prefetched, host],
  );
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}

function Root() {
  return (
    <WebShell
      started={started}
      platform={teams}
      createI18n={createI18n}
      starting={<ViewSkeleton />}
      describeFailure={(error, { t }) => (error instanceof TeamsSilent ? t("signin.failed", { detail: t("signin.teamsSilent") }) : undefined)}
    >
      {(signedIn) => <TabApp signedIn={signedIn} />}
    </WebShell>
  );
}

// The first render waits a moment for what boot.ts has in flight (its answers usually arrived while this code
// was evaluated, but are handled only now): rendering "loading" first would cost a second full render. A dark or
// high-contrast page waits for its theme as well, rather than flash the light one.
const firstData = started.promise.then((s) => (s.state === "signed-in" ? Promise.all([s.me.promise, s.first.tandems.promise]) : undefined));
const firstTheme = started.promise.then(() => loadFluentTheme(initialLook(started, teams.themes).theme));
// A failure of either is shown by the app, once rendered. The data gets 100 ms; the theme longer (its chunk is on the
// page's own host), so that a slow machine shows a dark page dark from its first frame too.
const within = <T,>(p: Promise<T>, ms: number) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
void Promise.all([within(firstTheme, 3000), within(firstData, 100)]).then(() =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  ),
);
