/**
 * What `zod` means in the web builds (an alias in web-app-config.ts): zod itself, with its just-in-time parsers off.
 * Zod compiles object parsers with `new Function` where it may, and first probes whether it may; under the site's
 * Content-Security-Policy (no 'unsafe-eval', build/site/static-web-app.ts) the probe alone is reported as a
 * violation. This module runs after zod and before any module that imports `zod`, so before any schema is built.
 */
import { config, z } from "zod/v4";

config({ jitless: true });

export * from "zod/v4";
export { z, z as default };
