import fc from "fast-check";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { TableServiceClient, TableClient } from "@azure/data-tables";
import type { DemoOrganisation } from "@tandem/core";

/**
 * Requests generated from `openapi.json`, for the property-based test (tests/api/fuzz.test.ts, a small budget) and
 * `npm run bench -- fuzz` (a large one). Valid requests are built from the operations' schemas, with ids the
 * demo organisation really has; invalid ones break exactly one thing (a field's type, a required field, an unknown
 * field, a control character, a path or query parameter, If-Match, Idempotency-Key, the content type, the JSON,
 * the token). Every answer is checked against the document: no 5xx, a documented status, a body that matches the
 * schema of that status; an invalid request gets a 4xx problem and changes nothing stored.
 */

type Json = Record<string, any>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const METHODS = ["get", "put", "post", "patch", "delete"];

export interface Operation {
  id: string;
  method: string;
  path: string;
  op: Json;
}

export type Who = "member" | "coordinator";

export interface FuzzRequest {
  operation: Operation;
  who: Who | "nobody";
  valid: boolean;
  /** What was broken, for an invalid one. */
  broken: string | null;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

/** Ids the generator prefers: what the seeded tenant really holds, by parameter or field name. */
export type Pools = Record<string, string[]>;

export interface Answer {
  status: number;
  contentType: string;
  /** X-Content-Type-Options: every answer of the api says nosniff. */
  nosniff: boolean;
  text: string;
}

/** Strings people and attackers type: accepted where free text is (and must come back intact), never executed. */
const hostile = [
  "<script>alert(1)</script>",
  "' or PartitionKey ne '",
  "Robert'); DROP TABLE Tandems;--",
  "${jndi:ldap://x}",
  "{{7*7}}",
  "\u202eevil\u202c",
  "👩🏽‍💻 émigré ﬁ ß",
  "a\tb\nc",
  "%00%2e%2e%2f",
  "\\u0000",
];
/** Never accepted in any field: control characters and broken UTF-16. */
const forbiddenText = ["nul\u0000here", "bell\u0007", "lone \ud800 surrogate", "esc\u001b[31m"];
/** Path parameter values no route should take; `raw:` ones go in the path as they are. (Dot segments are left out: the URL parser folds them into another path.) */
const badParams = ["'", "' or 1 eq 1", "%", "\u0000", "a".repeat(300), "💥", "null", "-1", "x y", "<b>", "raw:%ED%A0%80", "raw:%E0%A4%A"];

export function operationsOf(doc: Json): Operation[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ id: (op as Json).operationId as string, method: method.toUpperCase(), path, op: op as Json })),
  );
}

/** Validators of every component schema, compiled once against the document. */
export function validators(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  const base = "https://tandem.invalid/openapi.json";
  ajv.addSchema({ $id: base, components: doc.components });
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (ref: string) => {
    let v = compiled.get(ref);
    if (!v) compiled.set(ref, (v = ajv.getSchema(`${base}${ref}`)!));
    if (!v) throw new Error(`no schema at ${ref}`);
    return v;
  };
  const refuses = (operation: Operation, body: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return true;
    }
    return !validatorOf(operation.op.requestBody.content["application/json"].schema.$ref)(parsed);
  };
  /** What is wrong with this answer to this request, or null. */
  const check = (r: FuzzRequest, a: Answer): string | null => {
    if (a.status >= 500) return `answered ${a.status}: ${a.text.slice(0, 300)}`;
    if (!a.nosniff) return `answered ${a.status} without X-Content-Type-Options: nosniff`;
    const documented = r.operation.op.responses[String(a.status)];
    if (!documented) return `answered ${a.status}, which ${r.operation.id} does not document`;
    if (!r.valid && a.status < 400) return `accepted a request with ${r.broken} (${a.status})`;
    if (!documented.content) return a.text === "" ? null : `answered ${a.status} with a body the document does not have`;
    const [type, media] = Object.entries(documented.content as Json)[0]!;
    if (!a.contentType.startsWith(type)) return `answered ${a.status} as ${a.contentType}, documented as ${type}`;
    if (!type.includes("json")) return null;
    let body: unknown;
    try {
      body = JSON.parse(a.text);
    } catch {
      return `answered ${a.status} with a body that is not JSON`;
    }
    const validate = validatorOf((media as Json).schema.$ref);
    if (!validate(body)) return `answered ${a.status} with a body its schema refuses: ${ajv.errorsText(validate.errors)}`;
    return null;
  };
  return { check, refuses };
}

