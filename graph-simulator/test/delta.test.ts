import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphSimulatorOptions } from "../src/index";
import { org, startTestSimulator, type Reply, type TestSimulator } from "./support";

const SELECT = "displayName,mail,jobTitle,accountEnabled,manager";
const ceo = org.people.find((p) => p.managerId === null)!;
/** A manager with a few reports who is not the CEO. */
const middle = org.people.find((p) => p.managerId === ceo.id && org.people.filter((q) => q.managerId === p.id).length >= 2)!;
const middleReports = org.people.filter((p) => p.managerId === middle.id);
const someone = org.people.find((p) => p.managerId === middle.id)!;
const other = org.people.find((p) => p.managerId !== null && p.managerId !== middle.id && p.id !== middle.id && p.managerId !== ceo.id)!;

interface Round {
  pages: Reply[];
  items: any[];
  deltaLink: string;
}

/** Follows nextLinks from `first` (a path, or a link the simulator gave) until a deltaLink, as a sync client does. */
async function round(t: TestSimulator, first: string, token?: string): Promise<Round> {
  const app = token ?? (await t.appToken(["User.Read.All"]));
  const pages: Reply[] = [];
  let next: string | undefined = first;
  while (next) {
    const r = await t.call(app, "GET", next.startsWith("http") ? next.slice(t.sim.url.length) : next);
    if (r.status !== 200) throw new Error(`${next}: ${r.status} ${JSON.stringify(r.json)}`);
    pages.push(r);
    if (pages.length > 10_000) throw new Error("the round does not end");
    next = r.json["@odata.nextLink"];
    if (!next) {
      expect(r.json["@odata.deltaLink"]).toMatch(/\/users\/delta\?\$deltatoken=[^&]+$/);
      return { pages, items: pages.flatMap((p) => p.json.value), deltaLink: r.json["@odata.deltaLink"] };
    }
    expect(r.json).not.toHaveProperty("@odata.deltaLink");
  }
  throw new Error("unreachable");
}

const byId = (items: any[]) => new Map(items.map((u) => [u.id, u]));

async function simulator(options: Partial<GraphSimulatorOptions> = {}) {
  return startTestSimulator({ deltaPageSize: 10, ...options });
}

describe("a full round", () => {
  let t: TestSimulator;
  beforeAll(async () => {
    t = await simulator();
  });
  afterAll(() => t.stop());

  it("pages through every user with nextLinks carrying only a $skiptoken, and ends with a deltaLink", async () => {
    const r = await round(t, `/users/delta?$select=${SELECT}`);
    expect(r.pages).toHaveLength(Math.ceil(org.people.length / 10));
    expect(r.pages.slice(0, -1).every((p) => p.json.value.length === 10)).toBe(true);
    for (const p of r.pages.slice(0, -1)) expect(p.json["@odata.nextLink"]).toMatch(new RegExp(`^${t.sim.url}/users/delta\\?\\$skiptoken=[^&]+$`));
    expect(r.items.map((u) => u.id).sort()).toEqual(org.people.map((p) => p.id).sort());

    // The initial request's $select shows in the first page's context; the tokens carry it to the later pages.
    expect(r.pages[0]!.json["@odata.context"]).toBe(`${t.sim.url}/$metadata#users(${SELECT})`);
    expect(r.pages[1]!.json["@odata.context"]).toBe(`${t.sim.url}/$metadata#users`);
    const items = byId(r.items);
    const p = items.get(someone.id);
    expect(p).toEqual({
      displayName: someone.displayName,
      mail: someone.mail,
      jobTitle: someone.jobTitle,
      accountEnabled: true,
      id: someone.id,
      "manager@delta": [{ "@odata.type": "#microsoft.graph.user", id: middle.id }],
    });
    expect(Object.keys(p).at(-2)).toBe("id");
    expect(items.get(ceo.id)).not.toHaveProperty("manager@delta");
  });

  it("gives Graph's default properties without $select, null ones left out", async () => {
    const r = await round(t, "/users/microsoft.graph.delta()");
    const u = byId(r.items).get(someone.id);
    expect(Object.keys(u).sort()).toEqual(
      ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"].sort(),
    );
    expect(u).not.toHaveProperty("mobilePhone");
    expect(r.pages[0]!.json["@odata.context"]).toBe(`${t.sim.url}/$metadata#users`);
  });

  it("answers a deltaLink with nothing when nothing changed, and a new deltaLink", async () => {
    const first = await round(t, `/users/delta?$select=${SELECT}`);
    const again = await round(t, first.deltaLink);
    expect(again.pages).toHaveLength(1);
    expect(again.items).toEqual([]);
  });

  it("ignores $top, which users/delta does not support", async () => {
    const r = await t.call(await t.appToken(["User.Read.All"]), "GET", "/users/delta?$select=id&$top=3");
    expect(r.json.value).toHaveLength(10);
  });
});

