import { z } from "zod";
import { accessLevels, type Endpoint } from "@tandem/core";

type Json = Record<string, unknown>;

/** Turns zod schemas into named OpenAPI components; shared sub-schemas (`.meta({ id })`) become their own. */
function components(named: Map<string, z.ZodType>, io: "input" | "output", suffix: string): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of named) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  const shared = (schemas.__shared as { $defs?: Record<string, Json> } | undefined)?.$defs ?? {};
  delete schemas.__shared;
  const out: Record<string, Json> = {};
  for (const [id, s] of Object.entries({ ...shared, ...schemas })) {
    const { $schema: _s, $id: _i, ...rest } = s;
    out[shared[id] ? id + suffix : id] = rest;
  }
  return JSON.parse(
    JSON.stringify(out).replaceAll(/"#\/components\/schemas\/__shared#\/\$defs\/([A-Za-z0-9_]+)"/g, `"#/components/schemas/$1${suffix}"`),
  ) as Record<string, Json>;
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: s,
  }));
}

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** The OpenAPI 3.1 description of the api, generated from the very contracts that parse its traffic. */
export function openApiDocument(endpoints: readonly Endpoint[], info: { version: string; local: boolean }): Json {
  const requests = new Map<string, z.ZodType>();
  const responses = new Map<string, z.ZodType>();
  for (const e of endpoints) {
    if (e.body) requests.set(`${cap(e.id)}Request`, e.body);
    if (e.status !== 204) responses.set(`${cap(e.id)}Response`, e.response);
  }
  const schemas: Record<string, Json> = {
    ...components(responses, "output", ""),
    ...components(requests, "input", "Input"),
    Problem: {
      type: "object",
      description: "RFC 9457 problem details",
      required: ["type", "title", "status", "detail", "code"],
      properties: {
        type: { type: "string", format: "uri" },
        title: { type: "string" },
        status: { type: "integer" },
        detail: { type: "string" },
        code: { type: "string" },
        instance: { type: "string" },
        errors: {
          type: "array",
          description:
            "400: each field at fault. `detail` is English for developers; clients word the problem from `code` (zod's issue code: too_small, too_big, invalid_format, invalid_type, invalid_value, custom), `limit` and `origin` (a size's bound and what it bounds) and `format`.",
          items: {
            type: "object",
            required: ["detail"],
            properties: {
              pointer: { type: "string" },
              parameter: { type: "string" },
              in: { type: "string" },
              header: { type: "string" },
              detail: { type: "string" },
              code: { type: "string" },
              limit: { type: "number" },
              origin: { type: "string" },
              format: { type: "string" },
            },
          },
        },
        authError: {
          type: "string",
          description:
            "401 when Microsoft Entra refused Tandem a Graph token on the person's behalf: consent_required, interaction_required, login_required or invalid_grant. The client asks for consent or a new sign-in.",
        },
        claims: {
          type: "string",
          description:
            "401 after a Conditional Access claims challenge: the claims (JSON) the next token must carry; also base64-encoded in WWW-Authenticate (error=\"insufficient_claims\").",
        },
      },
    },
  };

  const paths: Record<string, Record<string, Json>> = {};
  for (const e of endpoints) {
    const op: Json = {
      operationId: e.id,
      summary: e.summary,
      description: `Who may call it: ${accessLevels[e.access]}.${
        e.accessWhen ? ` With ${e.accessWhen.query}=${e.accessWhen.is}: ${accessLevels[e.accessWhen.access]}.` : ""
      }`,
      tags: [e.tag],
      "x-tandem-access": e.access,
      ...(e.accessWhen ? { "x-tandem-access-when": { [`${e.accessWhen.query}=${e.accessWhen.is}`]: e.accessWhen.access } } : {}),
      parameters: [
        ...parametersOf(e.params, "path"),
        ...parametersOf(e.query, "query"),
        ...(e.ifMatch
          ? [{ name: "If-Match", in: "header", required: e.ifMatch === "required", schema: { type: "string" } }]
          : []),
        ...(e.idempotencyKey
          ? [{ name: "Idempotency-Key", in: "header", required: e.idempotencyKey === "required", schema: { type: "string", minLength: 8, maxLength: 128 } }]
          : []),
      ],
      ...(e.auth === "user" ? { security: [{ bearer: [] }] } : { security: [] }),
      ...(e.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: { $ref: `#/components/schemas/${cap(e.id)}Request` } } },
            },
          }
        : {}),
      responses: {
        [e.status]:
          e.status === 204
            ? { description: "Done" }
            : {
                description: e.produces === "text/csv" ? "A CSV document (UTF-8 with a byte order mark), as an attachment" : "Success",
                ...(e.etag ? { headers: { ETag: { schema: { type: "string" } } } } : {}),
                ...(e.produces === "text/csv" ? { headers: { "Content-Disposition": { schema: { type: "string" } } } } : {}),
                content: { [e.produces ?? "application/json"]: { schema: { $ref: `#/components/schemas/${cap(e.id)}Response` } } },
              },
        ...(e.body || e.params || e.query ? { 400: problem("The request is not valid") } : {}),
        ...(e.auth === "user" ? { 401: problem("Missing, expired or invalid token"), 403: problem("Not allowed") } : {}),
        ...(e.params || e.errors?.includes(404) ? { 404: problem("Not found, or not visible to the caller") } : {}),
        ...(e.method !== "GET" && (e.auth === "user" || e.errors?.includes(409))
          ? { 409: problem("Conflicts with the current state: already exists, or not possible in this state") }
          : {}),
        ...(e.ifMatch ? { 412: problem("Changed elsewhere since it was read") } : {}),
        ...(e.body ? { 413: problem("Body too large"), 415: problem("Body is not JSON") } : {}),
        ...(e.ifMatch === "required" ? { 428: problem("If-Match required") } : {}),
        500: problem("Unexpected error"),
        503: problem("Storage or Microsoft Graph unavailable"),
      },
    };
    (paths[e.path] ??= {})[e.method.toLowerCase()] = op;
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Tandem api",
      version: info.version,
      description: "Reverse mentoring for Microsoft 365: profiles, mentor training, skills, tandems, goals, sessions, check-ins, and a private journal.",
    },
    servers: [{ url: "/api" }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: info.local
            ? "A development token from POST /api/dev/token"
            : "An Entra ID access token for the api's access_as_user scope",
        },
      },
    },
  };
}
