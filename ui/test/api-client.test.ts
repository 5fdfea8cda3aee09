import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient } from "../src/api/api-client";

afterEach(() => vi.unstubAllGlobals());

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
