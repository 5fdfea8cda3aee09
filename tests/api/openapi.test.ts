import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { accessLevels, api, type Endpoint } from "@tandem/core";
import { devApi } from "@tandem/core/dev";
import { startTestApi, type TestApi } from "../support/test-api";

/**
 * GET /api/openapi.json is what a client developer generates a client from: every endpoint, its parameters,
 * its bodies with their required fields, its security, and no dangling reference.
 */

type Json = Record<string, any>;
let testApi: TestApi;
let doc: Json;
const endpoints = [...Object.values(api), ...Object.values(devApi)] as Endpoint[];
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

beforeAll(async () => {
  testApi = await startTestApi({ seed: false });
  const r = await testApi.call("GET", "/openapi.json");
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toMatch(/^application\/json/);
  doc = r.json;
});
afterAll(() => testApi?.close());

const operation = (e: Endpoint): Json | undefined => doc.paths?.[e.path]?.[e.method.toLowerCase()];
const schemaName = (ref: string) => ref.replace(/^#\/components\/schemas\//, "");

/** Every operation of the document, with where it is. */
function operations(): { path: string; method: string; op: Json }[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, op]) => ({ path, method, op: op as Json })),
  );
}

/** Follows `$ref`s (to components only) until a schema with content. */
function resolveSchema(schema: Json): Json {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components.schemas[schemaName(s.$ref)];
  return s;
}

