import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { SignJWT, UnsecuredJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_AUDIENCE, DEV_ISSUER } from "../../api/src/config";
import { startTestApi, type Reply, type TestApi } from "../support/test-api";

/**
 * The api trusts nothing but a token it validated: signature, algorithm, issuer, audience, expiry, tenant, scope.
 * The development issuer's signing key is ours (DEV_KEY_FILE), so this file can mint tokens that differ from a
 * valid one in exactly one way, and show that the only thing that changed is what the api refuses.
 */

const KID = "robustness-test-key";
let api: TestApi;
let dir: string;
let signingKey: CryptoKey;
let publicJwk: JWK;
let publicPem: string;
let tenantId: string;
let personId: string;
let coordinatorId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tandem-tokens-"));
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  signingKey = privateKey;
  publicJwk = { ...(await exportJWK(publicKey)), kid: KID, alg: "RS256", use: "sig" };
  publicPem = await exportSPKI(publicKey);
  const keyFile = join(dir, "dev-key.json");
  await writeFile(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid: KID }));
  api = await startTestApi({ env: { DEV_KEY_FILE: keyFile }, seed: false });
  tenantId = api.org.tenantId;
  const person = api.org.people.find((p) => !p.coordinator && p.profile)!;
  personId = person.id;
  coordinatorId = api.org.people.find((p) => p.coordinator)!.id;
});
afterAll(async () => {
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const now = () => Math.floor(Date.now() / 1000);

/** The claims of a valid Entra-shaped v2 access token for a demo person. */
const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  tid: tenantId,
  oid: personId,
  name: "A Demo Person",
  scp: "access_as_user",
  ver: "2.0",
  ...overrides,
});

interface Mint {
  payload?: JWTPayload;
  iss?: string | null;
  aud?: string | null;
  exp?: number | null;
  iat?: number;
  nbf?: number;
  key?: CryptoKey | Uint8Array;
  alg?: string;
  kid?: string;
}

async function mint(o: Mint = {}): Promise<string> {
  let jwt = new SignJWT(o.payload ?? claims())
    .setProtectedHeader({ alg: o.alg ?? "RS256", kid: o.kid ?? KID, typ: "JWT" })
    .setIssuedAt(o.iat ?? now())
    .setSubject(String((o.payload ?? claims()).oid ?? "nobody"));
  if (o.iss !== null) jwt = jwt.setIssuer(o.iss ?? DEV_ISSUER);
  if (o.aud !== null) jwt = jwt.setAudience(o.aud ?? DEV_AUDIENCE);
  if (o.exp !== null) jwt = jwt.setExpirationTime(o.exp ?? now() + 3600);
  if (o.nbf !== undefined) jwt = jwt.setNotBefore(o.nbf);
  return jwt.sign(o.key ?? signingKey);
}

const meWith = (authorization: string | null) =>
  api.call("GET", "/me", authorization === null ? {} : { headers: { authorization } });

