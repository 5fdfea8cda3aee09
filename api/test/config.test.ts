import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { resolve } from "node:path";
import { SignJWT, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api } from "@tandem/core";
import { ConfigError, DEV_AUDIENCE, DEV_ISSUER, loadConfig, type Config } from "../src/config";
import { createApp, type TandemApp } from "../src/app";
import { startLocalHost } from "../src/host/local-host";
import { freePort } from "../../scripts/lib/azurite";

const root = resolve(import.meta.dirname, "../..");
const ENTRA_ISSUER = "https://login.microsoftonline.com/{tenantid}/v2.0";
const STORAGE = "UseDevelopmentStorage=true";

/** What an Azure deployment sets. */
const azureEnv = (more: Record<string, string | undefined> = {}) => ({
  TANDEM_MODE: "azure",
  STORAGE_CONNECTION_STRING: STORAGE,
  AUTH_AUDIENCE: "api://tandem-test",
  ...more,
});

/** What `npm start` sets. */
const localEnv = (more: Record<string, string | undefined> = {}) => ({
  TANDEM_MODE: "local",
  STORAGE_CONNECTION_STRING: STORAGE,
  DEMO_ORGANISATION_FILE: resolve(root, "demo/organisation.json"),
  ...more,
});

/** The ConfigError thrown, so its message can be read the way an operator reads it in a start-up log. */
function refusal(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig: the development issuer stays in local mode", () => {
  it("refuses AUTH_ISSUER = the development issuer with TANDEM_MODE=azure, naming TANDEM_MODE", () => {
    const e = refusal(azureEnv({ AUTH_ISSUER: DEV_ISSUER }));
    expect(e.message).toMatch(/TANDEM_MODE/);
    expect(e.message).toMatch(/AUTH_ISSUER/);
  });

  it("refuses the development issuer when TANDEM_MODE is not set at all (the default is azure)", () => {
    const e = refusal({ STORAGE_CONNECTION_STRING: STORAGE, AUTH_AUDIENCE: "api://x", AUTH_ISSUER: DEV_ISSUER });
    expect(e.message).toMatch(/TANDEM_MODE/);
  });

  it("local mode without AUTH_ISSUER uses the development issuer and audience", () => {
    const c = loadConfig(localEnv());
    expect(c.mode).toBe("local");
    expect(c.auth).toMatchObject({ development: true, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
  });

  it("local mode with an Entra issuer does not use the development issuer, and then needs an audience", () => {
    expect(refusal(localEnv({ AUTH_ISSUER: ENTRA_ISSUER })).message).toMatch(/AUTH_AUDIENCE/);
    const c = loadConfig(localEnv({ AUTH_ISSUER: ENTRA_ISSUER, AUTH_AUDIENCE: "api://tandem-test" }));
    expect(c.auth).toMatchObject({ development: false, issuer: ENTRA_ISSUER, audience: "api://tandem-test" });
  });

  it("azure mode defaults to Entra's multi-tenant issuer and keys", () => {
    const c = loadConfig(azureEnv());
    expect(c.mode).toBe("azure");
    expect(c.auth.development).toBe(false);
    expect(c.auth.issuer).toBe(ENTRA_ISSUER);
    expect(c.auth.jwksUri).toMatch(/^https:\/\/login\.microsoftonline\.com\//);
  });

  it("an unknown TANDEM_MODE is refused, naming the variable", () => {
    expect(refusal(azureEnv({ TANDEM_MODE: "production" })).message).toMatch(/TANDEM_MODE/);
  });
});

describe("loadConfig: required settings", () => {
  it("azure mode without AUTH_AUDIENCE throws, naming it", () => {
    expect(refusal(azureEnv({ AUTH_AUDIENCE: undefined })).message).toMatch(/AUTH_AUDIENCE/);
  });

  it("without any storage setting throws, naming both ways to set it", () => {
    const e = refusal(azureEnv({ STORAGE_CONNECTION_STRING: undefined }));
    expect(e.message).toMatch(/STORAGE_CONNECTION_STRING/);
    expect(e.message).toMatch(/STORAGE_ACCOUNT_URL/);
    expect(refusal(localEnv({ STORAGE_CONNECTION_STRING: "" })).message).toMatch(/STORAGE_CONNECTION_STRING/);
  });

  it("an account URL is enough for storage (managed identity); a malformed one is refused", () => {
    const identity = { STORAGE_CONNECTION_STRING: undefined, STORAGE_ACCOUNT_URL: "https://acct.table.core.windows.net", JobsStorage__queueServiceUri: "https://acct.queue.core.windows.net" };
    const c = loadConfig(azureEnv(identity));
    expect(c.storage).toEqual({ accountUrl: "https://acct.table.core.windows.net", queueServiceUrl: "https://acct.queue.core.windows.net" });
    // The jobs' queue has to be reachable too (ADR 0010).
    expect(refusal(azureEnv({ ...identity, JobsStorage__queueServiceUri: undefined })).message).toMatch(/JobsStorage__queueServiceUri/);
    expect(refusal(azureEnv({ STORAGE_CONNECTION_STRING: undefined, STORAGE_ACCOUNT_URL: "not a url" })).message).toMatch(
      /STORAGE_ACCOUNT_URL/,
    );
  });

  it("local mode without a demo organisation throws, naming DEMO_ORGANISATION_FILE", () => {
    expect(refusal(localEnv({ DEMO_ORGANISATION_FILE: undefined })).message).toMatch(/DEMO_ORGANISATION_FILE/);
  });

  it.each(["abc", "70000", "-1", "80.5"])("PORT=%s throws a readable message naming PORT", (port) => {
    const e = refusal(azureEnv({ PORT: port }));
    expect(e.message).toMatch(/^Invalid configuration/);
    expect(e.message).toMatch(/\bPORT: /);
    // One line per problem, not a dump of zod's issue objects.
    expect(e.message).not.toMatch(/[{}[\]"]/);
  });

  it("an empty PORT is not silently turned into a random port", () => {
    let port: number | undefined;
    try {
      port = loadConfig(azureEnv({ PORT: "" })).port;
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return;
    }
    expect(port).toBe(7071);
  });

  it("PORT defaults to 7071 and accepts 0 (any free port)", () => {
    expect(loadConfig(azureEnv()).port).toBe(7071);
    expect(loadConfig(azureEnv({ PORT: "0" })).port).toBe(0);
    expect(loadConfig(azureEnv({ PORT: "8080" })).port).toBe(8080);
  });

  it("an invalid TABLE_PREFIX or MAX_BODY_BYTES is refused, naming the variable", () => {
    expect(refusal(azureEnv({ TABLE_PREFIX: "1tandem" })).message).toMatch(/TABLE_PREFIX/);
    expect(refusal(azureEnv({ TABLE_PREFIX: "tan-dem" })).message).toMatch(/TABLE_PREFIX/);
    expect(refusal(azureEnv({ MAX_BODY_BYTES: "10" })).message).toMatch(/MAX_BODY_BYTES/);
    expect(loadConfig(azureEnv()).maxBodyBytes).toBe(65_536);
  });

  it("reports every problem at once, one per line", () => {
    const e = refusal(azureEnv({ PORT: "abc", TABLE_PREFIX: "1x" }));
    expect(e.message.split("\n").filter((l) => /^\s+(PORT|TABLE_PREFIX): /.test(l))).toHaveLength(2);
  });
});

describe("loadConfig: REPORTS_MIN_GROUP_SIZE", () => {
  it("defaults to 5, takes more, and refuses less, naming the variable", () => {
    expect(loadConfig(localEnv()).reports.minGroupSize).toBe(5);
    expect(loadConfig(localEnv({ REPORTS_MIN_GROUP_SIZE: "10" })).reports.minGroupSize).toBe(10);
    for (const v of ["4", "0", "-5", "2.5", "five"]) expect(refusal(localEnv({ REPORTS_MIN_GROUP_SIZE: v })).message).toMatch(/REPORTS_MIN_GROUP_SIZE/);
  });
});

describe("loadConfig: JOBS_PUBLICATION_STALE_MINUTES", () => {
  it("defaults to 10 minutes, takes another, and refuses less than a minute, naming the variable", () => {
    expect(loadConfig(localEnv()).jobs.publicationStaleMs).toBe(10 * 60_000);
    expect(loadConfig(localEnv({ JOBS_PUBLICATION_STALE_MINUTES: "30" })).jobs.publicationStaleMs).toBe(30 * 60_000);
    for (const v of ["0", "-1", "ten"]) expect(refusal(localEnv({ JOBS_PUBLICATION_STALE_MINUTES: v })).message).toMatch(/JOBS_PUBLICATION_STALE_MINUTES/);
  });
});

describe("loadConfig: AUTH_ALLOWED_TENANTS", () => {
  const a = "11111111-1111-4111-8111-111111111111";
  const b = "22222222-2222-4222-8222-222222222222";

  it("defaults to any tenant", () => {
    expect(loadConfig(azureEnv()).auth.allowedTenants).toBe("*");
  });

  it("parses a comma-separated list, trimming spaces and dropping empty entries", () => {
    expect(loadConfig(azureEnv({ AUTH_ALLOWED_TENANTS: `${a}` })).auth.allowedTenants).toEqual([a]);
    expect(loadConfig(azureEnv({ AUTH_ALLOWED_TENANTS: ` ${a} , ${b},, ` })).auth.allowedTenants).toEqual([a, b]);
  });

  it("an empty list is refused at start-up rather than locking every tenant out", () => {
    expect(refusal(azureEnv({ AUTH_ALLOWED_TENANTS: "" })).message).toMatch(/AUTH_ALLOWED_TENANTS/);
  });

  it('"*" anywhere in the list means any tenant', () => {
    expect(loadConfig(azureEnv({ AUTH_ALLOWED_TENANTS: "*" })).auth.allowedTenants).toBe("*");
    expect(loadConfig(azureEnv({ AUTH_ALLOWED_TENANTS: `${a},*` })).auth.allowedTenants).toBe("*");
  });
});

describe("loadConfig: Microsoft Graph", () => {
  it("defaults to Graph v1.0 and takes any Graph-compatible base URL, such as the local simulator", () => {
    expect(loadConfig(azureEnv()).graph).toMatchObject({ baseUrl: "https://graph.microsoft.com/v1.0", maxRetries: 3, maxRetryDelaySeconds: 10 });
    expect(loadConfig(localEnv({ GRAPH_BASE_URL: "http://localhost:7072/v1.0/" })).graph.baseUrl).toBe("http://localhost:7072/v1.0");
    expect(refusal(localEnv({ GRAPH_BASE_URL: "localhost:7072" })).message).toMatch(/GRAPH_BASE_URL/);
  });

  it("local mode calls the simulator with the caller's development token; azure mode on behalf of the caller", () => {
    expect(loadConfig(localEnv()).graph.credential).toBe("development-token");
    expect(loadConfig(azureEnv({ AAD_APP_CLIENT_ID: "app", AAD_APP_CLIENT_SECRET: "s3cret" })).graph.credential).toEqual({
      clientId: "app",
      clientSecret: "s3cret",
    });
    // Without the Entra app's credentials the api starts, and booking answers 503 saying why.
    expect(loadConfig(azureEnv()).graph.credential).toBeNull();
  });

  it("refuses half of the Entra app's credentials in azure mode, naming both", () => {
    const e = refusal(azureEnv({ AAD_APP_CLIENT_ID: "app" }));
    expect(e.message).toMatch(/AAD_APP_CLIENT_ID/);
    expect(e.message).toMatch(/AAD_APP_CLIENT_SECRET/);
  });
});

describe("azure mode: the development routes do not exist", () => {
  let app: TandemApp;
  let config: Config;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const unused = await freePort();
    config = loadConfig({
      TANDEM_MODE: "azure",
      PORT: "0",
      STORAGE_CONNECTION_STRING: inject("azuriteConnectionString"),
      TABLE_PREFIX: `c${randomBytes(6).toString("hex")}`,
      AUTH_ISSUER: ENTRA_ISSUER,
      AUTH_AUDIENCE: "api://tandem-test",
      AUTH_JWKS_URI: `http://127.0.0.1:${unused}/discovery/v2.0/keys`,
    });
    app = await createApp(config, { log: () => undefined });
    server = await startLocalHost({ port: 0, routes: app.routes, maxBodyBytes: config.maxBodyBytes });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api`;
  });
  afterAll(async () => {
    if (server) {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    }
  });

  it("registers no route under /dev, no development issuer and no demo organisation", () => {
    expect(app.devIssuer).toBeUndefined();
    expect(app.demo).toBeUndefined();
    expect(app.routes.filter((r) => r.endpoint.path.startsWith("/dev")).map((r) => r.endpoint.id)).toEqual([]);
  });

  it("registers every endpoint that is not local-only", () => {
    const expected = Object.values(api).filter((e) => !("localOnly" in e && e.localOnly)).map((e) => e.id).sort();
    expect(app.routes.map((r) => r.endpoint.id).sort()).toEqual(expected);
  });

  it("the host answers 404 for /api/dev/personas, /api/dev/token and /api/dev/jwks, while health answers", async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const personas = await fetch(`${base}/dev/personas`);
    expect(personas.status).toBe(404);
    expect(personas.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const token = await fetch(`${base}/dev/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ personaId: "11111111-1111-4111-8111-111111111111" }),
    });
    expect(token.status).toBe(404);
    expect(await token.json()).toMatchObject({ status: 404, code: "not_found" });
    expect((await fetch(`${base}/dev/jwks`)).status).toBe(404);
  });

  it("the OpenAPI document lists no development route and describes Entra ID tokens", async () => {
    const doc = await (await fetch(`${base}/openapi.json`)).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/dev"))).toEqual([]);
    expect(doc.components.securitySchemes.bearer.description).toMatch(/Entra/);
  });

  it("when the token signing keys cannot be fetched, a request answers 503 with Retry-After, not 500 or 200", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const tid = "11111111-1111-4111-8111-111111111111";
    const token = await new SignJWT({ tid, oid: "22222222-2222-4222-8222-222222222222", scp: "access_as_user" })
      .setProtectedHeader({ alg: "RS256", kid: "some-entra-key" })
      .setIssuer(ENTRA_ISSUER.replace("{tenantid}", tid))
      .setAudience("api://tandem-test")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    const r = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBeTruthy();
    expect(await r.json()).toMatchObject({ status: 503, code: "unavailable" });
  });

  it("a request without a token is still refused with 401 (no key fetch needed)", async () => {
    const r = await fetch(`${base}/me`);
    expect(r.status).toBe(401);
  });
});
