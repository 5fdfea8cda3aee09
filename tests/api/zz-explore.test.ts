import { afterAll, beforeAll, it } from "vitest";
import { request } from "node:http";
import { startTestApi, type TestApi } from "../support/test-api";
let api: TestApi;
beforeAll(async () => { api = await startTestApi({ seed: false }); });
afterAll(() => api?.close());

function stream(url: string, total: number, declare: boolean, end: boolean) {
  return new Promise<any>((resolve) => {
    const u = new URL(url);
    let sent = 0; let done = false;
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: { "content-type": "application/json", ...(declare ? { "content-length": String(total) } : {}) } });
    req.on("response", (res) => {
      let body = ""; res.on("data", (c) => (body += c)); res.on("end", () => { done = true; resolve({ status: res.statusCode, body, sent, headers: res.headers }); });
      res.on("error", (e) => resolve({ resErr: String(e), status: res.statusCode, sent }));
    });
    req.on("error", (e) => { if (!done) resolve({ err: String(e), sent }); });
    const chunk = Buffer.alloc(16 * 1024, "a");
    const pump = () => {
      while (sent < total && !done) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) { req.once("drain", pump); return; }
      }
      if (end && sent >= total) req.end();
    };
    pump();
  });
}
it("explore", async () => {
  const out: Record<string, number> = {};
  for (let i = 0; i < 40; i++) {
    const r = await stream(`${api.running.url}/dev/token`, 5 * 1024 * 1024, i % 2 === 0, true);
    const k = r.status ? String(r.status) : r.err;
    out[k] = (out[k] ?? 0) + 1;
  }
  console.log(out);
  const out2: Record<string, number> = {};
  for (let i = 0; i < 40; i++) {
    const r = await stream(`${api.running.url}/dev/token`, 70 * 1024, true, true);
    const k = r.status ? String(r.status) : r.err;
    out2[k] = (out2[k] ?? 0) + 1;
  }
  console.log(out2);
});
