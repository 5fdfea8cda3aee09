import { StrictMode, useMemo } from "react";
import { createRoot } from "react-dom/client";
import { ShellNotice, WebShell, startSignIn, type SignedIn } from "@tandem/ui";
import { connectOffice, OfficeSignInError, type OutlookHost, type OutlookItem } from "./platform/office";
import { createI18n } from "./i18n/i18n";
import { outlook } from "./app/theme";
import { SessionContext, type Session } from "./app/session";
import { Shell } from "./app/Shell";
import { Loading } from "./components/Loading";
import { localItem } from "./local/meeting";

type Host = OutlookHost & { item: OutlookItem | null };

/** Inside Outlook: its SSO, and the message or meeting the pane was opened on, read before the first view. */
async function connect(): Promise<Host | null> {
  const office = await connectOffice();
  return office.inOutlook ? { ...office, item: await office.currentItem() } : null;
}

// Begun at once: Office.js answers while React and Fluent UI are evaluated.
const started = startSignIn({ connect, first: () => undefined });

function Pane({ signedIn }: { signedIn: SignedIn<Host, undefined> }) {
  const { call, me, host } = signedIn;
  const session = useMemo<Session>(
    () => ({ call, me, item: host ? host.item : __TANDEM_LOCAL__ ? localItem() : null, now: () => new Date().toISOString() }),
    [call, me, host],
  );
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <WebShell
      started={started}
      platform={outlook}
      createI18n={createI18n}
      narrow
      starting={
        <ShellNotice>
          <Loading />
        </ShellNotice>
      }
      describeFailure={(error, { t }) => (error instanceof OfficeSignInError ? t("signin.office", { code: error.code ?? "?" }) : undefined)}
    >
      {(signedIn) => <Pane signedIn={signedIn} />}
    </WebShell>
  </StrictMode>,
);
