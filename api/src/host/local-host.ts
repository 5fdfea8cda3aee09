import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import azf from "@azure/functions";
import { TandemError } from "@tandem/core";
import type { Route } from "../platform/http";
import { problemResponse } from "../platform/problem";

/**
 * Azure Functions Core Tools cannot be installed offline, so local runs and tests use this small host. It
 * serves the very handlers that functions.ts registers with app.http, under /api, with the same request and
 * response objects.
 */
export interface LocalHostOptions {
  port: number;
  host?: string;
  routes: Route[];
  /** Origins of the tab and add-in dev servers allowed to call (CORS, done by the platform in Azure). */
  corsOrigins?: string[];
  /** Bodies above this never reach a handler. */
  maxBodyBytes: number;
  log?: (line: string) => void;
}

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): Compiled {
  const names: string[] = [];
  const source = route.endpoint.path
    .split("/")
    .map((seg) => {
      const m = /^\{(\w+)\}$/.exec(seg);
      if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(m[1]!);
      return "([^/]+)";
    })
    .join("/");
  return { route, pattern: new RegExp(`^/api${source}/?$`), names };
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return "too-large";
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, init: azf.HttpResponseInit, extra: Record<string, string>) {
  const headers = new Headers(init.headers as HeadersInit | undefined);
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  res.statusCode = init.status ?? 200;
  headers.forEach((v, k) => res.setHeader(k, v));
  res.end(typeof init.body === "string" ? init.body : init.body === undefined ? undefined : JSON.stringify(init.jsonBody ?? init.body));
}

export function startLocalHost(options: LocalHostOptions): Promise<Server> {
  const compiled = options.routes.map(compile);
  const origins = new Set(options.corsOrigins ?? []);

  const server = createServer(async (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    const origin = req.headers.origin;
    const cors: Record<string, string> =
      origin && origins.has(origin)
        ? {
            "access-control-allow-origin": origin,
            "access-control-expose-headers": "ETag, Location, Retry-After",
            vary: "Origin",
          }
        : {};
    try {
      const candidates = compiled.filter((c) => c.pattern.test(url.pathname));
      if (req.method === "OPTIONS" && candidates.length) {
        res.writeHead(204, {
          ...cors,
          "access-control-allow-methods": [...new Set(candidates.map((c) => c.route.endpoint.method))].join(", "),
          "access-control-allow-headers": "Authorization, Content-Type, If-Match, Idempotency-Key",
          "access-control-max-age": "600",
        });
        res.end();
        return;
      }
      const match = candidates.find((c) => c.route.endpoint.method === req.method);
      if (!match) {
        const err = candidates.length
          ? new TandemError("method_not_allowed", `${req.method} is not supported here.`)
          : new TandemError("not_found", "There is no such api route.");
        const allow: Record<string, string> = candidates.length
          ? { allow: candidates.map((c) => c.route.endpoint.method).join(", ") }
          : {};
        send(res, problemResponse(err, url.pathname), { ...cors, ...allow });
        return;
      }
      const body = req.method === "GET" || req.method === "HEAD" ? Buffer.alloc(0) : await readBody(req, options.maxBodyBytes);
      if (body === "too-large") {
        const err = new TandemError("payload_too_large", `The request body is larger than ${Math.floor(options.maxBodyBytes / 1024)} KiB.`);
        send(res, problemResponse(err, url.pathname), { ...cors, connection: "close" });
        req.destroy();
        return;
      }
      const values = match.pattern.exec(url.pathname)!.slice(1);
      const params: Record<string, string> = {};
      for (const [i, n] of match.names.entries()) {
        try {
          params[n] = decodeURIComponent(values[i]!);
        } catch {
          throw new TandemError("validation", `Check path parameter ${n}: it is not well percent-encoded.`, [
            { in: "path", pointer: n, message: "not well percent-encoded" },
          ]);
        }
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      const request = new azf.HttpRequest({
        method: req.method!,
        url: url.toString(),
        headers,
        params,
        query: Object.fromEntries(url.searchParams.entries()),
        ...(body.length ? { body: { bytes: body } } : {}),
      });
      const context = new azf.InvocationContext({
        invocationId: randomUUID(),
        functionName: match.route.endpoint.id,
        logHandler: (level, ...args) => options.log?.(`[${level}] ${args.map(String).join(" ")}`),
      });
      const response = await match.route.handler(request, context);
      send(res, response, cors);
    } catch (e) {
      if (!(e instanceof TandemError)) options.log?.(`local host failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      send(res, problemResponse(e, url.pathname), cors);
    } finally {
      options.log?.(`${req.method} ${url.pathname} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve(server));
  });
}