/** A fast-check arbitrary of the values a JSON schema describes (the subset openapi.json uses). */
function fromSchema(doc: Json, schema: Json, pools: Pools, name = "", depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const pool = pools[name];
  const withPool = (arb: fc.Arbitrary<unknown>) =>
    pool?.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: arb }) : arb;
  if ("const" in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  if (s.anyOf || s.oneOf) return fc.oneof(...((s.anyOf ?? s.oneOf) as Json[]).map((x) => fromSchema(doc, x, pools, name, depth + 1)));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((t: string) => fromSchema(doc, { ...s, type: t }, pools, name, depth + 1)));
  switch (s.type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number": {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
      const step = s.multipleOf ?? 1;
      return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => n * step);
    }
    case "string":
      return withPool(stringOf(s));
    case "array": {
      const itemName = name.endsWith("s") ? name.slice(0, -1) : name;
      const items = depth > 4 ? fc.constant(null) : fromSchema(doc, s.items ?? {}, pools, itemName, depth + 1);
      const minLength = s.minItems ?? 0;
      return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, 3)) });
    }
    case "object": {
      if (depth > 5) return fc.constant({});
      const props = Object.fromEntries(
        Object.entries((s.properties ?? {}) as Json).map(([k, v]) => [k, fromSchema(doc, v as Json, pools, k, depth + 1)]),
      );
      const record = fc.record(props, { requiredKeys: (s.required ?? []) as string[] });
      if (s.additionalProperties && typeof s.additionalProperties === "object") {
        const keys = s.propertyNames ? (stringOf(resolve(doc, s.propertyNames)) as fc.Arbitrary<string>) : fc.string({ minLength: 1, maxLength: 8 });
        return fc
          .tuple(record, fc.dictionary(keys, fromSchema(doc, s.additionalProperties, pools, name, depth + 1), { maxKeys: 3 }))
          .map(([a, b]) => ({ ...b, ...a }));
      }
      return record;
    }
    default:
      return fc.constant(null);
  }
}

