/// <reference types="vite/client" />

// Declared once for every front end: the tab, the add-in and the shell are type-checked as one program, where a
// second `declare const` would clash.

/** True in the local-mode build (npm start, tests): development sign-in and persona switcher. */
declare const __TANDEM_LOCAL__: boolean;

interface ImportMetaEnv {
  /** The api's base URL, ending with /api. */
  readonly VITE_API_URL?: string;
  /** The Entra app's client id, for the add-in's nested app authentication (production builds). */
  readonly VITE_ENTRA_CLIENT_ID?: string;
  /** The api's scope, `api://<site host>/<client id>/access_as_user`. */
  readonly VITE_API_SCOPE?: string;
}
