import { z } from "zod";

/** The development issuer's name. Tokens it signs are refused unless the api runs in local mode. */
export const DEV_ISSUER = "https://tandem.invalid/dev-issuer";
export const DEV_AUDIENCE = "api://tandem-local";

const tenantList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim().toLowerCase()).filter(Boolean))
  .pipe(
    z
      .array(z.union([z.literal("*"), z.uuid("each entry is a tenant id (a GUID) or *")]))
      .min(1, "list at least one tenant id, or * for any"),
  );

const Env = z.object({
  TANDEM_MODE: z.enum(["local", "azure"]).default("azure"),
  PORT: z.coerce.number().int().min(0).max(65535).default(7071),
  /** A connection string (Azurite or an account key), or an account URL for a managed identity. */
  STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
  STORAGE_ACCOUNT_URL: z.url().optional(),
  /**
   * With STORAGE_ACCOUNT_URL, the queue service of the jobs' queue, reached by the managed identity: the very setting
   * the queue trigger's connection ("JobsStorage") reads. With a connection string, its QueueEndpoint is used.
   */
  JobsStorage__queueServiceUri: z.url().optional(),
  /** The jobs' queue (ADR 0010); by default the table prefix's, so that tests and demos sharing an account stay apart. */
  JOBS_QUEUE: z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,55}[a-z0-9]$/, "3 to 57 lowercase letters, digits and single hyphens")
    .optional(),
  /** Local worker: how long a failed job waits before its next attempt (host.json visibilityTimeout in Azure). */
  JOBS_RETRY_SECONDS: z.coerce.number().int().min(0).max(600).default(10),
  /** Local worker: how long a message stays hidden while a job runs it, renewed at half of it. */
  JOBS_VISIBILITY_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  /** Tandems a publication writes per job message: each message stays far below a function's time limit. */
  JOBS_PUBLICATION_SLICE: z.coerce.number().int().min(1).max(2000).default(200),
  /**
   * A publication that has not moved for this long reads as stalled (its api stopped before queuing its job, or its
   * request before it committed): the console offers to finish it with the run's key, and another key may take over
   * a claim never committed.
   */
  JOBS_PUBLICATION_STALE_MINUTES: z.coerce.number().min(1).max(1440).default(10),
  /** Prefix of every table name: lets tests and several demos share one storage account. */
  TABLE_PREFIX: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/).default("tandem"),
  /** Issuer of the access tokens; `{tenantid}` is replaced by the token's tid (Entra multi-tenant apps). */
  AUTH_ISSUER: z.string().min(1).default("https://login.microsoftonline.com/{tenantid}/v2.0"),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_JWKS_URI: z.url().default("https://login.microsoftonline.com/common/discovery/v2.0/keys"),
  /** Tenants allowed to call; "*" for any (a multi-tenant SaaS). */
  AUTH_ALLOWED_TENANTS: tenantList.default(["*"]),
  /** Local mode: the demo organisation that feeds the directory and the personas. */
  DEMO_ORGANISATION_FILE: z.string().optional(),
  /** Local mode: where the development issuer keeps its signing key across restarts. */
  DEV_KEY_FILE: z.string().optional(),
  /**
   * How long one storage call may take, retries included, before the request gives up with 503 and Retry-After: a
   * stalled storage must not hold every request (and every Functions instance) for as long as TCP waits.
   */
  STORAGE_TIMEOUT_SECONDS: z.coerce.number().min(0.05).max(120).default(5),
  /** GET /health's own, shorter deadline for its one storage call: a probe must answer fast, either way. */
  HEALTH_TIMEOUT_SECONDS: z.coerce.number().min(0.05).max(60).default(2),
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(4_194_304).default(65_536),
  /** Microsoft Graph, or any Graph-compatible endpoint (the local simulator). */
  GRAPH_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://graph.microsoft.com/v1.0"),
  /** Retries of a Graph call answered 429, 503 or 504, waiting what Retry-After says, at most this long each. */
  GRAPH_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  GRAPH_MAX_RETRY_DELAY_SECONDS: z.coerce.number().min(0).max(180).default(10),
  /** The Entra app that exchanges the caller's token for a Graph token (on-behalf-of); set by the Bicep. */
  AAD_APP_CLIENT_ID: z.string().min(1).optional(),
  AAD_APP_CLIENT_SECRET: z.string().min(1).optional(),
  /** When the timer syncs the directory from Microsoft Graph: an Azure Functions NCRONTAB (six fields, UTC). */
  DIRECTORY_SYNC_SCHEDULE: z
    .string()
    .regex(/^\S+( \S+){5}$/, "six fields: second minute hour day month weekday, such as 0 0 3 * * *")
    .default("0 0 3 * * *"),
  /** Tenants the timer syncs besides those synced once already (and those of AUTH_ALLOWED_TENANTS). */
  DIRECTORY_SYNC_TENANTS: z
    .string()
    .transform((s) => s.split(",").map((x) => x.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.uuid("each entry is a tenant id (a GUID)")))
    .default([]),
  /**
   * How long request paths may reuse what they read of the synced directory (names, managers, teams): it changes
   * about once a day; another instance's sync shows within this delay (this instance's at once). 0: never reuse.
   */
  DIRECTORY_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  /** Reports hide any figure about fewer people than this: 5 at least, never less. */
  REPORTS_MIN_GROUP_SIZE: z.coerce
    .number()
    .int()
    .min(5, "reports never show a figure about fewer than 5 people: set 5 or more")
    .max(1000)
    .default(5),
  /**
   * The orphan sweep (ADR 0006): a meeting Tandem booked that no session knows is left alone this long after its
   * creation, so that a booking cut short can still be retried with its Idempotency-Key and find it again.
   */
  ORPHAN_GRACE_MINUTES: z.coerce.number().min(0).max(1440).default(10),
  /** When the timer sweeps every tenant's calendars for orphans: an Azure Functions NCRONTAB (six fields, UTC). */
  ORPHAN_SWEEP_SCHEDULE: z
    .string()
    .regex(/^\S+( \S+){5}$/, "six fields: second minute hour day month weekday, such as 0 */30 * * * *")
    .default("0 */30 * * * *"),
  /** How far ahead the sweep reads each member's calendar, in days. */
  ORPHAN_SWEEP_DAYS: z.coerce.number().int().min(1).max(730).default(120),
  /** The local host's stand-in for the timer: a sweep every so many seconds (0: never). */
  ORPHAN_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(1800),
});

