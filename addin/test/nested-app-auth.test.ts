import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OfficeMockObject } from "office-addin-mock";
import { connectOffice, OfficeSignInError, type OutlookHost } from "../src/platform/office";
import { entraApp, forgetNestedAppClient } from "../src/platform/nested-app-auth";
import { appMessages } from "../src/app/messages";

/**
 * The add-in's sign-in with MSAL.js itself, against a stand-in for Outlook's nested app authentication bridge:
 * `window.nestedAppAuthBridge`, which takes MSAL's JSON requests (GetInitContext, GetToken, GetTokenPopup) and
 * answers them as the host does, and office-addin-mock for Office SSO, the fallback.
 */
const APP = { VITE_ENTRA_CLIENT_ID: "11111111-2222-3333-4444-555555555555", VITE_API_SCOPE: "api://tandem.example/11111111-2222-3333-4444-555555555555/access_as_user" };
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OID = "00000000-0000-0000-0000-0000000000a1";

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
const idToken = () =>
  `${b64url({ alg: "none", typ: "JWT" })}.${b64url({
    aud: APP.VITE_ENTRA_CLIENT_ID,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    tid: TENANT,
    oid: OID,
    preferred_username: "chloe@contoso.example",
    name: "Chloé Nguyen",
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 3600,
  })}.`;

type Request = { messageType: string; method: string; requestId: string; tokenParams?: { scope?: string; clientId?: string } };

/** What the host answers each method with: a token, or a bridge error's status. */
function installBridge(answers: Partial<Record<"GetToken" | "GetTokenPopup", string | { status: string }>>) {
  const asked: Request[] = [];
  const listeners = new Set<(r: string) => void>();
  const reply = (body: object) => setTimeout(() => listeners.forEach((l) => l(JSON.stringify({ messageType: "NestedAppAuthResponse", ...body }))), 0);
  vi.stubGlobal("nestedAppAuthBridge", {
    addEventListener: (_: string, l: (r: string) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (r: string) => void) => listeners.delete(l),
    postMessage: (message: string) => {
      const request = JSON.parse(message) as Request;
      asked.push(request);
      if (request.method === "GetInitContext") {
        return reply({ requestId: request.requestId, success: true, initContext: { sdkName: "Outlook (test host)", sdkVersion: "1.0", capabilities: { queryAccount: false } } });
      }
      const answer = answers[request.method as "GetToken" | "GetTokenPopup"];
      if (typeof answer === "string") {
        return reply({
          requestId: request.requestId,
          success: true,
          token: { access_token: answer, expires_in: 3600, id_token: idToken(), properties: null, scope: request.tokenParams?.scope },
          account: { homeAccountId: `${OID}.${TENANT}`, environment: "login.microsoftonline.com", tenantId: TENANT, localAccountId: OID, username: "chloe@contoso.example", name: "Chloé Nguyen" },
        });
      }
      reply({ requestId: request.requestId, success: false, error: answer ?? { status: "PERSISTENT_ERROR", code: "unexpected" } });
    },
  });
  return asked;
}

function installOffice(options: { nestedAppAuth: boolean; getAccessToken: (o: unknown) => Promise<string> }) {
  const mock = new OfficeMockObject(
    {
      HostType: { Outlook: "Outlook" },
      onReady: async () => ({ host: "Outlook", platform: "OfficeOnline" }),
      context: {
        displayLanguage: "en-GB",
        requirements: { isSetSupported: (name: string, version: string) => options.nestedAppAuth && name === "NestedAppAuth" && version === "1.1" },
        mailbox: {},
      },
      auth: { getAccessToken: options.getAccessToken },
    },
    "outlook" as never,
  );
  vi.stubGlobal("Office", mock);
}

async function outlook(): Promise<OutlookHost> {
  const office = await connectOffice(500);
  if (!office.inOutlook) throw new Error("expected Outlook");
  return office;
}

beforeEach(() => {
  forgetNestedAppClient();
  for (const [k, v] of Object.entries(APP)) vi.stubEnv(k, v);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  localStorage.clear();
  sessionStorage.clear();
});

describe("the add-in's sign-in", () => {
  it("reads the Entra app from the build, and has none without both its client id and scope", () => {
    expect(entraApp(APP)).toEqual({ clientId: APP.VITE_ENTRA_CLIENT_ID, scope: APP.VITE_API_SCOPE });
    expect(entraApp({ VITE_ENTRA_CLIENT_ID: APP.VITE_ENTRA_CLIENT_ID })).toBeNull();
    expect(entraApp({})).toBeNull();
  });

  it("gets the api's token from the host through nested app authentication, without Office SSO", async () => {
    const asked = installBridge({ GetToken: "naa-token" });
    const getAccessToken = vi.fn(async () => "office-sso-token");
    installOffice({ nestedAppAuth: true, getAccessToken });
    expect(await (await outlook()).getToken()).toBe("naa-token");
    const token = asked.find((r) => r.method === "GetToken")!;
    expect(token.tokenParams).toMatchObject({ clientId: APP.VITE_ENTRA_CLIENT_ID });
    expect(token.tokenParams?.scope).toContain(APP.VITE_API_SCOPE);
    expect(getAccessToken).not.toHaveBeenCalled();
  });

  it("lets the host prompt when Entra ID wants the person to sign in or consent", async () => {
    const asked = installBridge({ GetToken: { status: "USER_INTERACTION_REQUIRED" }, GetTokenPopup: "naa-token-after-prompt" });
    installOffice({ nestedAppAuth: true, getAccessToken: async () => "office-sso-token" });
    expect(await (await outlook()).getToken()).toBe("naa-token-after-prompt");
    expect(asked.map((r) => r.method)).toEqual(expect.arrayContaining(["GetToken", "GetTokenPopup"]));
  });

  it("falls back to Office SSO, for the api only, where the host has no nested app authentication or it fails", async () => {
    const getAccessToken = vi.fn(async (_options: unknown) => "office-sso-token");
    installOffice({ nestedAppAuth: false, getAccessToken });
    expect(await (await outlook()).getToken()).toBe("office-sso-token");
    // forMSGraphAccess would make a sideloaded add-in fail with 13012: the api reaches Graph on behalf of the user.
    expect(getAccessToken).toHaveBeenCalledWith({ allowSignInPrompt: true, allowConsentPrompt: true });

    forgetNestedAppClient();
    installBridge({ GetToken: { status: "DISABLED" } });
    installOffice({ nestedAppAuth: true, getAccessToken });
    expect(await (await outlook()).getToken()).toBe("office-sso-token");
  });

  it("says what failed when neither works, and the pane tells what to do, in English and French", async () => {
    installBridge({ GetToken: { status: "PERSISTENT_ERROR" } });
    installOffice({ nestedAppAuth: true, getAccessToken: async () => Promise.reject({ code: 13012, message: "API is not supported in this platform." }) });
    const error = await (await outlook()).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeSignInError);
    expect(error).toMatchObject({ code: 13012 });
    expect((error as OfficeSignInError).nested).toBeTruthy();
    expect(appMessages.en["signin.office"]).toMatch(/IT admin/);
    expect(appMessages.fr["signin.office"]).toMatch(/administrateur informatique/);
  });
});
