import { createContext, useContext } from "react";
import type { Me } from "@tandem/core";
import type { Call } from "../api/client";

/** The signed-in person and how to reach the api for them: everything a view needs from the app shell. */
export interface Session {
  call: Call;
  me: Me;
  /** Reloads /me after a change that affects roles or profile. */
  refreshMe(): Promise<void>;
  /** Opens a URL the way the host prefers (Teams deep links go through Teams). */
  openLink(url: string): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a signed-in app");
  return s;
}