export type Config = {
  mode: "local" | "azure";
  port: number;
  storage: { connectionString: string } | { accountUrl: string; queueServiceUrl: string };
  jobs: { queue: string; retrySeconds: number; visibilitySeconds: number; publicationSlice: number; publicationStaleMs: number };
  /** Deadlines of a storage call, and of the health check's, in milliseconds. */
  storageTimeouts: { callMs: number; healthMs: number };
  tablePrefix: string;
  auth: {
    issuer: string;
    audience: string;
    jwksUri: string;
    allowedTenants: string[] | "*";
    development: boolean;
  };
  demoOrganisationFile?: string;
  devKeyFile?: string;
  maxBodyBytes: number;
  graph: {
    baseUrl: string;
    maxRetries: number;
    maxRetryDelaySeconds: number;
    /**
     * How the api gets a Graph token for the caller: their own development token (local mode, against the
     * simulator), or on-behalf-of with the Entra app's credentials; null when those are not configured.
     */
    credential: "development-token" | { clientId: string; clientSecret: string } | null;
  };
  directory: {
    schedule: string;
    tenants: string[];
    /** Milliseconds; 0: every read goes to storage. */
    cacheMs: number;
  };
  reports: {
    minGroupSize: number;
  };
  orphans: {
    graceMs: number;
    schedule: string;
    days: number;
    /** The local host's interval, in milliseconds; 0: no sweep on an interval. */
    localIntervalMs: number;
  };
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment once, at start-up, and refuses unsafe combinations. */
export function loadConfig(raw: Record<string, string | undefined> = process.env): Config {
  // An empty variable (`PORT=`) means "not set", never zero. Except the tenant allow-list: an empty one is refused
  // rather than read as "any tenant".
  const env = Object.fromEntries(
    Object.entries(raw).filter(([k, v]) => v !== undefined && (v.trim() !== "" || k === "AUTH_ALLOWED_TENANTS")),
  );
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  const local = e.TANDEM_MODE === "local";
  const development = e.AUTH_ISSUER === DEV_ISSUER || (local && env.AUTH_ISSUER === undefined);
  if (development && !local) {
    throw new ConfigError(
      "The development token issuer is only allowed in local mode: set TANDEM_MODE=local, or configure AUTH_ISSUER for Entra ID.",
    );
  }
  if (!e.STORAGE_CONNECTION_STRING && !e.STORAGE_ACCOUNT_URL) throw new ConfigError("Set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL.");
  if (!e.STORAGE_CONNECTION_STRING && !e.JobsStorage__queueServiceUri) {
    throw new ConfigError("With STORAGE_ACCOUNT_URL, set JobsStorage__queueServiceUri to the account's queue service (the jobs' queue).");
  }
  const storage = e.STORAGE_CONNECTION_STRING
    ? { connectionString: e.STORAGE_CONNECTION_STRING }
    : { accountUrl: e.STORAGE_ACCOUNT_URL!, queueServiceUrl: e.JobsStorage__queueServiceUri! };
  const audience = e.AUTH_AUDIENCE ?? (development ? DEV_AUDIENCE : undefined);
  if (!audience) throw new ConfigError("Set AUTH_AUDIENCE to the api's application ID URI or client id.");
  if (local && !e.DEMO_ORGANISATION_FILE) throw new ConfigError("Local mode needs DEMO_ORGANISATION_FILE.");
  if (!local && !e.AAD_APP_CLIENT_ID !== !e.AAD_APP_CLIENT_SECRET) {
    throw new ConfigError("Set both AAD_APP_CLIENT_ID and AAD_APP_CLIENT_SECRET (the api calls Microsoft Graph on behalf of the user), or neither.");
  }
  return {
    mode: e.TANDEM_MODE,
    port: e.PORT,
    storage,
    storageTimeouts: { callMs: Math.round(e.STORAGE_TIMEOUT_SECONDS * 1000), healthMs: Math.round(e.HEALTH_TIMEOUT_SECONDS * 1000) },
    tablePrefix: e.TABLE_PREFIX,
    jobs: {
      queue: e.JOBS_QUEUE ?? `${e.TABLE_PREFIX.toLowerCase()}-jobs`,
      retrySeconds: e.JOBS_RETRY_SECONDS,
      visibilitySeconds: e.JOBS_VISIBILITY_SECONDS,
      publicationSlice: e.JOBS_PUBLICATION_SLICE,
      publicationStaleMs: Math.round(e.JOBS_PUBLICATION_STALE_MINUTES * 60_000),
    },
    auth: {
      issuer: development ? DEV_ISSUER : e.AUTH_ISSUER,
      audience,
      jwksUri: e.AUTH_JWKS_URI,
      allowedTenants: e.AUTH_ALLOWED_TENANTS.includes("*") ? "*" : e.AUTH_ALLOWED_TENANTS,
      development,
    },
    demoOrganisationFile: e.DEMO_ORGANISATION_FILE,
    devKeyFile: e.DEV_KEY_FILE,
    maxBodyBytes: e.MAX_BODY_BYTES,
    graph: {
      baseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ""),
      maxRetries: e.GRAPH_MAX_RETRIES,
      maxRetryDelaySeconds: e.GRAPH_MAX_RETRY_DELAY_SECONDS,
      // Development tokens are only ever valid against the simulator, which trusts the development issuer.
      credential: development
        ? "development-token"
        : e.AAD_APP_CLIENT_ID && e.AAD_APP_CLIENT_SECRET
          ? { clientId: e.AAD_APP_CLIENT_ID, clientSecret: e.AAD_APP_CLIENT_SECRET }
          : null,
    },
    directory: { schedule: e.DIRECTORY_SYNC_SCHEDULE, tenants: e.DIRECTORY_SYNC_TENANTS, cacheMs: Math.round(e.DIRECTORY_CACHE_SECONDS * 1000) },
    reports: { minGroupSize: e.REPORTS_MIN_GROUP_SIZE },
    orphans: {
      graceMs: Math.round(e.ORPHAN_GRACE_MINUTES * 60_000),
      schedule: e.ORPHAN_SWEEP_SCHEDULE,
      days: e.ORPHAN_SWEEP_DAYS,
      localIntervalMs: e.ORPHAN_SWEEP_INTERVAL_SECONDS * 1000,
    },
  };
}
