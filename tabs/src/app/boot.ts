import type { TandemView } from "@tandem/core";
import { settling, startSignIn, type Settling } from "@tandem/ui";
import { connectTeams } from "../platform/teams";

/**
 * The tab's start, run by main.ts before the app's code (root.tsx) is evaluated: signing in and the first
 * screen's requests (/me and /tandems) travel while React and Fluent UI are evaluated, instead of after.
 * It imports nothing heavy: the shell's sign-in and the api client work from the plain route table, without zod.
 */

/** The home view's tandems, requested with /me: the first screen shows them. */
export interface FirstRequests {
  tandems: Settling<TandemView[]>;
}

// Failures are reported by whoever takes them: the shell for /me, the home view for /tandems.
export const started = startSignIn({
  connect: () => connectTeams(),
  first: (call): FirstRequests => ({ tandems: settling(call("listTandems").then((r) => r.data.items)) }),
});
