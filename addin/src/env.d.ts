/// <reference types="vite/client" />

// `__TANDEM_LOCAL__` (true in the local-mode build: development sign-in, persona switcher) is declared once for
// every front end in tabs/src/env.d.ts: both workspaces are type-checked as one program, where a second
// `declare const` would clash.

interface ImportMetaEnv {
  /** The api's base URL, ending with /api. */
  readonly VITE_API_URL?: string;
}