function stringOf(s: Json): fc.Arbitrary<string> {
  const fits = (x: string) => x.length >= (s.minLength ?? 0) && x.length <= (s.maxLength ?? 10_000);
  if (s.format === "uuid") return fc.uuid();
  if (s.format === "date-time") return fc.date({ min: new Date("2024-01-01"), max: new Date("2028-12-31"), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === "date") return fc.date({ min: new Date("2024-01-01"), max: new Date("2028-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === "uri") return fc.webUrl({ validSchemes: ["https"], withQueryParameters: true, withFragments: true });
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  const plain = fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
  return fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...hostile).filter(fits) }).filter(fits);
}

function resolve(doc: Json, schema: Json): Json {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = doc.components.schemas[s.$ref.replace("#/components/schemas/", "")];
  return s ?? {};
}

/** One thing broken in an otherwise valid request. */
type Breakage = { broken: string; apply(r: FuzzRequest): FuzzRequest | null };

function breakages(doc: Json, r: FuzzRequest): fc.Arbitrary<Breakage> | null {
  const op = r.operation.op;
  const bodySchema = op.requestBody ? resolve(doc, op.requestBody.content["application/json"].schema) : null;
  const params = (op.parameters ?? []) as Json[];
  const list: fc.Arbitrary<Breakage>[] = [];
  // Public routes take no token: a missing one breaks nothing there.
  if ((op.security ?? []).length) {
    list.push(
      fc.constantFrom<Breakage>(
        { broken: "no token", apply: (x) => ({ ...x, who: "nobody", headers: { ...x.headers, authorization: "" } }) },
        { broken: "a token that is not one", apply: (x) => ({ ...x, who: "nobody", headers: { ...x.headers, authorization: "Bearer abc.def.ghi" } }) },
      ),
    );
  }
  if (!list.length && !bodySchema && !params.length) return null;
  if (bodySchema) {
    const props = Object.keys(bodySchema.properties ?? {});
    const required = (bodySchema.required ?? []) as string[];
    const setField = (k: string, v: unknown) => (x: FuzzRequest) => ({ ...x, body: JSON.stringify({ ...JSON.parse(x.body!), [k]: v }) });
    list.push(
      fc.constantFrom<unknown>([], 42, "text", null, true).map((v) => ({ broken: `a body that is ${JSON.stringify(v)}`, apply: (x: FuzzRequest) => ({ ...x, body: JSON.stringify(v) }) })),
      fc.constantFrom<Breakage>(
        { broken: "malformed JSON", apply: (x) => ({ ...x, body: `${x.body!.slice(0, -1)},` }) },
        { broken: "a text/plain body", apply: (x) => ({ ...x, headers: { ...x.headers, "content-type": "text/plain" } }) },
        { broken: "an unknown field", apply: setField("zzUnknown", 1) },
      ),
    );
    if (required.length) {
      list.push(
        fc.constantFrom(...required).map((k) => ({
          broken: `no ${k}`,
          apply: (x: FuzzRequest) => {
            const { [k]: _, ...rest } = JSON.parse(x.body!);
            return { ...x, body: JSON.stringify(rest) };
          },
        })),
      );
    }
    if (props.length) {
      list.push(
        fc.tuple(fc.constantFrom(...props), fc.constantFrom<unknown>({ nested: [1] }, [[]], -1.5e300, "", 7, true)).map(([k, v]) => ({
          broken: `${k} as ${JSON.stringify(v)}`,
          apply: setField(k, v),
        })),
      );
      const texts = props.filter((k) => {
        const p = resolve(doc, bodySchema.properties[k]);
        return p.type === "string" && !p.enum && !p.format && !p.pattern;
      });
      if (texts.length) {
        list.push(fc.tuple(fc.constantFrom(...texts), fc.constantFrom(...forbiddenText)).map(([k, v]) => ({ broken: `${k} with ${JSON.stringify(v)}`, apply: setField(k, v) })));
      }
    }
  }
  const pathParams = params.filter((p) => p.in === "path");
  if (pathParams.length) {
    list.push(
      fc.tuple(fc.constantFrom(...pathParams.map((p) => p.name as string)), fc.constantFrom(...badParams)).map(([name, v]) => ({
        broken: `{${name}} = ${JSON.stringify(v.slice(0, 20))}`,
        apply: (x) => (name === "moduleId" && /^[a-z0-9-]+$/.test(v) ? null : { ...x, path: fillPath(x.operation.path, { ...paramsOf(x), [name]: v }) }),
      })),
    );
  }
  for (const q of params.filter((p) => p.in === "query")) {
    list.push(fc.constantFrom("zzz", "-1", "1e9", "\u0000", "' or 1 eq 1").map((v) => ({ broken: `?${q.name}=${JSON.stringify(v)}`, apply: (x) => (validQuery(doc, q, v) ? null : { ...x, query: { ...x.query, [q.name]: v } }) })));
  }
  if (params.some((p) => p.in === "header" && p.name === "If-Match")) {
    list.push(fc.constantFrom('"a"', "garbage", 'W/"x", W/"y"', '"' + "e".repeat(300) + '"').map((v) => ({ broken: `If-Match: ${v.slice(0, 20)}`, apply: (x) => ({ ...x, headers: { ...x.headers, "if-match": v } }) })));
  }
  if (params.some((p) => p.in === "header" && p.name === "Idempotency-Key")) {
    list.push(fc.constantFrom("", "short", "has space in it", "x".repeat(200)).map((v) => ({ broken: `Idempotency-Key: ${JSON.stringify(v.slice(0, 20))}`, apply: (x) => ({ ...x, headers: { ...x.headers, "idempotency-key": v } }) })));
  }
  return fc.oneof(...list);
}

/** Whether a request to this operation can be broken at all: a public route without parameters or body cannot. */
const breakable = (operation: Operation) =>
  Boolean((operation.op.security ?? []).length || operation.op.requestBody || (operation.op.parameters ?? []).length);

/** Breakages of the body's shape, which the document's own schema must refuse too (or they broke nothing). */
const SHAPE = /^(a body that is|no |an unknown field|\w+ as )/;

/** A query value a parameter's schema takes (then breaking it breaks nothing). */
function validQuery(doc: Json, q: Json, v: string): boolean {
  const s = resolve(doc, q.schema ?? {});
  if (s.enum) return s.enum.map(String).includes(v);
  if (s.type === "integer" || s.type === "number") return false;
  if (s.pattern) return new RegExp(s.pattern).test(v) && v.length <= (s.maxLength ?? Infinity);
  return !s.format && !/[\u0000-\u001f]/.test(v);
}

const paramsOf = (r: FuzzRequest & { params?: Record<string, string> }) => r.params ?? {};

function fillPath(path: string, params: Record<string, string>) {
  return path.replace(/\{(\w+)\}/g, (_, n: string) => {
    const v = params[n] ?? "x";
    return v.startsWith("raw:") ? v.slice(4) : encodeURIComponent(v);
  });
}

/** Requests to one operation as `who`: valid ones, or valid ones with one thing broken. */
export function requestsOf(
  doc: Json,
  operation: Operation,
  pools: Pools,
  valid: boolean,
  /** Whether the document's schema of this operation's body refuses a body. */
  refuses: (operation: Operation, body: string) => boolean = () => true,
): fc.Arbitrary<FuzzRequest> | null {
  const op = operation.op;
  const params = (op.parameters ?? []) as Json[];
  const arbs: Record<string, fc.Arbitrary<unknown>> = {
    who: fc.constantFrom<Who>("member", "coordinator"),
    params: fc.record(Object.fromEntries(params.filter((p) => p.in === "path").map((p) => [p.name, fromSchema(doc, p.schema, pools, p.name)]))),
    query: fc.record(
      Object.fromEntries(params.filter((p) => p.in === "query").map((p) => [p.name, fromSchema(doc, p.schema, pools, p.name).map(String)])),
      { requiredKeys: params.filter((p) => p.in === "query" && p.required).map((p) => p.name as string) as never[] },
    ),
    ifMatch: fc.constantFrom("*", null),
    key: fc.uuid(),
    body: op.requestBody ? fromSchema(doc, op.requestBody.content["application/json"].schema, pools) : fc.constant(undefined),
  };
  const base = fc.record(arbs).map((x: any) => {
    const headers: Record<string, string> = {};
    const ifMatch = params.find((p) => p.in === "header" && p.name === "If-Match");
    if (ifMatch && (ifMatch.required || x.ifMatch)) headers["if-match"] = x.ifMatch ?? "*";
    if (params.some((p) => p.in === "header" && p.name === "Idempotency-Key")) headers["idempotency-key"] = x.key;
    if (x.body !== undefined) headers["content-type"] = "application/json";
    const r: FuzzRequest & { params: Record<string, string> } = {
      operation,
      who: x.who,
      valid: true,
      broken: null,
      path: fillPath(operation.path, x.params),
      params: x.params,
      query: x.query,
      headers,
      ...(x.body !== undefined ? { body: JSON.stringify(x.body) } : {}),
    };
    // Failures name the request, not the whole operation object.
    Object.defineProperty(r, fc.toStringMethod, { value: () => describeRequest(r), enumerable: false });
    return r as FuzzRequest;
  });
  if (valid) return base;
  if (!breakable(operation)) return null;
  return base
    .chain((r) => breakages(doc, r)!.map((b) => ({ r, b })))
    .map(({ r, b }): FuzzRequest | null => {
      const broken = b.apply(r);
      if (!broken) return null;
      if (SHAPE.test(b.broken) && broken.body !== undefined && !refuses(operation, broken.body)) return null;
      const out = { ...broken, valid: false, broken: b.broken };
      Object.defineProperty(out, fc.toStringMethod, { value: () => describeRequest(out), enumerable: false });
      return out;
    })
    // Public routes take no token: a missing one breaks nothing there.
    .filter((r) => r !== null) as fc.Arbitrary<FuzzRequest>;
}

/** Sends one request with the caller's token. */
export async function send(url: string, r: FuzzRequest, tokens: Record<Who, string>): Promise<Answer> {
  const headers = { ...r.headers };
  if (r.who !== "nobody") headers.authorization = `Bearer ${tokens[r.who]}`;
  else if (headers.authorization === "") delete headers.authorization;
  const qs = new URLSearchParams(r.query).toString();
  const res = await fetch(`${url}${r.path}${qs ? `?${qs}` : ""}`, { method: r.operation.method, headers, body: r.body });
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    nosniff: res.headers.get("x-content-type-options") === "nosniff",
    text: await res.text(),
  };
}

