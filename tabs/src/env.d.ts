/// <reference types="vite/client" />

/** True in the local-mode build (npm start): development sign-in and persona switcher. */
declare const __TANDEM_LOCAL__: boolean;

interface ImportMetaEnv {
  /** The api's base URL, ending with /api. */
  readonly VITE_API_URL?: string;
}
