/**
 * Nested app authentication: MSAL.js asks the host (Outlook) for a token for Tandem's api through the bridge
 * the host puts in the page (`window.nestedAppAuthBridge`), with no Office.js call and no preauthorised client.
 * Microsoft's recommended sign-in for Outlook add-ins; Office single sign-on (office.ts) is the fallback where the
 * host does not support it. MSAL comes in a chunk of its own, loaded only when the host supports it.
 */
import type { IPublicClientApplication } from "@azure/msal-browser";
import type { SignInChallenge } from "@tandem/ui";

/** The Entra app the production build names (`npm run build:web`, from the toolkit's environment). */
export interface EntraApp {
  clientId: string;
  /** `api://<site host>/<client id>/access_as_user`, the scope the api's tokens are issued for. */
  scope: string;
}

export function entraApp(env: { VITE_ENTRA_CLIENT_ID?: string; VITE_API_SCOPE?: string } = import.meta.env): EntraApp | null {
  const clientId = env.VITE_ENTRA_CLIENT_ID?.trim();
  const scope = env.VITE_API_SCOPE?.trim();
  return clientId && scope ? { clientId, scope } : null;
}

let client: Promise<IPublicClientApplication> | undefined;

/**
 * A token for the api from the host, silently, or with the host's own sign-in or consent prompt when Entra ID
 * needs one, or at once when the api passed on a challenge (with its claims). Throws what MSAL throws when the
 * host cannot give one.
 */
export async function nestedAppToken(app: EntraApp, challenge?: SignInChallenge): Promise<string> {
  const msal = await import("@azure/msal-browser");
  client ??= msal.createNestablePublicClientApplication({ auth: { clientId: app.clientId, authority: "https://login.microsoftonline.com/common" } });
  const pca = await client.catch((e: unknown) => {
    client = undefined;
    throw e;
  });
  const request = { scopes: [app.scope], ...(challenge?.claims ? { claims: challenge.claims } : {}) };
  if (challenge) return (await pca.acquireTokenPopup(request)).accessToken;
  try {
    return (await pca.acquireTokenSilent(request)).accessToken;
  } catch (e) {
    if (!(e instanceof msal.InteractionRequiredAuthError)) throw e;
    return (await pca.acquireTokenPopup(request)).accessToken;
  }
}

/** For tests: forget the client, as a new page would. */
export function forgetNestedAppClient() {
  client = undefined;
}
