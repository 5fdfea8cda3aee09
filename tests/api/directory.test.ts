import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoPerson, DirectorySyncStatus } from "@tandem/core";
import { TableClient } from "@azure/data-tables";
import { TREE_DEPTH, createTableDirectory, personPartition, teamPartitions } from "../../api/src/adapters/tables/directory";
import { developmentAppTokens, graphDirectorySource } from "../../api/src/adapters/graph/directory-source";
import { directorySync } from "../../api/src/features/directory/sync";
import { startTestApi, type TestApi } from "../support/test-api";

/**
 * The organisation reaches Tandem from Graph's user delta query, as in a real tenant: the Graph simulator serves
 * the demo organisation and its changes, the api syncs them into storage, and request paths read only storage.
 * Pages of 10 people, so that the demo's 71 make several pages.
 */
let api: TestApi;
const PAGE = 10;

beforeAll(async () => {
  api = await startTestApi({ graph: true, simulator: { deltaPageSize: PAGE } });
});
afterAll(async () => api?.close());

const sim = () => api.graph!.sim;
const people = () => api.org.people;
const byId = (id: string) => people().find((p) => p.id === id)!;
const coordinator = () => people().find((p) => p.coordinator)!;
const reportsOf = (id: string) => people().filter((p) => p.managerId === id);
const everyoneBelow = (id: string): DemoPerson[] => reportsOf(id).flatMap((p) => [p, ...everyoneBelow(p.id)]);
const deltaRequests = () => sim().requests.count("GET", /^\/users\/(microsoft\.graph\.)?delta/);

/** A manager whose direct reports manage nobody, and who is not at the top. */
function teamLead(): DemoPerson {
  return people().find((p) => p.managerId && reportsOf(p.id).length >= 2 && reportsOf(p.id).every((r) => reportsOf(r.id).length === 0))!;
}

async function syncNow(): Promise<DirectorySyncStatus> {
  const token = await api.token(coordinator().id);
  const started = await api.call("POST", "/directory/sync", { token });
  expect(started.status).toBe(202);
  expect(started.headers.get("location")).toBe("/api/directory/sync");
  for (let i = 0; i < 200; i++) {
    const r = await api.call("GET", "/directory/sync", { token });
    expect(r.status).toBe(200);
    if (r.json.status !== "running") return r.json as DirectorySyncStatus;
    await new Promise((x) => setTimeout(x, 50));
  }
  throw new Error("the sync did not finish");
}

async function teamNames(managerId: string, tenantId = api.org.tenantId): Promise<string[]> {
  const token = await api.token({ tenantId, userId: managerId });
  const r = await api.call("GET", "/reports/team", { token });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return (r.json.people as { displayName: string }[]).map((x) => x.displayName).sort();
}