/** Every row of every table with this prefix, by table, partition and row, with its ETag: any write changes one. */
export async function snapshot(connectionString: string, prefix: string): Promise<Map<string, string>> {
  const opts = { allowInsecureConnection: true };
  const service = TableServiceClient.fromConnectionString(connectionString, opts);
  const out = new Map<string, string>();
  for await (const t of service.listTables()) {
    if (!t.name?.startsWith(prefix)) continue;
    const table = TableClient.fromConnectionString(connectionString, t.name, opts);
    for await (const e of table.listEntities({ queryOptions: { select: ["PartitionKey", "RowKey"] } })) {
      out.set(`${t.name}|${e.partitionKey}|${e.rowKey}`, e.etag);
    }
  }
  return out;
}

export function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).map((k) => `${k}: ${before.has(k) ? (after.has(k) ? "changed" : "removed") : "added"}`);
}

/** The seeded tenant's ids by the names parameters and fields give them; `tandemId` first (the member's). */
export function poolsOf(org: DemoOrganisation, tandemId: string): Pools {
  const tandem = org.tandems.find((t) => t.id === tandemId)!;
  const others = org.tandems.filter((t) => t.id !== tandemId).slice(0, 3);
  const people = org.people.map((p) => p.id);
  return {
    id: [tandemId, tandemId, ...others.map((t) => t.id)],
    tandemId: [tandemId, ...others.map((t) => t.id)],
    sessionId: [...tandem.sessions.map((s) => s.id), ...others.flatMap((t) => t.sessions.slice(0, 1).map((s) => s.id))],
    goalId: tandem.goals.map((g) => g.id),
    noteId: tandem.sessions.flatMap((s) => s.notes.map((n) => n.id)),
    skillId: org.skills.map((s) => s.id),
    cycleId: org.cycles.map((c) => c.id),
    mentorId: [...new Set(org.tandems.map((t) => t.mentorId))],
    menteeId: [...new Set(org.tandems.flatMap((t) => t.menteeIds))],
    personaId: people,
    personId: people,
    timeZone: ["Europe/Paris", "America/Toronto", "Asia/Singapore", "UTC"],
  };
}

/** A request as a failure names it. */
export function describeRequest(r: FuzzRequest): string {
  const qs = new URLSearchParams(r.query).toString();
  return `${r.operation.method} ${r.path}${qs ? `?${qs}` : ""} as ${r.who}${r.broken ? `, broken: ${r.broken}` : ""}${
    r.body !== undefined ? `, body ${r.body.slice(0, 300)}` : ""
  }${Object.keys(r.headers).length ? `, headers ${JSON.stringify(r.headers).slice(0, 200)}` : ""}`;
}