describe("a round from a deltaLink", () => {
  let t: TestSimulator;
  beforeAll(async () => {
    t = await simulator();
  });
  afterAll(() => t.stop());

  it("gives the hire, the leaver, the move, the new title and the disabled account, and only them", async () => {
    const first = await round(t, `/users/delta?$select=${SELECT}`);
    const hire = t.sim.directory.add({ displayName: "Nadia Haddad", mail: "nadia.haddad@brisemer.example", jobTitle: "Analyste", managerId: middle.id });
    const leaver = org.people.find((p) => p.managerId === other.managerId && p.id !== other.id && !org.people.some((q) => q.managerId === p.id))!;
    t.sim.directory.remove(leaver.id);
    t.sim.directory.update(someone.id, { managerId: other.id });
    t.sim.directory.update(other.id, { jobTitle: "Head of Everything" });
    const disabled = middleReports.find((p) => p.id !== someone.id)!;
    t.sim.directory.update(disabled.id, { accountEnabled: false });
    // Not selected: not tracked, so not in the round.
    const untracked = org.people.find((p) => ![leaver.id, someone.id, other.id, disabled.id].includes(p.id))!;
    t.sim.directory.update(untracked.id, { officeLocation: "Lyon" });

    const next = await round(t, first.deltaLink);
    const items = byId(next.items);
    expect([...items.keys()].sort()).toEqual([hire.id, leaver.id, someone.id, other.id, disabled.id].sort());
    expect(items.get(hire.id)).toEqual({
      displayName: "Nadia Haddad",
      mail: "nadia.haddad@brisemer.example",
      jobTitle: "Analyste",
      accountEnabled: true,
      id: hire.id,
      "manager@delta": [{ "@odata.type": "#microsoft.graph.user", id: middle.id }],
    });
    // Entra soft-deletes: the user can be restored, so the reason is "changed".
    expect(items.get(leaver.id)).toEqual({ id: leaver.id, "@removed": { reason: "changed" } });
    expect(items.get(someone.id)["manager@delta"]).toEqual([{ "@odata.type": "#microsoft.graph.user", id: other.id }]);
    expect(items.get(someone.id)).toMatchObject({ displayName: someone.displayName, jobTitle: someone.jobTitle });
    expect(items.get(other.id)).toMatchObject({ jobTitle: "Head of Everything", displayName: other.displayName });
    expect(items.get(other.id)).not.toHaveProperty("manager@delta");
    expect(items.get(disabled.id)).toMatchObject({ accountEnabled: false });

    const after = await round(t, next.deltaLink);
    expect(after.items).toEqual([]);
    // The old deltaLink still works (within its seven days) and gives the same changes again.
    expect(byId((await round(t, first.deltaLink)).items).size).toBe(5);
  });

  it("with Prefer: return=minimal, gives only what changed", async () => {
    const first = await round(t, `/users/delta?$select=${SELECT}`);
    t.sim.directory.update(middle.id, { jobTitle: "Directrice des opérations" });
    const app = await t.appToken(["User.Read.All"]);
    const r = await t.call(app, "GET", first.deltaLink.slice(t.sim.url.length), undefined, { Prefer: "return=minimal" });
    expect(r.json.value).toEqual([{ jobTitle: "Directrice des opérations", id: middle.id }]);
  });

  it("says when a property was emptied, and leaves out one that never had a value", async () => {
    const first = await round(t, `/users/delta?$select=${SELECT}`);
    const noMail = t.sim.directory.add({ displayName: "Sans Courriel", managerId: middle.id });
    t.sim.directory.update(other.id, { jobTitle: null });
    const next = byId((await round(t, first.deltaLink)).items);
    expect(next.get(noMail.id)).not.toHaveProperty("mail");
    expect(next.get(noMail.id)).not.toHaveProperty("jobTitle");
    expect(next.get(other.id)).toMatchObject({ jobTitle: null });
  });

  it("says a permanently deleted user is deleted, and forgets a user who came and went within the round", async () => {
    const first = await round(t, "/users/delta?$select=displayName");
    const gone = org.people.find((p) => p.managerId !== null && t.sim.directory.find(p.id) && !org.people.some((q) => q.managerId === p.id))!;
    t.sim.directory.remove(gone.id, { permanent: true });
    const brief = t.sim.directory.add({ displayName: "Short Stay" });
    t.sim.directory.remove(brief.id);
    const next = await round(t, first.deltaLink);
    expect(next.items).toEqual([{ id: gone.id, "@removed": { reason: "deleted" } }]);
  });

  it("pages a round of many changes, each user once", async () => {
    const first = await round(t, "/users/delta?$select=displayName");
    const hires = Array.from({ length: 35 }, (_, i) => t.sim.directory.add({ displayName: `Intern ${i}` }));
    for (const h of hires.slice(0, 10)) t.sim.directory.update(h.id, { displayName: `${h.displayName} (renamed)` });
    const next = await round(t, first.deltaLink);
    expect(next.pages).toHaveLength(4);
    expect(next.items.map((u) => u.id).sort()).toEqual(hires.map((h) => h.id).sort());
    expect(byId(next.items).get(hires[0]!.id).displayName).toBe("Intern 0 (renamed)");
  });
});

