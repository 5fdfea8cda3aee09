import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/azurite";

const root = resolve(import.meta.dirname, "../..");

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** What `npm start` runs, in its own process group so that a "Ctrl-C" reaches all of it, as in a terminal. */
async function npmStart(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, ...env },
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on("exit", r));
  // Generous: on a busy two-core machine Azurite, the simulator, the seed and the sync take their time.
  const deadline = Date.now() + 180_000;
  while (!out.includes("Press Ctrl-C to stop.")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out, exited };
}

const ctrlC = (s: Started) => process.kill(-s.child.pid!, "SIGINT");

describe("npm start", () => {
  let dir: string;
  let running: Started | undefined;
  afterAll(async () => {
    if (running && running.child.exitCode === null) ctrlC(running);
    await running?.exited;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("runs the product offline, prints where to open it, and keeps data across Ctrl-C and restart", async () => {
    dir = await mkdtemp(join(tmpdir(), "tandem-start-"));
    const apiPort = await freePort();
    const graphPort = await freePort();
    const env = { API_PORT: String(apiPort), AZURITE_PORT: String(await freePort()), AZURITE_QUEUE_PORT: String(await freePort()), GRAPH_PORT: String(graphPort), TANDEM_DATA_DIR: dir };
    const base = `http://localhost:${apiPort}/api`;

    running = await npmStart(env);
    const first = running.output();
    for (const url of [`${base}/health`, `${base}/openapi.json`, `${base}/dev/personas`, `http://localhost:${graphPort}/v1.0`]) {
      expect(first).toContain(url);
    }
    expect(first).toMatch(/Personas to try/);
    expect(first).toMatch(/Directory: 71 people synced from Microsoft Graph \(the simulator\)/);
    expect((await fetch(`${base}/health`)).status).toBe(200);

    const personas = (await (await fetch(`${base}/dev/personas`)).json()) as { items: { id: string; roles: string[] }[] };
    const mentee = personas.items.find((p) => p.roles.includes("mentee"))!;
    const { token } = (await (
      await fetch(`${base}/dev/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ personaId: mentee.id }),
      })
    ).json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    // Booking reaches the Graph simulator, which trusts the api's development tokens.
    const tandems = (await (await fetch(`${base}/tandems`, { headers: auth })).json()) as { items: { id: string; status: string }[] };
    const bookable = tandems.items.find((t) => t.status === "active" || t.status === "accepted")!;
    expect(bookable).toBeDefined();
    const suggestions = await fetch(`${base}/tandems/${bookable.id}/suggestions`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ days: 14 }),
    });
    expect(suggestions.status).toBe(200);
    expect(((await suggestions.json()) as { slots: unknown[] }).slots.length).toBeGreaterThan(0);
    const me = (await (await fetch(`${base}/me`, { headers: auth })).json()) as { profile: Record<string, unknown> & { etag: string } };
    const { id: _i, displayName: _d, trainingCompleted: _t, createdAt: _c, updatedAt: _u, etag, ...input } = me.profile;
    const changed = { ...input, paused: true, languages: ["fr", "en"] };
    const put = await fetch(`${base}/me/profile`, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json", "if-match": etag },
      body: JSON.stringify(changed),
    });
    expect(put.status).toBe(200);

    // Someone changes manager in Entra ID (the simulator) while Tandem is stopped: the next start's sync reads it.
    const mathieu = "8d797ac3-bd06-49c6-84d1-f4e5f6064567";
    const aurelie = "10f8c7fe-7d9b-4afe-9a10-57de0d81fdf0";
    const moved = await fetch(`http://localhost:${graphPort}/_simulator/directory/users/${mathieu}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ managerId: aurelie }),
    });
    expect(moved.status).toBe(200);

    ctrlC(running);
    expect(await running.exited).toBe(0);
    expect(running.output()).toMatch(/Stopped\./);
    await expect(fetch(`${base}/health`)).rejects.toThrow();

    running = await npmStart(env);
    expect(running.output()).toMatch(/\(0 items created, \d+ already there\)/);
    const again = (await (await fetch(`${base}/me`, { headers: auth })).json()) as { profile: { paused: boolean; languages: string[] } };
    expect(again.profile).toMatchObject({ paused: true, languages: ["fr", "en"] });
    expect(running.output()).toMatch(/Directory: 71 people synced/);
    const { token: aurelieToken } = (await (
      await fetch(`${base}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personaId: aurelie }) })
    ).json()) as { token: string };
    const team = (await (await fetch(`${base}/reports/team`, { headers: { authorization: `Bearer ${aurelieToken}` } })).json()) as {
      people: { personId: string }[];
    };
    expect(team.people.map((r) => r.personId)).toContain(mathieu);

    ctrlC(running);
    expect(await running.exited).toBe(0);
  }, 480_000);
});
