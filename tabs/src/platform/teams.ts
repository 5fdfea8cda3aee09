/**
 * The one module that knows Microsoft Teams. teams-js is loaded only when the page runs inside a Teams host,
 * so a plain browser (local mode) never imports it, and the tab's first render does not wait for it.
 */
import type { SignInChallenge } from "@tandem/ui";

export const teamsThemes = ["default", "dark", "contrast"] as const;
export type TeamsTheme = (typeof teamsThemes)[number];

/** What the tab gets from Teams: the shell's sign-in, language and theme, and Teams' own deep links. */
export interface TeamsHost {
  theme: TeamsTheme;
  locale: string;
  /** The person's UPN, to address deep links. */
  loginHint: string | null;
  getToken(challenge?: SignInChallenge): Promise<string>;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  openLink(url: string): Promise<void>;
}

/** Teams frames the page but does not answer (or not in time): nobody can be signed in. */
export class TeamsSilent extends Error {
  constructor() {
    super("Microsoft Teams did not answer");
    this.name = "TeamsSilent";
  }
}

/**
 * Decided synchronously, before any SDK call: teams-js's own initialise waits 60 s in a foreign iframe and
 * rejects at once at the top level. Teams web and desktop embed the tab in a frame; mobile exposes a native
 * interface.
 */
export function looksHostedByTeams(w: Window = window): boolean {
  try {
    if ((w as Window & { nativeInterface?: unknown }).nativeInterface) return true;
    return w.self !== w.top;
  } catch {
    // A cross-origin parent throws on access to top: we are framed.
    return true;
  }
}

const asTheme = (t: string | undefined): TeamsTheme => (t === "dark" || t === "contrast" ? t : "default");

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Connects to the Teams host; null when the page is not in Teams, TeamsSilent when Teams does not answer in time. */
export async function connectTeams(timeoutMs = 5000): Promise<TeamsHost | null> {
  if (!looksHostedByTeams()) return null;
  const { app, authentication } = await import("@microsoft/teams-js");
  try {
    await withTimeout(app.initialize(), timeoutMs, "Microsoft Teams");
  } catch {
    throw new TeamsSilent();
  }
  const context = await app.getContext();
  app.notifySuccess();
  return {
    theme: asTheme(context.app.theme),
    locale: context.app.locale,
    loginHint: context.user?.loginHint ?? context.user?.userPrincipalName ?? null,
    // Teams SSO, silently; after a challenge, with Teams' own sign-in or consent prompt and the claims asked for.
    getToken: (challenge) =>
      authentication.getAuthToken(challenge ? { silent: false, ...(challenge.claims ? { claims: [challenge.claims] } : {}) } : undefined),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(asTheme(t))),
    openLink: (url) => app.openLink(url),
  };
}

/** A Teams deep link that opens (or starts) a chat with these people, addressed by UPN or mail. */
export const chatLink = (users: string[], topic?: string) =>
  `https://teams.microsoft.com/l/chat/0/0?users=${users.map(encodeURIComponent).join(",")}${topic ? `&topicName=${encodeURIComponent(topic)}` : ""}`;
