import { StrictMode, useEffect, useMemo, useState, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { connectOffice, OfficeSignInError, type OfficeTheme, type OutlookItem } from "./platform/office";
import { createApiClient } from "@tandem/ui";
import { createI18n, I18nProvider, localeOf, type I18n } from "./i18n/i18n";
import { fluentTheme } from "./app/theme";
import { SessionContext, type Session } from "./app/session";
import { Shell } from "./app/Shell";
import { Loading } from "./components/Loading";
import { errorMessage } from "./components/ErrorNotice";
import type { LocalMode } from "./local/local-mode";

// Local builds let the page name its api (?api=...), so one build serves tests that start an api per file.
const API_URL =
  (__TANDEM_LOCAL__ && new URL(window.location.href).searchParams.get("api")) ||
  (import.meta.env.VITE_API_URL ?? "http://localhost:7071/api");

const useStyles = makeStyles({
  page: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  notice: { padding: tokens.spacingHorizontalM },
});

type Boot =
  | { state: "starting" }
  | { state: "signed-in"; session: Session }
  | { state: "choose-persona" }
  | { state: "failed"; error: unknown };

class OutsideOutlook extends Error {}

function failure(error: unknown, i18n: I18n): string {
  if (error instanceof OutsideOutlook) return i18n.t("signin.outsideOutlook");
  if (error instanceof OfficeSignInError) return i18n.t("signin.office", { code: error.code ?? "?" });
  const { key, detail } = errorMessage(error);
  const text = error instanceof Error && !("status" in error) ? error.message : i18n.t(key, { detail: detail ?? "" });
  return i18n.t("signin.failed", { detail: text });
}

function Root() {
  const styles = useStyles();
  const [theme, setTheme] = useState<OfficeTheme>("light");
  const [tag, setTag] = useState(navigator.language || "en");
  const [boot, setBoot] = useState<Boot>({ state: "starting" });
  const [local, setLocal] = useState<LocalMode | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const office = await connectOffice();
      let getToken: () => Promise<string>;
      let item: OutlookItem | null;
      if (office.inOutlook) {
        if (!live) return;
        setTheme(office.theme);
        setTag(office.locale);
        getToken = office.getToken;
        item = await office.currentItem();
      } else if (__TANDEM_LOCAL__) {
        const { startLocalMode } = await import("./local/local-mode");
        const lm = await startLocalMode(API_URL);
        if (!live) return;
        setLocal(lm);
        setTheme(lm.theme);
        // ?lang=en in an en-GB browser keeps British dates and times.
        if (lm.lang && localeOf(navigator.language) !== lm.lang) setTag(lm.lang);
        if (!lm.personaId) {
          setBoot({ state: "choose-persona" });
          return;
        }
        getToken = lm.getToken;
        item = lm.item;
      } else {
        throw new OutsideOutlook();
      }
      const call = createApiClient(API_URL, getToken);
      const me = (await call("getMe")).data;
      if (live) setBoot({ state: "signed-in", session: { call, me, item, now: () => new Date().toISOString() } });
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
  if (boot.state === "starting") content = <div className={styles.notice}><Loading /></div>;
  else if (boot.state === "signed-in") {
    content = (
      <SessionContext.Provider value={boot.session}>
        <Shell />
      </SessionContext.Provider>
    );
  } else if (boot.state === "choose-persona") content = null;
  else {
    content = (
      <div className={styles.notice}>
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{failure(boot.error, i18n)}</MessageBarBody>
        </MessageBar>
      </div>
    );
  }

  return (
    // Page styles sit on an inner element: Fluent copies the provider's classes onto every portal (menus),
    // which would then cover the page.
    <FluentProvider theme={fluentTheme[theme]} data-theme={theme}>
      <div className={styles.page}>
        <I18nProvider value={i18n}>
          {local && <local.Bar theme={theme} locale={i18n.locale} onTheme={setTheme} onLocale={(l) => setTag(localeOf(navigator.language) === l ? navigator.language : l)} />}
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