function expectUnauthenticated(r: Reply, detail?: RegExp) {
  expect(r.status, JSON.stringify(r.json)).toBe(401);
  expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(r.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
  expect(r.json).toMatchObject({ status: 401, code: "unauthenticated", type: expect.any(String), title: expect.any(String) });
  if (detail) expect(r.json.detail).toMatch(detail);
  // The refusal says what is wrong with the token, never who the token claimed to be.
  expect(JSON.stringify(r.json)).not.toContain(personId);
}

describe("valid tokens", () => {
  it("a token from POST /api/dev/token opens /me for that persona", async () => {
    const r = await api.call("GET", "/me", { token: await api.token(personId) });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: personId, tenantId });
  });

  it("a token from the development issuer's sign() opens /me", async () => {
    const { token, expiresAt } = await api.running.app.devIssuer!.sign({
      tenantId,
      userId: personId,
      displayName: "Someone",
      username: "someone@brisemer.example",
      coordinator: false,
    });
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const r = await api.call("GET", "/me", { token });
    expect(r.status).toBe(200);
    expect(r.json.id).toBe(personId);
  });

  it("a token minted here with the same key and claims opens /me (the baseline of every refusal below)", async () => {
    const r = await meWith(`Bearer ${await mint()}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: personId, tenantId });
  });

  it("a token expired less than the 60 s clock tolerance ago is still accepted", async () => {
    const r = await meWith(`Bearer ${await mint({ exp: now() - 30, iat: now() - 3600 })}`);
    expect(r.status).toBe(200);
  });

  it("the scope may come among others, space-separated", async () => {
    const r = await meWith(`Bearer ${await mint({ payload: claims({ scp: "User.Read access_as_user openid" }) })}`);
    expect(r.status).toBe(200);
  });
});

describe("refused tokens", () => {
  it("expired beyond the 60 s tolerance → 401 saying it expired", async () => {
    const r = await meWith(`Bearer ${await mint({ exp: now() - 120, iat: now() - 3600 })}`);
    expectUnauthenticated(r, /expired/i);
  });

  it("not valid yet (nbf in an hour) → 401", async () => {
    expectUnauthenticated(await meWith(`Bearer ${await mint({ nbf: now() + 3600 })}`));
  });

  it("without an expiry → 401", async () => {
    expectUnauthenticated(await meWith(`Bearer ${await mint({ exp: null })}`));
  });

  it("for another audience → 401, not called expired", async () => {
    const r = await meWith(`Bearer ${await mint({ aud: "api://some-other-app" })}`);
    expectUnauthenticated(r);
    expect(r.json.detail).not.toMatch(/expired/i);
  });

  it("without an audience → 401", async () => {
    expectUnauthenticated(await meWith(`Bearer ${await mint({ aud: null })}`));
  });

  it("from another issuer (Entra's, not the development issuer) → 401", async () => {
    const r = await meWith(`Bearer ${await mint({ iss: `https://login.microsoftonline.com/${tenantId}/v2.0` })}`);
    expectUnauthenticated(r, /issuer/i);
  });

  it("without an issuer → 401", async () => {
    expectUnauthenticated(await meWith(`Bearer ${await mint({ iss: null })}`));
  });

  it("signed by another RS256 key, even one claiming the trusted key id → 401", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    expectUnauthenticated(await meWith(`Bearer ${await mint({ key: privateKey })}`));
    expectUnauthenticated(await meWith(`Bearer ${await mint({ key: privateKey, kid: "another-key" })}`));
  });

  it("with a tampered payload (signature of the original) → 401", async () => {
    const [h, , s] = (await mint()).split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims({ roles: ["Coordinator"] }), iss: DEV_ISSUER, aud: DEV_AUDIENCE, exp: now() + 3600, iat: now() })).toString("base64url");
    expectUnauthenticated(await meWith(`Bearer ${h}.${forged}.${s}`));
  });

  it('with alg "none" → 401', async () => {
    const unsigned = new UnsecuredJWT(claims()).setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE).setIssuedAt().setExpirationTime("1h").encode();
    expectUnauthenticated(await meWith(`Bearer ${unsigned}`));
    // The same, with a non-empty third part so that it looks like three base64url segments.
    expectUnauthenticated(await meWith(`Bearer ${unsigned}AAAA`));
  });

  it("HS256 signed with the api's public key as the secret (algorithm confusion) → 401", async () => {
    for (const secret of [publicPem, JSON.stringify(publicJwk), publicJwk.n!]) {
      const token = await mint({ alg: "HS256", key: new TextEncoder().encode(secret) });
      expectUnauthenticated(await meWith(`Bearer ${token}`));
    }
  });

  it.each([
    ["tid", { tid: undefined }],
    ["oid", { oid: undefined }],
    ["a tid that is not a GUID", { tid: "brisemer" }],
    ["an oid that is not a GUID", { oid: "alice" }],
  ])("without %s → 401", async (_, overrides) => {
    const payload = claims(overrides as JWTPayload);
    for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
    expectUnauthenticated(await meWith(`Bearer ${await mint({ payload })}`), /tenant or user/i);
  });

  it.each([
    ["no scp claim", { scp: undefined }],
    ["another scope only", { scp: "User.Read" }],
    ["a scope that merely contains the name", { scp: "access_as_user_admin" }],
  ])("with %s → 401 naming the missing scope", async (_, overrides) => {
    const payload = claims(overrides as JWTPayload);
    if (payload.scp === undefined) delete payload.scp;
    expectUnauthenticated(await meWith(`Bearer ${await mint({ payload })}`), /access_as_user/);
  });

  it("garbage, a truncated token, or a token with an extra segment → 401", async () => {
    const good = await mint();
    for (const bad of ["not-a-token", good.split(".").slice(0, 2).join("."), `${good}.extra`, good.slice(0, -5)]) {
      expectUnauthenticated(await meWith(`Bearer ${bad}`));
    }
  });
});

describe("the Authorization header", () => {
  it("a missing header → 401", async () => {
    expectUnauthenticated(await meWith(null), /Bearer/);
  });

  it("a token without the Bearer scheme → 401", async () => {
    expectUnauthenticated(await meWith(await mint()), /Bearer/);
  });

  it("another scheme → 401", async () => {
    expectUnauthenticated(await meWith(`Basic ${Buffer.from("user:pass").toString("base64")}`));
    expectUnauthenticated(await meWith("Bearer"));
    expectUnauthenticated(await meWith(""));
  });

  it("surrounding whitespace is tolerated", async () => {
    expect((await meWith(`  Bearer ${await mint()}  `)).status).toBe(200);
  });

  // Documents current behaviour. RFC 9110 §11.1 makes the scheme case-insensitive and §11.4 allows several spaces
  // after it; the api accepts only "Bearer" followed by exactly one space. Every Microsoft client sends that form.
  it('documents: lowercase "bearer" is refused with 401', async () => {
    expectUnauthenticated(await meWith(`bearer ${await mint()}`));
  });

  it('documents: "Bearer" followed by two spaces is refused with 401', async () => {
    expectUnauthenticated(await meWith(`Bearer  ${await mint()}`));
  });
});

describe("the Coordinator app role", () => {
  it('roles: ["Coordinator"] makes a coordinator: the whole program is listed', async () => {
    const r = await api.call("GET", "/tandems?scope=all", { token: await mint({ payload: claims({ roles: ["Coordinator"] }) }) });
    expect(r.status).toBe(200);
    expect(r.json.items).toEqual(expect.any(Array));
    const me = await api.call("GET", "/me", { token: await mint({ payload: claims({ roles: ["Coordinator"] }) }) });
    expect(me.json.roles).toContain("coordinator");
  });

  it("without the role, listing the whole program → 403", async () => {
    const r = await api.call("GET", "/tandems?scope=all", { token: await mint() });
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ status: 403, code: "forbidden" });
    const me = await api.call("GET", "/me", { token: await mint() });
    expect(me.json.roles).not.toContain("coordinator");
  });

  it("role names are exact: a lowercase or other role does not make a coordinator", async () => {
    for (const roles of [["coordinator"], ["Coordinators"], ["Admin"], "Coordinator"]) {
      const r = await api.call("GET", "/tandems?scope=all", { token: await mint({ payload: claims({ roles }) }) });
      expect([401, 403], JSON.stringify(roles)).toContain(r.status);
    }
  });

  it("a demo coordinator's dev token is a coordinator token", async () => {
    const r = await api.call("GET", "/tandems?scope=all", { token: await api.token(coordinatorId) });
    expect(r.status).toBe(200);
  });
});

describe("allowed tenants", () => {
  let restricted: TestApi;
  const allowedTenant = randomUUID();
  beforeAll(async () => {
    restricted = await startTestApi({ env: { AUTH_ALLOWED_TENANTS: allowedTenant }, seed: false });
  });
  afterAll(() => restricted?.close());

  it("an api restricted to another tenant refuses the demo tenant's tokens with 401", async () => {
    const r = await restricted.call("GET", "/me", { token: await restricted.token(personId) });
    expectUnauthenticated(r, /organisation is not allowed/i);
  });

  it("the same api accepts a token of the allowed tenant", async () => {
    const token = await restricted.token({ tenantId: allowedTenant, userId: randomUUID() });
    const r = await restricted.call("GET", "/me", { token });
    expect(r.status).toBe(200);
    expect(r.json.tenantId).toBe(allowedTenant);
  });
});

describe("development routes (local mode)", () => {
  it("GET /api/dev/personas lists the demo organisation's people to sign in as", async () => {
    const r = await api.call("GET", "/dev/personas");
    expect(r.status).toBe(200);
    const items = r.json.items as { id: string; displayName: string; roles: string[]; capacity: number | null }[];
    expect(items.length).toBeGreaterThanOrEqual(40);
    expect(new Set(items.map((p) => p.id)).size).toBe(items.length);
    for (const p of items) {
      expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
      expect(p.displayName.length).toBeGreaterThan(0);
      for (const role of p.roles) expect(["mentor", "mentee", "manager", "coordinator"]).toContain(role);
      if (p.roles.includes("mentor")) expect(p.capacity, p.displayName).toEqual(expect.any(Number));
      else expect(p.capacity, p.displayName).toBeNull();
    }
    expect(items.some((p) => p.roles.includes("mentor"))).toBe(true);
    expect(items.some((p) => p.roles.includes("mentee"))).toBe(true);
    expect(items.some((p) => p.roles.includes("manager"))).toBe(true);
    expect(items.filter((p) => p.roles.includes("coordinator")).map((p) => p.id)).toEqual(
      api.org.people.filter((p) => p.coordinator).map((p) => p.id),
    );
  });

  it("GET /api/dev/personas gives the roles people have now, a profile saved since the seed included", async () => {
    const mentee = api.org.people.find((p) => p.profile?.programRoles.join() === "mentee" && !p.coordinator)!;
    const me = await api.call("GET", "/me", { token: await api.token(mentee.id) });
    const saved = me.json.profile as { etag: string } | null;
    const input = { programRoles: ["mentor", "mentee"], offers: [], requests: [], languages: ["fr"], timeZone: mentee.timeZone, capacity: 2, paused: false };
    const put = await api.call("PUT", "/me/profile", { token: await api.token(mentee.id), headers: saved ? { "if-match": saved.etag } : {}, body: input });
    expect(put.status).toBe(200);
    const items = (await api.call("GET", "/dev/personas")).json.items as { id: string; roles: string[]; capacity: number | null }[];
    expect(items.find((p) => p.id === mentee.id)).toMatchObject({ roles: expect.arrayContaining(["mentor", "mentee"]), capacity: 2 });
  });

  it("POST /api/dev/token for an unknown persona → 404", async () => {
    const r = await api.call("POST", "/dev/token", { body: { personaId: randomUUID() } });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ status: 404, code: "not_found" });
  });

  it("POST /api/dev/token with a personaId that is not a GUID → 400 naming the field", async () => {
    const r = await api.call("POST", "/dev/token", { body: { personaId: "alice" } });
    expect(r.status).toBe(400);
    expect(r.json.errors).toContainEqual(expect.objectContaining({ pointer: "/personaId" }));
  });

  it("GET /api/dev/jwks publishes the public key only", async () => {
    const r = await api.call("GET", "/dev/jwks");
    expect(r.status).toBe(200);
    expect(r.json.keys).toContainEqual(expect.objectContaining({ kid: KID, n: publicJwk.n, e: publicJwk.e }));
    for (const k of r.json.keys) for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) expect(k).not.toHaveProperty(secret);
  });
});
