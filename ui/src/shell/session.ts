import { createContext, useContext } from "react";
import type { Me } from "@tandem/core";
import type { Call } from "../api/api-client";

/** The signed-in person as the shell hands them to the app: how to reach the api for them, and who they are. */
export interface SignedIn<H, F> {
  call: Call;
  me: Me;
  /** Reads /me again, after a change that affects roles or profile. */
  refreshMe(): Promise<void>;
  /** Null in local mode. */
  host: H | null;
  /** Local mode: the persona signed in as. */
  personaId: string | null;
  /** The app's own first requests, as boot started them. */
  first: F;
}

/** An app's session context (what its views need from the shell), and the hook that reads it. */
export function createSessionContext<S>(where: string) {
  const SessionContext = createContext<S | null>(null);
  function useSession(): S {
    const s = useContext(SessionContext);
    if (!s) throw new Error(`useSession outside ${where}`);
    return s;
  }
  return { SessionContext, useSession };
}
