import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, createApiClient, errorKind, sharedMessages, type SignInChallenge } from "../src/index";

/**
 * The apps' api client when the api cannot act on the person's behalf: it answers 401 problem+json with Entra's
 * error and, for a Conditional Access challenge, the claims (api/src/platform/problem.ts). The client asks the host
 * for a new token with them and makes the call once more. A small HTTP server stands for the api here, answering
 * what the api answers; the api's own side is tested over HTTP in api/test.
 */
const CLAIMS = '{"access_token":{"capolids":{"essential":true,"values":["c1b2a3d4-0000-4000-8000-000000000001"]}}}';
let server: Server | undefined;

async function api(answer: (req: IncomingMessage, n: number) => { status: number; body: object }) {
  const seen: string[] = [];
  server = createServer((req, res) => {
    // The test page's origin is not the server's: CORS, as the api answers it.
    res.setHeader("access-control-allow-origin", "*");
    if (req.method === "OPTIONS") {
      res.writeHead(204, { "access-control-allow-headers": "authorization, content-type", "access-control-allow-methods": "GET, POST" });
      return res.end();
    }
    seen.push(req.headers.authorization ?? "");
    const { status, body } = answer(req, seen.length);
    res.writeHead(status, { "content-type": status >= 400 ? "application/problem+json" : "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, seen };
}
afterEach(async () => {
  vi.unstubAllGlobals();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

const refused = (authError: string, claims?: string) => ({
  status: 401,
  body: { type: "about:blank", title: "Unauthorized", status: 401, code: "unauthenticated", detail: "Sign in again", authError, ...(claims ? { claims } : {}) },
});

function host() {
  const asked: (SignInChallenge | undefined)[] = [];
  return {
    asked,
    getToken: async (challenge?: SignInChallenge) => {
      asked.push(challenge);
      return challenge ? `token-after-${challenge.error}` : "token";
    },
  };
}

describe("the apps' api client, when Entra asks the person to sign in again", () => {
  it("asks the host for a token that answers a Conditional Access challenge, with its claims, and makes the call again", async () => {
    const { url, seen } = await api((_, n) => (n === 1 ? refused("interaction_required", CLAIMS) : { status: 200, body: { id: "me" } }));
    const h = host();
    const { data } = await createApiClient(url, h.getToken)("getMe");
    expect(data).toEqual({ id: "me" });
    expect(h.asked).toEqual([undefined, { error: "interaction_required", claims: CLAIMS }]);
    expect(seen).toEqual(["Bearer token", "Bearer token-after-interaction_required"]);
  });

  it("tries once only: consent still missing is an error that says an admin must give it, in English and French", async () => {
    const { url, seen } = await api(() => refused("consent_required"));
    const h = host();
    const error = await createApiClient(url, h.getToken)("getMe").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(seen).toHaveLength(2);
    expect(errorKind(error)).toEqual({ kind: "consent" });
    expect(sharedMessages.en["error.consent"]).toMatch(/IT admin/);
    expect(sharedMessages.fr["error.consent"]).toMatch(/administrateur informatique/);
  });

  it("does not ask again for a plain expired token: that is the host's sign-in to renew", async () => {
    const { url, seen } = await api(() => ({ status: 401, body: { status: 401, code: "unauthenticated", detail: "The token has expired" } }));
    const h = host();
    const error = await createApiClient(url, h.getToken)("getMe").catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(errorKind(error)).toEqual({ kind: "unauthenticated" });
  });
});

describe("the apps' api client", () => {
  it("gives an export (CSV) as its text, byte order mark kept, with the query and the person's token", async () => {
    const asked: { url: string; authorization: string | null }[] = [];
    const csv = "\uFEFFDécoupage;Valeur\r\nÉquipe;;8\r\n";
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init: RequestInit) => {
        asked.push({ url, authorization: new Headers(init.headers).get("authorization") });
        return new Response(new TextEncoder().encode(csv), { headers: { "content-type": "text/csv; charset=utf-8" } });
      }),
    );
    const call = createApiClient("https://api.example/api", async () => "token-1");
    const { data } = await call("teamReportCsv", { query: { period: 365, lang: "fr" } });
    expect(data).toBe(csv);
    expect(asked).toEqual([{ url: "https://api.example/api/reports/team.csv?period=365&lang=fr", authorization: "Bearer token-1" }]);
  });
});