describe("the directory sync from Microsoft Graph", () => {
  it("has read the whole organisation at start-up, page by page, and serves managers their teams from it", async () => {
    const r = await api.call("GET", "/directory/sync", { token: await api.token(coordinator().id) });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: "done", full: true, people: people().length, error: null });
    expect(r.json.progress.pages).toBe(Math.ceil(people().length / PAGE));

    const ceo = people().find((p) => p.managerId === null)!;
    expect((await teamNames(ceo.id)).length).toBe(people().length - 1);
    const lead = teamLead();
    expect(await teamNames(lead.id)).toEqual(reportsOf(lead.id).map((p) => p.displayName).sort());
    const member = reportsOf(lead.id)[0]!;
    const chain: string[] = [];
    for (let m = member.managerId; m; m = byId(m).managerId) chain.push(m);
    expect(await api.running.app.directory.managerChainOf(api.org.tenantId, member.id)).toEqual(chain);
  });

  it("spreads the organisation over partitions and still finds each person with one read, and each team whole", async () => {
    const { storage, tablePrefix } = api.running.app.config;
    if (!("connectionString" in storage)) throw new Error("these tests run on Azurite");
    const raw = (table: string) => TableClient.fromConnectionString(storage.connectionString, `${tablePrefix}${table}`, { allowInsecureConnection: true });
    const t = api.org.tenantId;
    const partitions = new Set<string>();
    for await (const r of raw("Directory").listEntities({ queryOptions: { select: ["PartitionKey"] } })) if (r.partitionKey!.startsWith(`${t}|`)) partitions.add(r.partitionKey!);
    expect(partitions.size).toBeGreaterThan(8);
    for (const p of people()) {
      expect(await api.running.app.directory.person(t, p.id), p.displayName).toMatchObject({ id: p.id, displayName: p.displayName });
      expect((await raw("Directory").getEntity(personPartition(t, p.id), p.id)).rowKey).toBe(p.id);
    }

    // A manager near the top: their team lies in several of the tree's partitions, read in parallel, in path order.
    const top = people().find((p) => p.managerId === null)!;
    const high = reportsOf(top.id).find((p) => reportsOf(p.id).length > 0)!;
    const highTeam = (await api.running.app.directory.teamOf(t, high.id))!;
    expect(highTeam.path.split("|").length).toBeLessThan(TREE_DEPTH);
    expect(new Set(highTeam.reports.map((r) => r.path.split("|").slice(0, TREE_DEPTH).join("|"))).size).toBeGreaterThan(1);
    expect(highTeam.reports.map((r) => r.person.id).sort()).toEqual(everyoneBelow(high.id).map((p) => p.id).sort());
    expect(highTeam.reports.map((r) => r.path)).toEqual(highTeam.reports.map((r) => r.path).sort());
  });

  it("lets only coordinators start it or see it", async () => {
    const someone = people().find((p) => !p.coordinator)!;
    const token = await api.token(someone.id);
    for (const [method, status] of [["POST", 403], ["GET", 403]] as const) {
      const r = await api.call(method, "/directory/sync", { token });
      expect(r.status).toBe(status);
      expect(r.headers.get("content-type")).toMatch(/application\/problem\+json/);
    }
    expect((await api.call("POST", "/directory/sync")).status).toBe(401);
  });

  it("reads only what changed since the last sync: a new hire, a leaver and a manager change show in Tandem", async () => {
    const lead = teamLead();
    const [stays, leaves] = reportsOf(lead.id);
    const elsewhere = people().find((p) => p.managerId && p.managerId !== lead.id && reportsOf(p.id).length > 0 && p.id !== lead.id)!;
    const hire = sim().directory.add({ displayName: "Zoé Nouvelle", mail: "zoe.nouvelle@brisemer.example", managerId: lead.id, department: "Marketing" });
    sim().directory.remove(leaves!.id, { permanent: true });
    sim().directory.update(stays!.id, { managerId: elsewhere.id });
    sim().requests.reset();

    const result = await syncNow();
    expect(result).toMatchObject({ status: "done", full: false, progress: { pages: 1, changed: 2, removed: 1 }, people: people().length });
    expect(deltaRequests()).toBe(1);

    const team = await teamNames(lead.id);
    expect(team).toContain("Zoé Nouvelle");
    expect(team).not.toContain(leaves!.displayName);
    expect(team).not.toContain(stays!.displayName);
    expect(await teamNames(elsewhere.id)).toContain(stays!.displayName);
    expect(await api.running.app.directory.person(api.org.tenantId, leaves!.id)).toBeNull();
    expect(await api.running.app.directory.managerChainOf(api.org.tenantId, hire.id)).toEqual(
      [lead.id, ...(await api.running.app.directory.managerChainOf(api.org.tenantId, lead.id))],
    );
  });

  it("makes a newcomer a manager in Tandem once their team moves under them in Entra ID", async () => {
    const lead = teamLead();
    const newcomer = sim().directory.add({ displayName: "Nadia Benali", mail: "nadia.benali@brisemer.example", managerId: lead.managerId });
    const token = await api.token({ tenantId: api.org.tenantId, userId: newcomer.id });
    expect((await api.call("GET", "/reports/team", { token })).status).toBe(403);

    const moved = reportsOf(lead.id).filter((p) => sim().directory.find(p.id)?.managerId === lead.id);
    for (const p of moved) sim().directory.update(p.id, { managerId: newcomer.id });
    await syncNow();

    expect(await teamNames(newcomer.id)).toEqual(expect.arrayContaining(moved.map((p) => p.displayName)));
    const me = await api.call("GET", "/me", { token });
    expect(me.json.roles).toContain("manager");
    expect(me.json.directory).toMatchObject({ displayName: "Nadia Benali", mail: "nadia.benali@brisemer.example" });
  });

  it("keeps bad rows and reports them: a cycle of managers, a manager outside the tenant, a user without mail", async () => {
    const a = sim().directory.add({ displayName: "Cycle A", mail: "cycle.a@brisemer.example" });
    const b = sim().directory.add({ displayName: "Cycle B", mail: "cycle.b@brisemer.example", managerId: a.id });
    sim().directory.update(a.id, { managerId: b.id });
    const orphan = sim().directory.add({ displayName: "Orphan", mail: "orphan@brisemer.example", managerId: randomUUID() });
    const noMail = sim().directory.add({ displayName: "Room 4.12", mail: null, managerId: teamLead().id });

    const result = await syncNow();
    expect(result.status).toBe("done");
    const kinds = result.problems.map((p) => `${p.kind}:${p.personId}`);
    expect(kinds).toContain(`manager_cycle:${[a.id, b.id].sort()[0]}`);
    expect(kinds).toContain(`manager_outside_directory:${orphan.id}`);
    expect(kinds).toContain(`no_mail:${noMail.id}`);
    expect(await api.running.app.directory.person(api.org.tenantId, noMail.id)).toMatchObject({ displayName: "Room 4.12", mail: null });
    // Cut at its smallest id: the other one reports to it, and nobody loops.
    const [top, below] = [a.id, b.id].sort() as [string, string];
    expect(await api.running.app.directory.managerChainOf(api.org.tenantId, below)).toEqual([top]);
    expect(await teamNames(top)).toEqual([below === a.id ? "Cycle A" : "Cycle B"]);
  });

  it("honours Graph's throttling (429 with Retry-After) and reads everything again when its delta link has expired", async () => {
    const late = sim().directory.add({ displayName: "Late Hire", mail: "late.hire@brisemer.example", managerId: teamLead().id });
    sim().faults.inject({ pathPattern: "^/users/delta", status: 429, retryAfterSeconds: 1, times: 2 });
    sim().requests.reset();
    const throttled = await syncNow();
    expect(throttled).toMatchObject({ status: "done", full: false });
    expect(deltaRequests()).toBe(3);
    expect(await teamNames(teamLead().id)).toContain("Late Hire");

    // Its leaving is never told as a change: only a whole read can show that the late hire is gone.
    sim().directory.expireDeltaTokens();
    sim().directory.remove(late.id, { permanent: true });
    const resynced = await syncNow();
    expect(resynced).toMatchObject({ status: "done", full: true });
    expect(await api.running.app.directory.person(api.org.tenantId, late.id)).toBeNull();
    expect(await teamNames(teamLead().id)).not.toContain("Late Hire");
  });

  it("resumes from the page that failed, without reading the pages before it again", async () => {
    // Another tenant's tables, the same simulator: a first sync that Graph fails on its third page.
    const prefix = `r${randomUUID().slice(0, 8)}`;
    const config = api.running.app.config;
    if (!("connectionString" in config.storage)) throw new Error("these tests run on Azurite");
    const target = { connectionString: config.storage.connectionString };
    const store = createTableDirectory(target, prefix);
    await store.ensureTable();
    const graph = graphDirectorySource({
      baseUrl: sim().url,
      retry: { maxRetries: 2, maxDelaySeconds: 1 },
      tokenFor: developmentAppTokens((c) => api.running.app.devIssuer!.signApp(c)),
    });
    let pagesRead = 0;
    const source: typeof graph = {
      async read(tenantId, link, whole) {
        if (++pagesRead === 3) sim().faults.inject({ pathPattern: "^/users/delta", status: 503, retryAfterSeconds: 0, times: 3 });
        return graph.read(tenantId, link, whole);
      },
    };
    const sync = directorySync({ store, source, clock: { now: () => new Date().toISOString() }, ids: { next: () => randomUUID() }, warn: () => {} });
    const t = api.org.tenantId;

    const failed = await sync.sync(t, "timer");
    expect(failed).toMatchObject({ status: "failed", phase: "reading", progress: { pages: 2 } });
    expect(failed!.error).toMatch(/Microsoft Graph/);
    expect(failed!.link).toMatch(/skiptoken/);

    sim().faults.clear();
    const expected = (await syncNow()).people!;
    sim().requests.reset();
    const resumed = await sync.sync(t, "timer");
    expect(resumed).toMatchObject({ status: "done", full: true, people: expected });
    expect(deltaRequests()).toBe(Math.ceil(expected / PAGE) - 2);

    // A state written before the directory was spread over partitions: the next sync reads everyone again.
    const state = TableClient.fromConnectionString(target.connectionString, `${prefix}Directory`, { allowInsecureConnection: true });
    const { d } = await state.getEntity<{ d: string }>(`${t}|sync`, "state");
    await state.upsertEntity({ partitionKey: `${t}|sync`, rowKey: "state", d }, "Replace");
    const relaid = await sync.sync(t, "timer");
    expect(relaid).toMatchObject({ status: "done", full: true, people: expected });
  });

  it("keeps a team deep in the tree in one partition, and moves it whole across partitions when its manager moves", async () => {
    const t = api.org.tenantId;
    const directory = api.running.app.directory;
    // A chain deeper than the tree's partition depth, below a team lead: its middle manager's team is one partition.
    const chain: { id: string; displayName: string }[] = [teamLead()];
    while (chain.length < TREE_DEPTH + 2) {
      const n = chain.length;
      chain.push(sim().directory.add({ displayName: `Deep ${n}`, mail: `deep.${n}@brisemer.example`, managerId: chain.at(-1)!.id }));
    }
    const extra = sim().directory.add({ displayName: "Deep Sibling", mail: "deep.sibling@brisemer.example", managerId: chain.at(-2)!.id });
    await syncNow();
    const manager = chain.at(-3)!;
    const before = (await directory.teamOf(t, manager.id))!;
    expect(before.path.split("|").length).toBeGreaterThanOrEqual(TREE_DEPTH);
    expect(teamPartitions(t, before.path)).toHaveLength(1);
    expect(before.reports.map((r) => r.person.displayName).sort()).toEqual(["Deep Sibling", chain.at(-2)!.displayName, chain.at(-1)!.displayName].sort());

    // Moved to the top: their team's tree rows change partition, none is left behind in the old one.
    sim().directory.update(manager.id, { managerId: null });
    await syncNow();
    const after = (await directory.teamOf(t, manager.id))!;
    expect(after.path.split("|")).toHaveLength(1);
    expect(after.reports.map((r) => r.person.displayName).sort()).toEqual(before.reports.map((r) => r.person.displayName).sort());
    expect(await directory.managerChainOf(t, extra.id)).toEqual([chain.at(-2)!.id, manager.id]);
    const lead = (await directory.teamOf(t, teamLead().id))!;
    expect(lead.reports.map((r) => r.person.id)).not.toContain(extra.id);
  });
});
