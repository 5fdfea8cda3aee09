import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/**
 * The settings of a local api a benchmark starts on its own: local mode, any free port, the demo organisation, its
 * tables under `prefix` in the storage given; `extra` adds or overrides (the Graph simulator's address, a key file).
 */
export const localApiSettings = (storage: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> => ({
  TANDEM_MODE: "local",
  PORT: "0",
  STORAGE_CONNECTION_STRING: storage,
  TABLE_PREFIX: prefix,
  DEMO_ORGANISATION_FILE: resolve(root, "demo/organisation.json"),
  ...extra,
});