describe("manager@delta", () => {
  let t: TestSimulator;
  beforeAll(async () => {
    t = await simulator();
  });
  afterAll(() => t.stop());

  it("names the new manager, or the old one as removed, and only when the manager is selected", async () => {
    const withManager = await round(t, "/users/delta?$select=displayName,manager");
    const withoutManager = await round(t, "/users/delta?$select=displayName");
    t.sim.directory.update(someone.id, { managerId: ceo.id });
    const cleared = middleReports.find((p) => p.id !== someone.id)!;
    t.sim.directory.update(cleared.id, { managerId: null });

    const items = byId((await round(t, withManager.deltaLink)).items);
    expect(items.get(someone.id)).toEqual({ displayName: someone.displayName, id: someone.id, "manager@delta": [{ "@odata.type": "#microsoft.graph.user", id: ceo.id }] });
    expect(items.get(cleared.id)["manager@delta"]).toEqual([{ "@odata.type": "#microsoft.graph.user", id: middle.id, "@removed": { reason: "deleted" } }]);
    // A manager change alone does not change a user whose manager is not tracked.
    expect((await round(t, withoutManager.deltaLink)).items).toEqual([]);
  });

  it("takes the manager away from the reports of a manager who leaves", async () => {
    await t.stop();
    t = await simulator();
    const before = await round(t, "/users/delta?$select=displayName,manager");
    const reports = org.people.filter((p) => p.managerId === middle.id && t.sim.directory.find(p.id)?.managerId === middle.id);
    expect(reports.length).toBeGreaterThan(0);
    t.sim.directory.remove(middle.id);
    const items = byId((await round(t, before.deltaLink)).items);
    expect(items.get(middle.id)).toEqual({ id: middle.id, "@removed": { reason: "changed" } });
    for (const r of reports) {
      expect(items.get(r.id)["manager@delta"]).toEqual([{ "@odata.type": "#microsoft.graph.user", id: middle.id, "@removed": { reason: "deleted" } }]);
    }
    const app = await t.appToken(["User.Read.All"]);
    expect((await t.call(app, "GET", `/users/${reports[0]!.id}/manager`)).status).toBe(404);
    // Restored, the user comes back whole (no annotation); their former reports keep no manager.
    t.sim.directory.restore(middle.id);
    const restored = byId((await round(t, before.deltaLink)).items);
    expect(restored.get(middle.id)).toMatchObject({ displayName: middle.displayName, id: middle.id });
    expect(restored.get(middle.id)).not.toHaveProperty("@removed");
  });
});

