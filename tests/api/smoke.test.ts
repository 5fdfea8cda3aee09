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
