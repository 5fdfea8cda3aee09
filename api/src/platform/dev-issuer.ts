import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { DEV_AUDIENCE, DEV_ISSUER } from "../config";

export interface DevTokenClaims {
  tenantId: string;
  userId: string;
  displayName: string;
  username: string;
  coordinator: boolean;
}

/**
 * The Tandem app's own identity in local mode, as Entra's client credentials flow would give it: the object id of
 * its service principal in the demo tenant, and its application id.
 */
export const DEV_APP = {
  servicePrincipalId: "5e1f0c1a-7d7e-4c55-9a77-0d1e7a4de0a1",
  appId: "8d9e2f4b-3c1a-4b6e-8f0d-2a7c5e9b1d36",
} as const;

/** Graph's audience for app-only tokens. */
export const GRAPH_AUDIENCE = "https://graph.microsoft.com";

export interface DevIssuer {
  jwks(): { keys: JWK[] };
  sign(claims: DevTokenClaims, lifetimeSeconds?: number): Promise<{ token: string; expiresAt: string }>;
  /**
   * An app-only token for Graph (local mode, against the simulator), shaped like Entra's client credentials
   * tokens: `idtyp: "app"`, the granted application permissions in `roles`, no user and no `scp`.
   */
  signApp(claims: { tenantId: string; roles: string[] }, lifetimeSeconds?: number): Promise<{ token: string; expiresAt: string }>;
}

/**
 * A development identity provider for local mode: it signs Entra-shaped v2 access tokens (tid, oid, scp,
 * roles) for the demo personas, so the api validates them through the very code that validates Entra's.
 * Its key is kept in a git-ignored file so that tokens survive a restart.
 */
export async function createDevIssuer(keyFile?: string, audience = DEV_AUDIENCE): Promise<DevIssuer> {
  const privateJwk = await loadOrCreateKey(keyFile);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, "RS256");
  return {
    jwks: () => ({ keys: [{ ...publicJwk, use: "sig", alg: "RS256" }] }),
    async sign(c, lifetimeSeconds = 8 * 3600) {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({
        tid: c.tenantId,
        oid: c.userId,
        name: c.displayName,
        preferred_username: c.username,
        scp: "access_as_user",
        ver: "2.0",
        ...(c.coordinator ? { roles: ["Coordinator"] } : {}),
      })
        .setProtectedHeader({ alg: "RS256", kid: publicJwk.kid!, typ: "JWT" })
        .setIssuer(DEV_ISSUER)
        .setAudience(audience)
        .setSubject(c.userId)
        .setIssuedAt(now)
        .setNotBefore(now - 5)
        .setExpirationTime(now + lifetimeSeconds)
        .sign(key);
      return { token, expiresAt: new Date((now + lifetimeSeconds) * 1000).toISOString() };
    },
    async signApp(c, lifetimeSeconds = 3600) {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({
        tid: c.tenantId,
        oid: DEV_APP.servicePrincipalId,
        appid: DEV_APP.appId,
        idtyp: "app",
        roles: c.roles,
        ver: "1.0",
      })
        .setProtectedHeader({ alg: "RS256", kid: publicJwk.kid!, typ: "JWT" })
        .setIssuer(DEV_ISSUER)
        .setAudience(GRAPH_AUDIENCE)
        .setSubject(DEV_APP.servicePrincipalId)
        .setIssuedAt(now)
        .setNotBefore(now - 5)
        .setExpirationTime(now + lifetimeSeconds)
        .sign(key);
      return { token, expiresAt: new Date((now + lifetimeSeconds) * 1000).toISOString() };
    },
  };
}

async function loadOrCreateKey(keyFile?: string): Promise<JWK> {
  if (keyFile) {
    try {
      return JSON.parse(await readFile(keyFile, "utf8")) as JWK;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now().toString(36)}` };
  if (keyFile) {
    await mkdir(dirname(keyFile), { recursive: true });
    await writeFile(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}