describe("tokens it cannot honour", () => {
  let t: TestSimulator;
  beforeAll(async () => {
    t = await simulator();
  });
  afterAll(() => t.stop());

  const SYNC_STATE_NOT_FOUND = {
    code: "syncStateNotFound",
    message: "The sync state generation is not found. The delta token is expired and data must be synchronized again.",
  };

  it("answers a garbage or edited token with 400 syncStateNotFound", async () => {
    const app = await t.appToken(["User.Read.All"]);
    const r = await round(t, "/users/delta?$select=displayName");
    const token = new URL(r.deltaLink).searchParams.get("$deltatoken")!;
    const [payload, tag] = token.split(".");
    const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), t: 0 })).toString("base64url");
    for (const bad of ["garbage", `${edited}.${tag}`, `${payload}.AAAA`]) {
      const x = await t.call(app, "GET", `/users/delta?$deltatoken=${encodeURIComponent(bad)}`);
      expect(x.status, bad).toBe(400);
      expect(x.json.error).toMatchObject(SYNC_STATE_NOT_FOUND);
    }
    const skip = await t.call(app, "GET", "/users/delta?$skiptoken=not-a-token");
    expect(skip.json.error.code).toBe("syncStateNotFound");
    // A skiptoken is not a deltatoken.
    const first = await t.call(app, "GET", "/users/delta?$select=displayName");
    const skiptoken = new URL(first.json["@odata.nextLink"]).searchParams.get("$skiptoken")!;
    expect((await t.call(app, "GET", `/users/delta?$deltatoken=${skiptoken}`)).json.error.code).toBe("syncStateNotFound");
  });

  it("refuses every token issued before expireDeltaTokens, deltaLinks and nextLinks alike; a new round works", async () => {
    const app = await t.appToken(["User.Read.All"]);
    const done = await round(t, "/users/delta?$select=displayName");
    const midway = (await t.call(app, "GET", "/users/delta?$select=displayName")).json["@odata.nextLink"] as string;
    const expired = await t.control("POST", "directory/expire-delta-tokens");
    expect(expired.status).toBe(200);
    for (const link of [done.deltaLink, midway]) {
      const r = await t.call(app, "GET", link.slice(t.sim.url.length));
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject(SYNC_STATE_NOT_FOUND);
    }
    expect((await round(t, "/users/delta?$select=displayName")).items).toHaveLength(org.people.length);
  });

  it("can instead answer 410 Gone with a Location to start again from (a synchronisation reset)", async () => {
    const app = await t.appToken(["User.Read.All"]);
    const done = await round(t, "/users/delta?$select=displayName,mail");
    t.sim.directory.expireDeltaTokens({ reset: true });
    const r = await t.call(app, "GET", done.deltaLink.slice(t.sim.url.length));
    expect(r.status).toBe(410);
    expect(r.json.error.code).toBe("resyncRequired");
    const location = r.headers.get("location")!;
    expect(location).toBe(`${t.sim.url}/users/delta?$select=displayName%2Cmail&$deltatoken=`);
    const again = await round(t, location);
    expect(again.items).toHaveLength(org.people.length);
    expect(again.pages[0]!.json.value[0]).toHaveProperty("mail");
  });

  it("refuses a token from another run of the simulator", async () => {
    const elsewhere = await simulator();
    try {
      const theirs = await round(elsewhere, "/users/delta?$select=displayName");
      const r = await t.call(await t.appToken(["User.Read.All"]), "GET", theirs.deltaLink.slice(elsewhere.sim.url.length));
      expect(r.json.error.code).toBe("syncStateNotFound");
    } finally {
      await elsewhere.stop();
    }
  });
});

