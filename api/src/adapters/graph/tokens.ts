import type { TokenCredential } from "@azure/identity";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { TandemError } from "@tandem/core";
import type { TokenSource } from "./client";

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

const TENANTS_KEPT = 1000;

/**
 * On-behalf-of: the caller's access token to the api is exchanged for a Graph token of the same person, with the
 * Entra app's client secret. MSAL itself (not @azure/identity's OnBehalfOfCredential, which keeps only the message
 * of Entra's refusal) so that a refusal keeps its error and its claims, which the client needs to prompt the person.
 * One client per tenant, bounded; MSAL caches each caller's Graph token by their assertion.
 */
export function onBehalfOf(app: { clientId: string; clientSecret: string }) {
  const clients = new Map<string, ConfidentialClientApplication>();
  return (caller: { tenantId: string; accessToken: string }): TokenSource =>
    async () => {
      let client = clients.get(caller.tenantId);
      if (!client) {
        if (clients.size >= TENANTS_KEPT) clients.delete(clients.keys().next().value!);
        client = new ConfidentialClientApplication({
          auth: { clientId: app.clientId, clientSecret: app.clientSecret, authority: `https://login.microsoftonline.com/${caller.tenantId}` },
        });
        clients.set(caller.tenantId, client);
      }
      try {
        const result = await client.acquireTokenOnBehalfOf({ oboAssertion: caller.accessToken, scopes: [GRAPH_SCOPE] });
        if (!result?.accessToken) throw new Error("no token");
        return result.accessToken;
      } catch (e) {
        throw oboFailure(e);
      }
    };
}

/** Entra's refusals the person can act on: they sign in again, consent, or satisfy Conditional Access. */
const SIGN_IN_ERRORS = new Set(["interaction_required", "consent_required", "login_required", "invalid_grant"]);
/** AADSTS codes that say which: consent missing; MFA, a compliant device or another Conditional Access condition. */
const CONSENT = /AADSTS65001\b/;
const INTERACTION = /AADSTS(50076|50079|50158|53000|53001|53003|50105|50058)\b/;

/**
 * What an on-behalf-of failure means for the person. Entra's refusals of the exchange (consent missing, a sign-in or
 * MFA required, a Conditional Access claims challenge) are 401 with the error and the claims, for the tab and the
 * add-in to prompt; anything else (Entra unreachable, the app's secret wrong) is 503.
 */
export function oboFailure(e: unknown): TandemError {
  const err = (e ?? {}) as { errorCode?: unknown; errorMessage?: unknown; message?: unknown; claims?: unknown };
  const code = typeof err.errorCode === "string" ? err.errorCode : "";
  const text = `${typeof err.errorMessage === "string" ? err.errorMessage : ""} ${typeof err.message === "string" ? err.message : ""}`;
  const claims = typeof err.claims === "string" && err.claims.trim() ? err.claims : null;
  const error = CONSENT.test(text)
    ? "consent_required"
    : claims || INTERACTION.test(text)
      ? "interaction_required"
      : SIGN_IN_ERRORS.has(code)
        ? code
        : null;
  if (!error) {
    return new TandemError(
      "unavailable",
      "Tandem could not reach your calendar on your behalf (Microsoft Entra did not answer the exchange, or refused Tandem's own credentials). Nothing was changed.",
    );
  }
  const what =
    error === "consent_required"
      ? "Tandem needs your consent (or an administrator's) to reach your calendar"
      : claims
        ? "your organisation asks for more at sign-in (Conditional Access: multifactor authentication, a compliant device…) before Tandem reaches your calendar"
        : "Microsoft Entra asks you to sign in again before Tandem reaches your calendar";
  return new TandemError("unauthenticated", `Sign in again: ${what}. Nothing was changed.`, [], { challenge: { error, claims } });
}

/** A Graph token from an @azure/identity credential (the app's own identity); Entra's refusal becomes "unavailable". */
export async function graphToken(credential: TokenCredential, refused: string): Promise<string> {
  try {
    const token = await credential.getToken(GRAPH_SCOPE);
    if (!token) throw new Error("no token");
    return token.token;
  } catch {
    throw new TandemError("unavailable", refused);
  }
}

/** Local mode: the simulator trusts the development issuer, so the caller's own token goes to Graph as is. */
export const ownToken = (caller: { accessToken: string }): TokenSource => async () => caller.accessToken;
