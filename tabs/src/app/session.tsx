import type { Me, TandemView } from "@tandem/core";
import { createSessionContext, type Call, type Settling } from "@tandem/ui";

/** The signed-in person and how to reach the api for them: everything a view needs from the app shell. */
export interface Session {
  call: Call;
  me: Me;
  /** Reloads /me after a change that affects roles or profile. */
  refreshMe(): Promise<void>;
  /** Opens a URL the way the host prefers (Teams deep links go through Teams). */
  openLink(url: string): void;
  /** Requests the shell started early, each handed out once, to the first view that wants it. */
  prefetched: Prefetched;
}

export interface Prefetched {
  take(key: "tandems"): Settling<TandemView[]> | undefined;
}

export function prefetch(entries: { tandems?: Settling<TandemView[]> }): Prefetched {
  const left = { ...entries };
  // A failed prefetch is not an unhandled rejection: the view that takes it reports it.
  for (const p of Object.values(left)) p?.promise.catch(() => undefined);
  return {
    take(key) {
      const p = left[key];
      delete left[key];
      return p;
    },
  };
}

export const { SessionContext, useSession } = createSessionContext<Session>("a signed-in app");
