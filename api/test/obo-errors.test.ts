import { InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { describe, expect, it } from "vitest";
import { oboFailure } from "../src/adapters/graph/tokens";
import { problemResponse } from "../src/platform/problem";

/**
 * Microsoft Entra refusing the on-behalf-of exchange, as MSAL reports it, and what the tab and the add-in receive:
 * 401 problem+json with Entra's error and, for a claims challenge, the claims (also in WWW-Authenticate).
 */
const CLAIMS = '{"access_token":{"capolids":{"essential":true,"values":["c1b2a3d4-0000-4000-8000-000000000001"]}}}';

const answer = (e: unknown) => {
  const r = problemResponse(oboFailure(e), "/api/tandems/x/sessions");
  return { status: r.status, headers: r.headers as Record<string, string>, body: JSON.parse(String(r.body)) };
};

describe("an on-behalf-of refusal", () => {
  it("is a 401 carrying a Conditional Access claims challenge, in the body and in WWW-Authenticate as Microsoft's APIs send it", () => {
    const r = answer(
      new InteractionRequiredAuthError("invalid_grant", "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.", "", "", "", "", CLAIMS),
    );
    expect(r.status).toBe(401);
    expect(r.headers["content-type"]).toBe("application/problem+json");
    expect(r.body).toMatchObject({ status: 401, code: "unauthenticated", authError: "interaction_required", claims: CLAIMS });
    expect(r.body.detail).toMatch(/^Sign in again: .*Conditional Access/);
    expect(r.headers["www-authenticate"]).toBe(`Bearer error="insufficient_claims", claims="${Buffer.from(CLAIMS).toString("base64")}"`);
  });

  it("is a 401 saying consent is missing, and one asking to sign in again", () => {
    const consent = answer(new ServerError("invalid_grant", "AADSTS65001: The user or administrator has not consented to use the application."));
    expect(consent).toMatchObject({ status: 401, body: { authError: "consent_required" } });
    expect(consent.body).not.toHaveProperty("claims");
    expect(consent.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
    const login = answer(new InteractionRequiredAuthError("login_required", "AADSTS50058: A silent sign-in request was sent but no user is signed in."));
    expect(login).toMatchObject({ status: 401, body: { authError: "interaction_required" } });
    const expired = answer(new ServerError("invalid_grant", "AADSTS700082: The refresh token has expired due to inactivity."));
    expect(expired).toMatchObject({ status: 401, body: { authError: "invalid_grant" } });
  });

  it("is a 503 when Entra could not be reached or refused Tandem's own credentials: nothing the person can do", () => {
    expect(answer(new ServerError("invalid_client", "AADSTS7000215: Invalid client secret provided."))).toMatchObject({ status: 503, body: { code: "unavailable" } });
    expect(answer(new TypeError("fetch failed"))).toMatchObject({ status: 503 });
  });
});
