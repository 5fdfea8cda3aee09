import { StrictMode, useEffect, useMemo, useState, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { api, type Me } from "@tandem/core";
import { connectTeams, looksHostedByTeams, type TeamsHost, type TeamsTheme } from "./platform/teams";
import { createApiClient } from "@tandem/ui";
import { createI18n, I18nProvider } from "./i18n/i18n";
import { fluentTheme } from "./app/theme";
import { SessionContext, prefetch, type Session } from "./app/session";
import { Shell } from "./app/Shell";
import { ViewSkeleton } from "./components/ViewSkeleton";
import { errorMessage } from "./components/ErrorNotice";
import type { LocalMode } from "./local/local-mode";

// Local builds let the page name its api (?api=...), so one build serves tests that start an api per file.
const API_URL =
  (__TANDEM_LOCAL__ && new URL(window.location.href).searchParams.get("api")) ||
  (import.meta.env.VITE_API_URL ?? "http://localhost:7071/api");

const useStyles = makeStyles({
  page: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  notice: { padding: tokens.spacingHorizontalL },
});

type Boot =
  | { state: "starting" }
  | { state: "signed-in"; session: Session }
  | { state: "choose-persona" }
  | { state: "failed"; error: unknown };

function Root() {
  const styles = useStyles();
  const [theme, setTheme] = useState<TeamsTheme>("default");
  const [tag, setTag] = useState(navigator.language || "en");
  const [boot, setBoot] = useState<Boot>({ state: "starting" });
  const [local, setLocal] = useState<LocalMode | null>(null);
  const [host, setHost] = useState<TeamsHost | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      let getToken: () => Promise<string>;
      let openLink = (url: string) => void window.open(url, "_blank", "noopener");
      if (looksHostedByTeams()) {
        const teams = await connectTeams();
        if (!teams) throw new Error("Microsoft Teams did not answer");
        if (!live) return;
        setHost(teams);
        setTheme(teams.theme);
        setTag(teams.locale);
        teams.onThemeChange(setTheme);
        getToken = () => teams.getToken();
        openLink = (url) => void teams.openLink(url);
      } else if (__TANDEM_LOCAL__) {
        const { startLocalMode } = await import("./local/local-mode");
        const lm = await startLocalMode(API_URL);
        if (!live) return;
        setLocal(lm);
        setTheme(lm.theme);
        if (lm.lang) setTag(lm.lang);
        if (!lm.personaId) {
          setBoot({ state: "choose-persona" });
          return;
        }
        getToken = lm.getToken;
      } else {
        throw new Error("Open Tandem from Microsoft Teams.");
      }
      const call = createApiClient(API_URL, getToken);
      const loadMe = async () => (await call(api.getMe)).data;
      // The home view's tandems load while /me does: the first tandem shows one round trip earlier.
      const prefetched = prefetch({ tandems: call(api.listTandems).then((r) => r.data.items) });
      let me: Me = await loadMe();
      const session: Session = {
        call,
        me,
        openLink,
        prefetched,
        refreshMe: async () => {
          me = await loadMe();
          if (live) setBoot({ state: "signed-in", session: { ...session, me } });
        },
      };
      if (live) setBoot({ state: "signed-in", session });
    })().catch((error: unknown) => live && setBoot({ state: "failed", error }));
    return () => {
      live = false;
    };
  }, []);

  const me = boot.state === "signed-in" ? boot.session.me : null;
  const timeZone = me?.profile?.timeZone ?? me?.directory?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const i18n = useMemo(() => createI18n(tag, timeZone), [tag, timeZone]);
  useEffect(() => {
    document.documentElement.lang = i18n.locale;
  }, [i18n.locale]);

  let content: ReactNode;
  if (boot.state === "starting") content = <ViewSkeleton />;
  else if (boot.state === "signed-in") {
    content = (
      <SessionContext.Provider value={boot.session}>
        <Shell />
      </SessionContext.Provider>
    );
  } else if (boot.state === "choose-persona") content = null;
  else {
    const { key, detail } = errorMessage(boot.error);
    const text = boot.error instanceof Error && !("status" in boot.error) ? boot.error.message : i18n.t(key, { detail: detail ?? "" });
    content = (
      <div className={styles.notice}>
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{i18n.t("signin.failed", { detail: text })}</MessageBarBody>
        </MessageBar>
      </div>
    );
  }

  return (
    // Page styles sit on an inner element: Fluent copies the provider's classes onto every portal (menus,
    // dialogs), which would then cover the page.
    <FluentProvider theme={fluentTheme[theme]} data-theme={theme} data-in-teams={host ? "true" : "false"}>
      <div className={styles.page}>
        <I18nProvider value={i18n}>
          {local && <local.Bar theme={theme} locale={i18n.locale} onTheme={setTheme} onLocale={(l) => setTag(l)} />}
          {content}
        </I18nProvider>
      </div>
    </FluentProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);

