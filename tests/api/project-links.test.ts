import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { castOf, startTestApi, type Cast, type TestApi } from "../support/test-api";

/**
 * A goal's project link is stored and answered in one normalised form, the one openapi.json describes
 * (`format: uri`): odd links sent raw (not through the typed client, which would normalise them first) come back
 * normalised, and every answer passes its own contract as a JSON Schema validator reads it.
 */

let api: TestApi;
let cast: Cast;
let token: string;
let validate: (operation: string, body: unknown) => string[];

beforeAll(async () => {
  api = await startTestApi();
  cast = castOf(api.org);
  token = await api.token(cast.mentee);
  const doc = (await api.call("GET", "/openapi.json")).json;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(doc, "openapi.json");
  validate = (name, body) => {
    const check = ajv.getSchema(`openapi.json#/components/schemas/${name}`)!;
    return check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
});
afterAll(() => api?.close());

const goals = () => `/tandems/${cast.tandem.id}/goals`;
const goal = (url: string) => ({
  menteeId: cast.mentee,
  title: "Relier l'objectif à un projet",
  skillId: api.org.skills.find((s) => !s.retired)!.id,
  successCriterion: "Le lien mène au projet.",
  targetDate: "2099-01-31",
  project: { kind: "link", url },
});

const links: [string, string, string][] = [
  ["an international host", "https://bücher.example/", "https://xn--bcher-kva.example/"],
  ["spaces and a unicode path", "https://example.com/mon dossier/été 2027", "https://example.com/mon%20dossier/%C3%A9t%C3%A9%202027"],
  ["a mixed-case scheme and host", "HtTpS://Intranet.Example.COM/Projets", "https://intranet.example.com/Projets"],
  ["a trailing dot and the default port", "https://example.com.:443/a/./b/../c", "https://example.com./a/c"],
  ["what the parser leaves raw and RFC 3986 refuses", "https://example.com/a|b?q={x}^[1]&r='y'#top|more#", "https://example.com/a%7Cb?q=%7Bx%7D%5E%5B1%5D&r=%27y%27#top%7Cmore%23"],
  ["a stray percent sign", "https://example.com/100%/%41", "https://example.com/100%25/%41"],
  ["surrounding spaces", "  https://teams.microsoft.com/l/channel/19%3aabc%40thread.tacv2/G%C3%A9n%C3%A9ral  ", "https://teams.microsoft.com/l/channel/19%3aabc%40thread.tacv2/G%C3%A9n%C3%A9ral"],
];

describe("a goal's project link", () => {
  it.each(links)("is stored normalised: %s", async (_, sent, stored) => {
    const created = await api.call("POST", goals(), { token, body: goal(sent) });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.project.url).toBe(stored);
    expect(validate("CreateGoalResponse", created.json)).toEqual([]);

    const listed = await api.call("GET", goals(), { token });
    expect(listed.json.items.find((g: { id: string }) => g.id === created.json.id).project.url).toBe(stored);
    expect(validate("ListGoalsResponse", listed.json)).toEqual([]);

    // Sent again as it was answered, it stays as it is.
    const etag = created.headers.get("etag")!;
    const again = await api.call("PATCH", `${goals()}/${created.json.id}`, {
      token,
      body: { project: { kind: "link", url: stored } },
      headers: { "if-match": etag },
    });
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    expect(again.json.project.url).toBe(stored);
    expect(validate("UpdateGoalResponse", again.json)).toEqual([]);
  });

  it.each([
    ["javascript:", "javascript:alert(document.domain)"],
    ["plain http", "http://example.com/"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["a user name and password", "https://user:secret@example.com/"],
    ["no host", "https://"],
    ["a space in the host", "https://exa mple.com/"],
  ])("refuses %s with 400 naming the field, and stores nothing", async (_, url) => {
    const before = (await api.call("GET", goals(), { token })).json.items.length;
    const r = await api.call("POST", goals(), { token, body: goal(url) });
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(r.json.errors.map((e: { pointer?: string }) => e.pointer)).toContain("/project/url");
    expect((await api.call("GET", goals(), { token })).json.items.length).toBe(before);
  });

  it("would fail its contract as the browser's parser alone writes it (what the stress test saw)", async () => {
    const created = await api.call("POST", goals(), { token, body: goal("https://example.com/") });
    const raw = { ...created.json, project: { kind: "link", url: new URL("https://example.com/a|b?q={x}").href } };
    expect(validate("CreateGoalResponse", raw)).toContain('/project/url must match format "uri"');
  });

  it("is described in openapi.json as what is stored: an RFC 3986 URI, its normalised form", async () => {
    const doc = (await api.call("GET", "/openapi.json")).json;
    const url = doc.components.schemas.CreateGoalResponse.properties.project.anyOf.find((s: { type?: string }) => s.type === "object")?.properties.url
      ?? doc.components.schemas.CreateGoalResponse.properties.project;
    expect(JSON.stringify(url)).toMatch(/"format":"uri"/);
    expect(JSON.stringify(url)).toMatch(/normalised form/);
  });
});
