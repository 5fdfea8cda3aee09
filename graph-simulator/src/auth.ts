import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWK, type JWTVerifyGetKey } from "jose";
import { GraphError } from "./errors";

/** The api's development issuer (api/src/config.ts); a test keeps the two in step. */
export const DEV_ISSUER = "https://tandem.invalid/dev-issuer";
/** Tokens for the api itself (local mode) and tokens minted for Graph are both accepted. */
export const DEV_AUDIENCES = ["api://tandem-local", "https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"];

export interface TokenOptions {
  jwks?: { keys: JWK[] };
  /** Fetched lazily, e.g. the api's `http://localhost:7071/api/dev/jwks`. */
  jwksUrl?: string;
  issuer?: string;
  audiences?: string[];
  tenantId: string;
}

/**
 * Who calls: a signed-in user (delegated: the token has `scp`), or an application on its own (app-only, from the
 * client credentials flow: `idtyp: "app"`, no `scp`, the granted application permissions in `roles`, and the oid
 * of the app's service principal, which is nobody in the directory).
 */
export type TokenIdentity =
  | { kind: "user"; tenantId: string; userId: string }
  | { kind: "app"; tenantId: string; servicePrincipalId: string; appId: string | null; roles: readonly string[] };

const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

const invalid = (message: string) => new GraphError(401, "InvalidAuthenticationToken", message, { "WWW-Authenticate": WWW_AUTHENTICATE });

/** Validates the development issuer's tokens as Graph validates Entra's: signature, issuer, audience, lifetime, tenant. */
export function tokenVerifier(options: TokenOptions): (authorization: string | undefined) => Promise<TokenIdentity> {
  let keys: JWTVerifyGetKey;
  if (options.jwks) keys = createLocalJWKSet(options.jwks);
  else if (options.jwksUrl) keys = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 5_000 });
  else throw new Error("The Graph simulator needs the development issuer's keys: jwks or jwksUrl.");
  const issuer = options.issuer ?? DEV_ISSUER;
  const audience = options.audiences ?? DEV_AUDIENCES;
  const known = new Map<string, { identity: TokenIdentity; exp: number }>();

  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "")?.[1];
    if (!token) throw invalid("Access token is empty.");
    const cached = known.get(token);
    if (cached && cached.exp * 1000 > Date.now()) return cached.identity;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer, audience, algorithms: ["RS256"], clockTolerance: 60, requiredClaims: ["exp"] }));
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw invalid("Lifetime validation failed, the token is expired.");
      if (e instanceof errors.JWTClaimValidationFailed && e.claim === "aud") throw invalid("Access token validation failure. Invalid audience.");
      if (e instanceof errors.JOSEError) throw invalid("Access token validation failure.");
      throw new GraphError(503, "serviceNotAvailable", "The token signing keys could not be fetched.");
    }
    const tid = typeof payload.tid === "string" ? payload.tid : "";
    const oid = typeof payload.oid === "string" ? payload.oid : "";
    if (!oid) throw invalid("Access token validation failure. The token has no oid claim.");
    if (tid.toLowerCase() !== options.tenantId.toLowerCase()) {
      throw invalid("Access token validation failure. The token is for another tenant than the simulated one.");
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
    const appOnly = payload.idtyp === "app" || (payload.scp === undefined && payload.idtyp !== "user");
    const appId = typeof payload.appid === "string" ? payload.appid : typeof payload.azp === "string" ? payload.azp : null;
    const identity: TokenIdentity = appOnly
      ? { kind: "app", tenantId: tid, servicePrincipalId: oid, appId, roles }
      : { kind: "user", tenantId: tid, userId: oid };
    if (known.size > 5000) known.clear();
    known.set(token, { identity, exp: payload.exp! });
    return identity;
  };
}
