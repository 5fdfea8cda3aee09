import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castOf, ok, startTestApi, type Cast, type TestApi } from "../support/test-api";

let api: TestApi;
let cast: Cast;
beforeAll(async () => {
  api = await startTestApi();
  cast = castOf(api.org);
});
afterAll(() => api?.close());

describe("the api over HTTP against Azurite", () => {
  it("answers health when storage answers", async () => {
    const r = await api.anonymous("health");
    expect(r.status).toBe(200);
    expect(r.data).toEqual({ status: "ok", storage: "ok" });
  });

  it("shows a mentee their tandem with their partner's name", async () => {
    const r = await api.as(cast.mentee)("listTandems");
    expect(r.status).toBe(200);
    const mine = ok(r).items.find((t) => t.id === cast.tandem.id);
    const mentorName = api.org.people.find((p) => p.id === cast.mentor)!.displayName;
    expect(mine?.members).toContainEqual(expect.objectContaining({ id: cast.mentor, role: "mentor", displayName: mentorName }));
  });
});

describe("what a browser may make of an answer", () => {
  it("marks every answer nosniff: JSON, problems, CSV, the OpenAPI document, an unknown route", async () => {
    const manager = cast.manager;
    const answers = [
      await api.as(cast.mentee)("getMe"),
      await api.as(cast.mentee)("getTandem", { params: { id: "00000000-0000-4000-8000-000000000000" } }),
      await api.as(manager)("teamReportCsv", { query: { period: 90, lang: "en" } }),
      await api.anonymous("openapi"),
      await api.anonymous("health"),
    ];
    const unknown = await api.call("GET", "/no-such-route");
    expect(answers.map((a) => a.status)).toEqual([200, 404, 200, 200, 200]);
    expect(unknown.status).toBe(404);
    for (const r of [...answers, unknown]) expect(r.headers.get("x-content-type-options"), r.headers.get("content-type")!).toBe("nosniff");
  });
});
