import { API_URL, localPage, started, type Started } from "./boot";
import { StrictMode, useEffect, useMemo, useState, type ComponentType, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, MessageBar, MessageBarBody, RendererProvider } from "@fluentui/react-components";
import { localeOf } from "@tandem/ui";
import type { Me } from "@tandem/core";
import type { TeamsTheme } from "../platform/teams";
import { createI18n, I18nProvider } from "../i18n/i18n";
import { fluentThemeNow, loadFluentTheme } from "./theme";
import { SessionContext, prefetch, type Session } from "./session";
import { Shell } from "./Shell";
import { ViewSkeleton } from "../components/ViewSkeleton";
import { nothingToRehydrate, pageStyleRenderer } from "./page-styles";
import { useFrameStyles } from "./frame-styles";
import { errorMessage } from "../components/ErrorNotice";
import type { BarProps } from "../local/local-mode";

/**
 * The app shell: React, Fluent UI and the views. main.ts loads this module after boot.ts has started signing in,
 * so the first requests travel while this code is evaluated.
 */

type SignedIn = Extract<Started, { state: "signed-in" }>;
type Boot =
  | { state: "starting" }
  | { state: "signed-in"; start: SignedIn; me: Me }
  | { state: "choose-persona" }
  | { state: "failed"; error: unknown };

/** What boot.ts already has when React first renders: often everything the first screen needs. */
function bootNow(): Boot {
  const start = started.value;
  if (start?.state === "choose-persona") return start;
  if (start?.state === "signed-in" && start.me.value) return { state: "signed-in", start, me: start.me.value };
  return { state: "starting" };
}

/** ?lang=en in an en-GB browser keeps British dates and times. */
const initialTag = () => {
  const teams = started.value?.state === "signed-in" ? started.value.host : null;
  if (teams) return teams.locale;
  const browser = navigator.language || "en";
  return localPage?.lang && localeOf(browser) !== localPage.lang ? localPage.lang : browser;
};

const initialTheme = (): TeamsTheme =>
  (started.value?.state === "signed-in" ? started.value.host?.theme : undefined) ?? localPage?.theme ?? "default";

function Root() {
  const styles = useFrameStyles();
  const [theme, setTheme] = useState<TeamsTheme>(initialTheme);
  // The theme on screen: the one asked for once it has loaded (the light one is always there).
  const [shown, setShown] = useState(() => ({ name: theme, value: fluentThemeNow(theme) ?? fluentThemeNow("default")! }));
  const [tag, setTag] = useState(initialTag);
  const [boot, setBoot] = useState<Boot>(bootNow);
  const [Bar, setBar] = useState<ComponentType<BarProps> | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const start = await started.promise;
      if (!live) return;
      if (start.state === "choose-persona") {
        setBoot(start);
        return;
      }
      if (start.host) {
        const teams = start.host;
        setTheme(teams.theme);
        setTag(teams.locale);
        teams.onThemeChange(setTheme);
      }
      const me = await start.me.promise;
      if (live) setBoot((b) => (b.state === "signed-in" ? b : { state: "signed-in", start, me }));
    })().catch((error: unknown) => live && setBoot({ state: "failed", error }));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    let live = true;
    // Should the theme's chunk not load, the page keeps the theme it shows.
    loadFluentTheme(theme).then((value) => live && setShown({ name: theme, value }), () => undefined);
    return () => {
      live = false;
    };
  }, [theme]);

  const signedIn = boot.state === "signed-in" ? boot.start : null;
  const me = boot.state === "signed-in" ? boot.me : null;
  // The requests boot.ts started, handed to the first view that wants each, once per sign-in.
  const prefetched = useMemo(() => signedIn && prefetch({ tandems: signedIn.tandems }), [signedIn]);
  const session = useMemo<Session | null>(
    () =>
      signedIn &&
      prefetched &&
      me && {
        call: signedIn.call,
        me,
        openLink: signedIn.openLink,
        prefetched,
        refreshMe: async () => {
          const fresh = (await signedIn.call("getMe")).data;
          setBoot((b) => (b.state === "signed-in" ? { ...b, me: fresh } : b));
        },
      },
    [signedIn, prefetched, me],
  );
  const host = signedIn?.host ?? null;
  const personaId = signedIn?.personaId ?? null;

  // Local mode's persona switcher loads once the first screen is on its way: it is not part of the product.
  const pastStart = boot.state !== "starting";
  useEffect(() => {
    if (!__TANDEM_LOCAL__ || !localPage || !pastStart) return;
    let live = true;
    import("../local/local-mode")
      .then(({ loadPersonaBar }) => loadPersonaBar(API_URL, personaId))
      .then((bar) => live && setBar(() => bar))
      // Without the list nobody can be chosen; a signed-in page goes on without its switcher.
      .catch((error: unknown) => live && setBoot((b) => (b.state === "choose-persona" ? { state: "failed", error } : b)));
    return () => {
      live = false;
    };
  }, [pastStart, personaId]);

  // Asking Intl for the browser's zone loads locale data (tens of milliseconds): only once someone is signed in.
  const timeZone = me ? (me.profile?.timeZone ?? me.directory?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone) : "UTC";
  const i18n = useMemo(() => createI18n(tag, timeZone), [tag, timeZone]);
  useEffect(() => {
    document.documentElement.lang = i18n.locale;
  }, [i18n.locale]);

  let content: ReactNode;
  if (boot.state === "starting") content = <ViewSkeleton />;
  else if (session) {
    content = (
      <SessionContext.Provider value={session}>
        <Shell />
      </SessionContext.Provider>
    );
  } else if (boot.state === "failed") {
    const { key, detail } = errorMessage(boot.error);
    const text = boot.error instanceof Error && !("status" in boot.error) ? boot.error.message : i18n.t(key, { detail: detail ?? "" });
    content = (
      <div className={styles.notice}>
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{i18n.t("signin.failed", { detail: text })}</MessageBarBody>
        </MessageBar>
      </div>
    );
  } else content = null;

  return (
    // Page styles sit on an inner element: Fluent copies the provider's classes onto every portal (menus,
    // dialogs), which would then cover the page.
    <FluentProvider theme={shown.value} data-theme={shown.name} data-in-teams={host ? "true" : "false"}>
      <div className={styles.page}>
        <I18nProvider value={i18n}>
          {Bar && <Bar theme={theme} locale={i18n.locale} onTheme={setTheme} onLocale={(l) => setTag(l)} />}
          {content}
        </I18nProvider>
      </div>
    </FluentProvider>
  );
}

// The first render waits a moment for what boot.ts has in flight (its answers usually arrived while this code
// was evaluated, but are handled only now): rendering "loading" first would cost a second full render. A dark or
// high-contrast page waits for its theme as well, rather than flash the light one.
const firstData = started.promise.then((s): Promise<unknown> | undefined =>
  s.state === "signed-in" ? Promise.all([s.me.promise, s.tandems.promise]) : undefined,
);
const firstTheme = started.promise.catch(() => undefined).then(() => loadFluentTheme(initialTheme()));
// A failure of either is shown by the app, once rendered.
const firstScreen = Promise.all([firstTheme.catch(() => undefined), firstData.catch(() => undefined)]);
void Promise.race([firstScreen, new Promise((r) => setTimeout(r, 100))]).then(() =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <RendererProvider renderer={pageStyleRenderer()} targetDocument={nothingToRehydrate()}>
        <Root />
      </RendererProvider>
    </StrictMode>,
  ),
);

