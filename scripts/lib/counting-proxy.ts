import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { freePort } from "./azurite";

/** A storage call as it was sent: enough to send it again, signature included. */
export interface RecordedCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface CountingProxy {
  port: number;
  /** Requests forwarded since the last reset: the storage calls of whatever talks through the proxy. */
  count(): number;
  /** Entities in the answers since the last reset: the rows those calls read. */
  rows(): number;
  /** The calls forwarded since the last reset, when started with `record`. */
  recorded(): RecordedCall[];
  reset(): void;
  close(): void;
}

/** Forwards to Azurite and counts the requests, and the entities its answers carry; with `record`, keeps them. */
export async function countingProxy(target: number, options: { record?: boolean } = {}): Promise<CountingProxy> {
  let n = 0;
  let rows = 0;
  let calls: RecordedCall[] = [];
  const server: Server = createServer((req, res) => {
    n++;
    const upstream = request({ host: "127.0.0.1", port: target, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => (rows += Buffer.concat(chunks).toString("utf8").split('"RowKey":').length - 1));
      r.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    if (options.record) {
      const body: Buffer[] = [];
      req.on("data", (c: Buffer) => body.push(c));
      req.on("end", () => calls.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(body) }));
    }
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    port,
    count: () => n,
    rows: () => rows,
    recorded: () => calls,
    reset: () => ((n = 0), (rows = 0), (calls = [])),
    close: () => server.close(),
  };
}