/** The fields a request body cannot do without, read from the zod contract itself. */
function requiredByContract(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) throw new Error("a write body that is not an object");
  return Object.entries(shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([key]) => key)
    .sort();
}

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1.0 document served under /api", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: "/api" }]);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
  });

  it("is public: it answers without a token", async () => {
    const r = await testApi.call("GET", "/openapi.json");
    expect(r.status).toBe(200);
  });

  it("lists every endpoint of the contract with its method, path and operationId (local mode includes local-only ones)", () => {
    const missing = endpoints.filter((e) => operation(e)?.operationId !== e.id).map((e) => `${e.method} ${e.path} (${e.id})`);
    expect(missing).toEqual([]);
    expect(endpoints.some((e) => e.localOnly)).toBe(true);
  });

  it("lists nothing the contract does not have, and every operationId once", () => {
    const ops = operations();
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(endpoints.map((e) => e.id).sort());
    for (const { path, method, op } of ops) {
      const e = endpoints.find((x) => x.id === op.operationId)!;
      expect(`${method} ${path}`).toBe(`${e.method.toLowerCase()} ${e.path}`);
    }
  });

  it("declares each endpoint's success status, with a schema unless it answers 204", () => {
    for (const e of endpoints) {
      const op = operation(e)!;
      const ok = op.responses[String(e.status)];
      expect(ok, e.id).toBeDefined();
      if (e.status === 204) expect(ok.content, e.id).toBeUndefined();
      else expect(ok.content[e.produces ?? "application/json"].schema.$ref, e.id).toMatch(/^#\/components\/schemas\//);
      if (e.etag && e.status !== 204) expect(ok.headers?.ETag, `${e.id} returns an ETag`).toBeDefined();
    }
  });

  it("every $ref anywhere in the document resolves to an existing #/components/schemas entry", () => {
    const refs: { at: string; ref: string }[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "$ref") refs.push({ at, ref: String(v) });
          else walk(v, `${at}/${k}`);
        }
      }
    };
    walk(doc, "#");
    expect(refs.length).toBeGreaterThan(endpoints.length);
    const dangling = refs.filter(
      ({ ref }) => !ref.startsWith("#/components/schemas/") || !(schemaName(ref) in doc.components.schemas),
    );
    expect(dangling).toEqual([]);
  });

  it("every component schema is a schema object without JSON Schema's document-level keys", () => {
    for (const [name, s] of Object.entries(doc.components.schemas as Record<string, Json>)) {
      expect(typeof s, name).toBe("object");
      expect(s, name).not.toHaveProperty("$schema");
      expect(s, name).not.toHaveProperty("$id");
      expect(name, "component names must match ^[a-zA-Z0-9._-]+$").toMatch(/^[a-zA-Z0-9._-]+$/);
    }
  });

  it("each write route's request body requires exactly the contract's required fields and no unknown ones", () => {
    const writes = endpoints.filter((e) => e.body);
    expect(writes.length).toBeGreaterThanOrEqual(10);
    for (const e of writes) {
      const body = operation(e)!.requestBody;
      expect(body?.required, e.id).toBe(true);
      const schema = resolveSchema(body.content["application/json"].schema);
      expect(schema.type, e.id).toBe("object");
      expect([...(schema.required ?? [])].sort(), e.id).toEqual(requiredByContract(e.body!));
      expect(schema.additionalProperties, `${e.id} refuses unknown fields, so says the document`).toBe(false);
      for (const field of schema.required ?? []) expect(schema.properties, `${e.id}.${field}`).toHaveProperty(field);
    }
  });

  it.each([
    ["createGoal", ["menteeId", "title", "skillId", "successCriterion", "targetDate"]],
    ["putMyProfile", ["programRoles", "offers", "requests", "languages", "timeZone", "capacity", "paused"]],
    ["createNote", ["body", "visibility"]],
    ["putMyCheckIn", ["learned", "willTry", "rating"]],
    ["transitionTandem", ["action"]],
    ["proposeTandem", ["kind", "cycleId", "mentorId", "menteeIds"]],
    ["devToken", ["personaId"]],
  ])("the %s request body requires %j", (id, fields) => {
    const e = endpoints.find((x) => x.id === id)!;
    const schema = resolveSchema(operation(e)!.requestBody.content["application/json"].schema);
    expect([...schema.required].sort()).toEqual([...fields].sort());
  });

  it("a goal's defaults are documented, so a client knows what it gets when it leaves them out", () => {
    const schema = resolveSchema(operation(api.createGoal)!.requestBody.content["application/json"].schema);
    expect(schema.properties.status.default).toBe("not_started");
    expect(schema.properties.progress.default).toBe(0);
    expect(schema.properties.title).toMatchObject({ maxLength: 120 });
  });

  it("secured routes declare bearer security; public routes declare none", () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    for (const e of endpoints) {
      const op = operation(e)!;
      if (e.auth === "user") {
        expect(op.security, e.id).toEqual([{ bearer: [] }]);
        expect(op.responses, e.id).toHaveProperty("401");
      } else {
        expect(op.security, e.id).toEqual([]);
      }
    }
    expect(endpoints.filter((e) => e.auth === "none").map((e) => e.id).sort()).toEqual(
      ["devJwks", "devPersonas", "devToken", "health", "openapi"].sort(),
    );
  });

  it("says who may call each operation, as its contract declares it, in words and as x-tandem-access", () => {
    for (const e of endpoints) {
      const op = operation(e)!;
      expect(op["x-tandem-access"], e.id).toBe(e.access);
      expect(op.description, e.id).toContain(`Who may call it: ${accessLevels[e.access]}.`);
    }
    expect(operation(api.teamReport)!["x-tandem-access"]).toBe("manager");
    expect(operation(api.programReport)!["x-tandem-access"]).toBe("coordinator");
    expect(operation(api.listTandems)!["x-tandem-access-when"]).toEqual({ "scope=all": "coordinator" });
    expect(operation(api.listTandems)!.description).toContain(`With scope=all: ${accessLevels.coordinator}.`);
  });

  it("every path parameter in a path is declared, required, and nothing else is declared in the path", () => {
    for (const { path, method, op } of operations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p: Json) => p.in === "path");
      expect(declared.map((p: Json) => p.name).sort(), `${method} ${path}`).toEqual(inPath);
      for (const p of declared) {
        expect(p.required, `${method} ${path} {${p.name}}`).toBe(true);
        expect(p.schema, `${method} ${path} {${p.name}}`).toMatchObject({ type: "string" });
      }
    }
  });

  it("query parameters and If-Match are declared where the contract has them", () => {
    expect(operation(api.listTandems)!.parameters).toContainEqual(
      expect.objectContaining({ name: "scope", in: "query", required: false, schema: expect.objectContaining({ enum: ["mine", "all"] }) }),
    );
    for (const e of endpoints) {
      const ifMatch = (operation(e)!.parameters ?? []).find((p: Json) => p.in === "header" && p.name === "If-Match");
      if (e.ifMatch) {
        expect(ifMatch, e.id).toMatchObject({ required: e.ifMatch === "required" });
        expect(operation(e)!.responses, e.id).toHaveProperty("412");
      } else {
        expect(ifMatch, e.id).toBeUndefined();
      }
      if (e.ifMatch === "required") expect(operation(e)!.responses, e.id).toHaveProperty("428");
    }
  });

  it("errors are described as problem+json with the fields every error response carries", () => {
    const problem = doc.components.schemas.Problem;
    expect(problem.required).toEqual(expect.arrayContaining(["type", "title", "status", "detail"]));
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        if (Number(status) < 400) continue;
        expect(response.content?.["application/problem+json"]?.schema, `${method} ${path} ${status}`).toEqual({
          $ref: "#/components/schemas/Problem",
        });
      }
    }
  });

  it("declares the 404 that POST /dev/token answers for an unknown persona", async () => {
    const r = await testApi.call("POST", "/dev/token", { body: { personaId: "00000000-0000-4000-8000-000000000000" } });
    expect(r.status).toBe(404);
    expect(operation(devApi.devToken)!.responses).toHaveProperty("404");
  });

  it("declares the 409 that an illegal lifecycle transition answers", () => {
    expect(operation(api.transitionTandem)!.responses).toHaveProperty("409");
  });

  it("every request body and every response body has its own named component", () => {
    const names = Object.keys(doc.components.schemas);
    for (const e of endpoints) {
      if (e.body) expect(names, e.id).toContain(`${e.id[0]!.toUpperCase()}${e.id.slice(1)}Request`);
      if (e.status !== 204) expect(names, e.id).toContain(`${e.id[0]!.toUpperCase()}${e.id.slice(1)}Response`);
    }
  });
});