describe("query options", () => {
  let t: TestSimulator;
  beforeAll(async () => {
    t = await simulator();
  });
  afterAll(() => t.stop());

  it("takes $select names in any case, and refuses an unknown one as /users does", async () => {
    const app = await t.appToken(["User.Read.All"]);
    const r = await t.call(app, "GET", "/users/delta?$select=DisplayName,MAIL,Manager");
    expect(r.status).toBe(200);
    const u = r.json.value.find((x: { id: string }) => x.id === someone.id);
    expect(Object.keys(u)).toEqual(["displayName", "mail", "id", "manager@delta"]);
    for (const path of ["/users/delta?$select=displayName,shoeSize", "/users?$select=displayName,shoeSize"]) {
      const bad = await t.call(app, "GET", path);
      expect(bad.status, path).toBe(400);
      expect(bad.json.error).toMatchObject({ code: "Request_BadRequest", message: "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'." });
    }
  });

  it("keeps the initial request's options in its links and refuses new ones on them", async () => {
    const app = await t.appToken(["User.Read.All"]);
    const first = await t.call(app, "GET", "/users/delta?$select=displayName");
    const next = first.json["@odata.nextLink"] as string;
    expect(next).not.toMatch(/select/i);
    const page2 = await t.call(app, "GET", next.slice(t.sim.url.length));
    expect(Object.keys(page2.json.value[0])).toEqual(["displayName", "id"]);
    const changed = await t.call(app, "GET", `${next.slice(t.sim.url.length)}&$select=mail`);
    expect(changed.status).toBe(400);
    expect((await t.call(app, "GET", "/users/delta?$expand=manager")).status).toBe(400);
  });

  it("tracks only the users a $filter on ids names", async () => {
    const app = await t.appToken(["User.Read.All"]);
    const filter = `id eq '${someone.id}' or id eq '${other.id}'`;
    const first = await round(t, `/users/delta?$select=displayName&$filter=${encodeURIComponent(filter)}`);
    expect(first.items.map((u) => u.id).sort()).toEqual([someone.id, other.id].sort());
    t.sim.directory.update(someone.id, { displayName: "Someone Else" });
    t.sim.directory.update(middle.id, { displayName: "Not Tracked" });
    expect((await round(t, first.deltaLink)).items).toEqual([{ displayName: "Someone Else", id: someone.id }]);
    const bad = await t.call(app, "GET", "/users/delta?$filter=startswith(displayName,'A')");
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("Request_UnsupportedQuery");
  });

  it("starts from now with $deltatoken=latest: no users, a deltaLink for what comes next", async () => {
    const app = await t.appToken(["User.Read.All"]);
    const r = await t.call(app, "GET", "/users/delta?$select=displayName&$deltaToken=latest");
    expect(r.json.value).toEqual([]);
    const hire = t.sim.directory.add({ displayName: "Latest Hire" });
    expect((await round(t, r.json["@odata.deltaLink"])).items).toEqual([{ displayName: "Latest Hire", id: hire.id }]);
  });

  it("throttles /users/delta like any request, with Retry-After, and the same link works after", async () => {
    const app = await t.appToken(["User.Read.All"]);
    const first = await t.call(app, "GET", "/users/delta?$select=displayName");
    const next = (first.json["@odata.nextLink"] as string).slice(t.sim.url.length);
    t.sim.faults.inject({ method: "GET", pathPattern: "^/users/delta$", status: 429, times: 2, retryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const r = await t.call(app, "GET", next);
      expect(r.status).toBe(429);
      expect(r.headers.get("retry-after")).toBe("3");
      expect(r.json.error.code).toBe("TooManyRequests");
    }
    const ok = await t.call(app, "GET", next);
    expect(ok.status).toBe(200);
    expect(ok.json.value[0].id).toBe(org.people[10]!.id);
  });

  it("lists users as the directory now is", async () => {
    const app = await t.appToken(["User.Read.All"]);
    const hire = t.sim.directory.add({ displayName: "Listed Hire", mail: "listed.hire@brisemer.example" });
    const listed = await t.call(app, "GET", `/users?$filter=id eq '${hire.id}'&$select=displayName,mail`);
    expect(listed.json.value).toEqual([{ displayName: "Listed Hire", mail: "listed.hire@brisemer.example" }]);
    t.sim.directory.remove(hire.id);
    expect((await t.call(app, "GET", `/users?$filter=id eq '${hire.id}'`)).json.value).toEqual([]);
    expect((await t.call(app, "GET", `/users/${hire.id}`)).status).toBe(404);
  });
});

describe("controls over HTTP", () => {
  let t: TestSimulator;
  beforeAll(async () => {
    t = await simulator();
  });
  afterAll(() => t.stop());

  it("hire, change, remove and restore users, with Graph-like errors", async () => {
    const hired = await t.control("POST", "directory/users", { displayName: "Over Http", mail: "over.http@brisemer.example", managerId: middle.id });
    expect(hired.status).toBe(201);
    expect(hired.json).toMatchObject({ displayName: "Over Http", mail: "over.http@brisemer.example", userPrincipalName: "over.http@brisemer.example", accountEnabled: true, managerId: middle.id });
    const app = await t.appToken(["User.Read.All"]);
    const reports = await t.call(app, "GET", `/users/${middle.id}/directReports?$select=id`);
    expect(reports.json.value.map((u: { id: string }) => u.id)).toContain(hired.json.id);

    const patched = await t.control("PATCH", `directory/users/${hired.json.id}`, { accountEnabled: false, jobTitle: "Stagiaire" });
    expect(patched.json).toMatchObject({ accountEnabled: false, jobTitle: "Stagiaire" });
    expect((await t.call(app, "GET", `/users/${hired.json.id}?$select=accountEnabled`)).json.accountEnabled).toBe(false);

    expect((await t.control("POST", "directory/users", { displayName: "Twin", mail: "over.http@brisemer.example" })).status).toBe(409);
    expect((await t.control("POST", "directory/users", { mail: "nameless@brisemer.example" })).status).toBe(400);
    expect((await t.control("PATCH", `directory/users/${hired.json.id}`, { shoeSize: 44 })).status).toBe(400);
    expect((await t.control("PATCH", "directory/users/00000000-0000-4000-8000-000000000009", { jobTitle: "x" })).status).toBe(404);

    const removed = await t.control("DELETE", `directory/users/${hired.json.id}`);
    expect(removed.json).toMatchObject({ id: hired.json.id, reason: "changed" });
    expect((await t.call(app, "GET", `/users/${hired.json.id}`)).status).toBe(404);
    const restored = await t.control("POST", `directory/users/${hired.json.id}/restore`);
    expect(restored.json.id).toBe(hired.json.id);
    expect((await t.call(app, "GET", `/users/${hired.json.id}`)).status).toBe(200);
    expect((await t.control("DELETE", `directory/users/${hired.json.id}?permanent=true`)).json.reason).toBe("deleted");
    expect((await t.control("POST", `directory/users/${hired.json.id}/restore`)).status).toBe(404);
  });

  it("keep a person without a mailbox out of calendars", async () => {
    const hired = t.sim.directory.add({ displayName: "No Mailbox", managerId: middle.id });
    const token = await t.issuer.sign({ tenantId: org.tenantId, userId: hired.id, displayName: "No Mailbox", username: hired.userPrincipalName, coordinator: false });
    expect((await t.call(token.token, "GET", "/me")).json).toMatchObject({ id: hired.id, userPrincipalName: hired.userPrincipalName });
    const r = await t.call(token.token, "GET", "/me/calendar/events");
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe("MailboxNotEnabledForRESTAPI");
  });
});

describe("persistence", () => {
  it("keeps directory changes, and the deltaLinks issued before, across a restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "graph-simulator-directory-"));
    const stateFile = join(dir, "state.json");
    try {
      const first = await simulator({ stateFile });
      const before = await round(first, `/users/delta?$select=${SELECT}`);
      const hire = first.sim.directory.add({ displayName: "Persisted Hire", mail: "persisted@brisemer.example", managerId: middle.id });
      first.sim.directory.update(someone.id, { jobTitle: "Renamed" });
      await first.stop();

      const second = await simulator({ stateFile });
      try {
        const app = await second.appToken(["User.Read.All"]);
        expect((await second.call(app, "GET", `/users/${hire.id}?$select=displayName`)).json.displayName).toBe("Persisted Hire");
        const changes = await round(second, before.deltaLink.replace(first.sim.url, second.sim.url));
        expect(changes.items.map((u) => u.id).sort()).toEqual([hire.id, someone.id].sort());
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reads a state file of the first version (calendars only)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "graph-simulator-v1-"));
    const stateFile = join(dir, "state.json");
    try {
      await writeFile(stateFile, JSON.stringify({ version: 1, savedAt: "2026-11-30T10:00:00.000Z", events: [], removedSeedIds: [] }));
      const t = await simulator({ stateFile });
      try {
        expect((await round(t, "/users/delta?$select=displayName")).items).toHaveLength(org.people.length);
        t.sim.directory.add({ displayName: "After Upgrade" });
      } finally {
        await t.stop();
      }
      const saved = JSON.parse(await readFile(stateFile, "utf8"));
      expect(saved.version).toBe(2);
      expect(saved.directory.operations).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
