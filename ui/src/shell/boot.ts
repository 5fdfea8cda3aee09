import type { Me } from "@tandem/core";
import { createApiClient, type Call, type GetToken } from "../api/api-client";
import { settling, type Settling } from "../api/settling";
import { askedPersona, rememberPersona, signInLocally } from "../local/sign-in";
import { apiUrl } from "./api-url";
import type { HostSession } from "./host";

/**
 * Signing in, the start of every page: with the host's single sign-on inside the host, as a person of the demo
 * organisation in a local build outside it. It imports nothing heavy (no React, no zod: the api client works from
 * the plain route table), so that a page can start it from its entry script, before the app's code is evaluated.
 */

/** The page runs outside its host in a production build: there is nobody to sign in. */
export class OutsideHost extends Error {
  constructor() {
    super("outside the host");
    this.name = "OutsideHost";
  }
}

export type Started<H, F> =
  | {
      state: "signed-in";
      call: Call;
      /** GET /me, started at once: the shell reports its failure. */
      me: Settling<Me>;
      /** The app's own first requests (`first`), started with /me. */
      first: F;
      /** Null in local mode. */
      host: H | null;
      /** Local mode: the persona signed in as. */
      personaId: string | null;
    }
  | { state: "choose-persona" }
  /** `local`: the page was not inside its host, so local mode's persona switcher can help. */
  | { state: "failed"; error: unknown; local: boolean };

export interface SignInOptions<H, F> {
  /**
   * Connects to the host: null when the page is not inside it (a plain browser), a rejection when the host is
   * there but failed.
   */
  connect(): Promise<H | null>;
  /** The first screen's own requests, started as soon as there is a token. */
  first(call: Call): F;
}

function signedIn<H, F>(o: SignInOptions<H, F>, getToken: GetToken, host: H | null, personaId: string | null): Started<H, F> {
  const call = createApiClient(apiUrl(), getToken);
  return { state: "signed-in", call, me: settling(call("getMe").then((r) => r.data)), first: o.first(call), host, personaId };
}

async function startLocally<H, F>(o: SignInOptions<H, F>): Promise<Started<H, F>> {
  try {
    const asked = askedPersona();
    const local = asked ? await signInLocally(apiUrl(), asked) : null;
    if (!local) return { state: "choose-persona" };
    const started = signedIn(o, local.getToken, null, local.personaId);
    // Once the first requests are on their way: the first write to localStorage is slow.
    rememberPersona(local.personaId);
    return started;
  } catch (error) {
    return { state: "failed", error, local: true };
  }
}

async function start<H extends HostSession, F>(o: SignInOptions<H, F>): Promise<Started<H, F>> {
  let host: H | null;
  try {
    host = await o.connect();
  } catch (error) {
    return { state: "failed", error, local: false };
  }
  if (host) return signedIn(o, (challenge) => host.getToken(challenge), host, null);
  // A production build leaves this branch, and local mode's sign-in with it, out of the bundle.
  if (__TANDEM_LOCAL__) return startLocally(o);
  return { state: "failed", error: new OutsideHost(), local: false };
}

/**
 * Begun as early as the page can; the shell takes it over when React is ready, and renders at once what has
 * already arrived by then. It never rejects: a failure is a state.
 */
export function startSignIn<H extends HostSession, F>(options: SignInOptions<H, F>): Settling<Started<H, F>> {
  return settling(start(options));
}
