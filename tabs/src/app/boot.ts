import type { Me, TandemView } from "@tandem/core";
import { createApiClient, settling, type Call, type Locale, type Settling } from "@tandem/ui";
import { askedPersona, rememberPersona, signInLocally } from "@tandem/ui/local";
import { connectTeams, looksHostedByTeams, type TeamsHost, type TeamsTheme } from "../platform/teams";

/**
 * The tab's start, run by main.ts before the app's code (root.tsx) is evaluated: signing in and the first
 * screen's requests (/me and /tandems) travel while React and Fluent UI are evaluated, instead of after.
 * It imports nothing heavy: the api client works from the plain route table, without zod.
 */

// Local builds let the page name its api (?api=...), so one build serves tests that start an api per file.
export const API_URL =
  (__TANDEM_LOCAL__ && new URL(window.location.href).searchParams.get("api")) ||
  (import.meta.env.VITE_API_URL ?? "http://localhost:7071/api");

/** Local mode (outside Teams, local builds only): what the page's address asks for. */
export interface LocalPage {
  theme: TeamsTheme;
  lang: Locale | null;
}

export const localPage: LocalPage | null =
  __TANDEM_LOCAL__ && !looksHostedByTeams()
    ? (() => {
        const params = new URL(window.location.href).searchParams;
        return {
          theme: (["default", "dark", "contrast"] as const).find((t) => t === params.get("theme")) ?? "default",
          lang: (["fr", "en"] as const).find((l) => l === params.get("lang")) ?? null,
        };
      })()
    : null;

export type Started =
  | {
      state: "signed-in";
      call: Call;
      me: Settling<Me>;
      tandems: Settling<TandemView[]>;
      host: TeamsHost | null;
      /** Local mode: the persona signed in as. */
      personaId: string | null;
      openLink(url: string): void;
    }
  | { state: "choose-persona" };

function signedIn(getToken: () => Promise<string>, host: TeamsHost | null, personaId: string | null): Started {
  const call = createApiClient(API_URL, getToken);
  return {
    state: "signed-in",
    call,
    // Failures are reported by whoever takes them: the app shell for /me, the home view for /tandems.
    me: settling(call("getMe").then((r) => r.data)),
    tandems: settling(call("listTandems").then((r) => r.data.items)),
    host,
    personaId,
    openLink: host ? (url) => void host.openLink(url) : (url) => void window.open(url, "_blank", "noopener"),
  };
}

async function start(): Promise<Started> {
  if (looksHostedByTeams()) {
    const teams = await connectTeams();
    if (!teams) throw new Error("Microsoft Teams did not answer");
    return signedIn(() => teams.getToken(), teams, null);
  }
  if (__TANDEM_LOCAL__) {
    const asked = askedPersona();
    const local = asked ? await signInLocally(API_URL, asked) : null;
    if (!local) return { state: "choose-persona" };
    const start = signedIn(local.getToken, null, local.personaId);
    rememberPersona(local.personaId);
    return start;
  }
  throw new Error("Open Tandem from Microsoft Teams.");
}

/**
 * Begun when the page's code arrives; the app shell takes it over when React is ready, and renders at once
 * what has already arrived by then.
 */
export const started: Settling<Started> = settling(start());
