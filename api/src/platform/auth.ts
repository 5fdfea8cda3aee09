import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWK, type JWTPayload } from "jose";
import { z } from "zod";
import { TandemError } from "@tandem/core";
import type { Config } from "../config";

/** Who is calling, from a validated token: the only source of tenant and identity in the api. */
export interface Caller {
  tenantId: string;
  userId: string;
  displayName: string;
  coordinator: boolean;
  /** The validated bearer token itself: what Graph is called on behalf of (on-behalf-of, or as is in local mode). */
  accessToken: string;
}

const Claims = z.object({
  tid: z.uuid(),
  oid: z.uuid(),
  name: z.string().max(256).optional(),
  preferred_username: z.string().max(320).optional(),
  scp: z.string().optional(),
  roles: z.array(z.string()).optional(),
});

export const REQUIRED_SCOPE = "access_as_user";
export const COORDINATOR_ROLE = "Coordinator";

const VALIDATED_TOKENS_KEPT = 5000;

export type TokenVerifier = (authorization: string | null) => Promise<Caller>;

const unauthenticated = (why: string) => new TandemError("unauthenticated", why);

/**
 * Validates Entra ID v2 access tokens: signature against the JWKS, audience, expiry, issuer (per tenant for
 * multi-tenant apps), allowed tenant, delegated scope. Local mode passes the development issuer's keys; the
 * checks are the same.
 */
export function createTokenVerifier(auth: Config["auth"], devKeys?: { keys: JWK[] }): TokenVerifier {
  const keys = auth.development
    ? createLocalJWKSet(devKeys ?? { keys: [] })
    : createRemoteJWKSet(new URL(auth.jwksUri), { cooldownDuration: 30_000, cacheMaxAge: 6 * 3600_000 });

  // A signature check costs ~0.4 ms; a token already validated is remembered until it expires.
  const validated = new Map<string, { caller: Caller; exp: number }>();
  const remember = (token: string, caller: Caller, exp: number) => {
    if (validated.size >= VALIDATED_TOKENS_KEPT) validated.delete(validated.keys().next().value!);
    validated.set(token, { caller, exp });
  };

  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/.exec(authorization?.trim() ?? "");
    if (!match) throw unauthenticated("Send an access token in the Authorization header: Bearer <token>.");
    const known = validated.get(match[1]!);
    if (known) {
      if (known.exp * 1000 > Date.now()) return known.caller;
      validated.delete(match[1]!);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, keys, {
        audience: auth.audience,
        algorithms: ["RS256"],
        clockTolerance: 60,
        requiredClaims: ["exp", "iat", "iss"],
      }));
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw unauthenticated("The access token has expired.");
      if (e instanceof errors.JOSEError) throw unauthenticated("The access token is not valid.");
      throw new TandemError("unavailable", "The token signing keys could not be fetched.");
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success) throw unauthenticated("The access token lacks a tenant or user id.");
    const c = claims.data;
    if (payload.iss !== auth.issuer.replace("{tenantid}", c.tid)) {
      throw unauthenticated("The access token comes from an issuer this api does not trust.");
    }
    if (auth.allowedTenants !== "*" && !auth.allowedTenants.includes(c.tid)) {
      throw unauthenticated("Your organisation is not allowed to use this Tandem installation.");
    }
    if (!(c.scp ?? "").split(" ").includes(REQUIRED_SCOPE)) {
      throw unauthenticated(`The access token lacks the ${REQUIRED_SCOPE} scope.`);
    }
    const caller: Caller = {
      tenantId: c.tid,
      userId: c.oid,
      displayName: c.name ?? c.preferred_username ?? "",
      coordinator: (c.roles ?? []).includes(COORDINATOR_ROLE),
      accessToken: match[1]!,
    };
    remember(match[1]!, caller, payload.exp!);
    return caller;
  };
}
