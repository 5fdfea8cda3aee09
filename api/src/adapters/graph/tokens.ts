import { OnBehalfOfCredential, type TokenCredential } from "@azure/identity";
import { TandemError } from "@tandem/core";
import type { TokenSource } from "./client";

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

const CREDENTIALS_KEPT = 1000;

/**
 * On-behalf-of: the caller's access token to the api is exchanged for a Graph token of the same person, with the
 * Entra app's client secret. A credential is kept per caller token (bounded), so its token cache serves the
 * calls of one sign-in session.
 */
export function onBehalfOf(app: { clientId: string; clientSecret: string }) {
  const credentials = new Map<string, OnBehalfOfCredential>();
  return (caller: { tenantId: string; accessToken: string }): TokenSource =>
    async () => {
      let credential = credentials.get(caller.accessToken);
      if (!credential) {
        if (credentials.size >= CREDENTIALS_KEPT) credentials.delete(credentials.keys().next().value!);
        credential = new OnBehalfOfCredential({
          tenantId: caller.tenantId,
          clientId: app.clientId,
          clientSecret: app.clientSecret,
          userAssertionToken: caller.accessToken,
        });
        credentials.set(caller.accessToken, credential);
      }
      return graphToken(
        credential,
        "Tandem could not reach your calendar on your behalf (Microsoft Entra refused the exchange: has an admin consented to Tandem's Graph permissions?). Nothing was changed.",
      );
    };
}

/** A Graph token from an @azure/identity credential; Entra's refusal becomes "unavailable" with what to check. */
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
