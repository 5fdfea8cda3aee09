import type { Theme } from "@fluentui/react-components";
import type { SignInChallenge } from "../api/api-client";

/** What the host a page runs in (Teams, Outlook) gives once connected: who signs in, and how the page looks. */
export interface HostSession<T extends string = string> {
  /** The host's display language, a BCP 47 tag ("fr-FR"). */
  locale: string;
  theme: T;
  /**
   * An access token for Tandem's api, from the host's single sign-on; with a challenge (the api could not act on
   * the person's behalf), a new one from a sign-in the host shows, carrying the challenge's claims.
   */
  getToken(challenge?: SignInChallenge): Promise<string>;
  /** Where the host changes its theme while the page is open (Teams). */
  onThemeChange?(handler: (theme: T) => void): void;
}

/**
 * A host platform as the shell sees it, without its SDK: each app wraps its SDK once (tabs/src/platform/teams.ts,
 * addin/src/platform/office.ts), connects to it when signing in (`startSignIn`), and describes its themes to the
 * shell with this.
 */
export interface Platform<T extends string> {
  /** "teams", "outlook": the page's root tells whether it runs inside (`data-in-teams="true"`). */
  name: string;
  /** The host's themes; the first is the light one, which a page starts with until it knows better. */
  themes: readonly [T, ...T[]];
  /** Where a host theme becomes a Fluent theme: at once if it is loaded already, and loading it otherwise. */
  fluentTheme: { now(name: T): Theme | undefined; load(name: T): Promise<Theme> };
}
