import { describe, expect, it } from "vitest";
import { DemoOrganisation, checkDemoOrganisation } from "@tandem/core";
import { generateOrganisation, type SimulatedOrganisation } from "../src/index";
import { startTestSimulator } from "./support";

/** Every person's number of levels below the top, walking up at most `people` steps (cycles end nowhere). */
function shape(org: SimulatedOrganisation) {
  const byId = new Map(org.people.map((p) => [p.id, p]));
  const spans = new Map<string, number>();
  for (const p of org.people) if (p.managerId && byId.has(p.managerId)) spans.set(p.managerId, (spans.get(p.managerId) ?? 0) + 1);
  let depth = 0;
  for (const p of org.people) {
    let d = 0;
    for (let m = p.managerId; m && byId.has(m) && d <= org.people.length; m = byId.get(m)!.managerId) d++;
    if (d <= org.people.length) depth = Math.max(depth, d);
  }
  return { tops: org.people.filter((p) => p.managerId === null).length, spans: [...spans.values()], depth };
}

describe("generateOrganisation", () => {
  it("is deterministic for a seed, and another seed gives another organisation", () => {
    const a = generateOrganisation({ people: 500, seed: 7 });
    expect(generateOrganisation({ people: 500, seed: 7 })).toEqual(a);
    const b = generateOrganisation({ people: 500, seed: 8 });
    expect(b.people.map((p) => p.id)).not.toEqual(a.people.map((p) => p.id));
    expect(generateOrganisation({ people: 500, seed: 7, tenantId: "0f0e0d0c-0b0a-4009-8807-060504030201" }).tenantId).toBe("0f0e0d0c-0b0a-4009-8807-060504030201");
  });

  it("makes a valid demo organisation, with unique mail addresses and nothing dangling", () => {
    const org = generateOrganisation({ people: 3000, seed: "valid" });
    const parsed = DemoOrganisation.parse(org);
    expect(parsed.people).toHaveLength(3000);
    expect(checkDemoOrganisation(parsed)).toEqual([]);
    expect(new Set(org.people.map((p) => p.mail!.toLowerCase())).size).toBe(3000);
  });

  it("has one CEO, spans of 3 to 12 and 6 to 9 levels at 50,000 people", () => {
    const { tops, spans, depth } = shape(generateOrganisation({ people: 50_000, seed: "big" }));
    expect(tops).toBe(1);
    expect(Math.min(...spans)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...spans)).toBeLessThanOrEqual(12);
    expect(depth).toBeGreaterThanOrEqual(6);
    expect(depth).toBeLessThanOrEqual(9);
  });

  it("keeps spans within 3 to 12 at every size", () => {
    for (const people of [1, 2, 4, 5, 13, 14, 15, 16, 40, 333]) {
      const { tops, spans } = shape(generateOrganisation({ people, seed: people }));
      expect(tops, `${people}`).toBe(1);
      if (people > 3) expect(Math.min(...spans), `${people}`).toBeGreaterThanOrEqual(3);
      if (people > 1) expect(Math.max(...spans), `${people}`).toBeLessThanOrEqual(12);
    }
  });

  it("spoils a few people on request: manager cycles, managers outside the tenant, no mail", () => {
    const org = generateOrganisation({ people: 2000, seed: "bad", badData: true });
    const problems = checkDemoOrganisation({ ...org, people: org.people.map((p) => ({ ...p, mail: p.mail ?? "x@y.example" })) } as DemoOrganisation);
    expect(problems.filter((p) => p.startsWith("the manager chain loops"))).toHaveLength(3);
    expect(problems.filter((p) => p.includes("who is not in the organisation"))).toHaveLength(5);
    const noMail = org.people.filter((p) => p.mail === null);
    expect(noMail).toHaveLength(10);
    expect(noMail.every((p) => p.userPrincipalName?.endsWith(`@${org.domain}`))).toBe(true);
    expect(shape(org).tops).toBe(1);
    const custom = generateOrganisation({ people: 100, seed: "bad", badData: { cycles: 0, outsideManagers: 2, withoutMail: 0 } });
    expect(custom.people.filter((p) => p.mail === null)).toHaveLength(0);
  });

  it("is served as it is by the simulator, bad data included, without looping", async () => {
    const org = generateOrganisation({ people: 300, seed: "served", badData: true });
    const t = await startTestSimulator({ organisation: org, deltaPageSize: 100 });
    try {
      const app = await t.appToken(["User.Read.All"]);
      const items: any[] = [];
      let next: string | undefined = "/users/delta?$select=displayName,mail,manager";
      while (next) {
        const r = await t.call(app, "GET", next.startsWith("http") ? next.slice(t.sim.url.length) : next);
        items.push(...r.json.value);
        next = r.json["@odata.nextLink"];
      }
      expect(items).toHaveLength(300);
      const ids = new Set(items.map((u) => u.id));
      const outside = items.filter((u) => u["manager@delta"] && !ids.has(u["manager@delta"][0].id));
      expect(outside).toHaveLength(5);
      expect(items.filter((u) => !("mail" in u))).toHaveLength(10);
      // A manager outside the tenant is nobody Graph can return.
      expect((await t.call(app, "GET", `/users/${outside[0].id}/manager`)).status).toBe(404);
      // People in a cycle report to each other.
      const cycle = org.people.find((p) => p.managerId && org.people.find((q) => q.id === p.managerId)?.managerId === p.id)!;
      expect((await t.call(app, "GET", `/users/${cycle.id}/manager?$select=id`)).json.id).toBe(cycle.managerId);
      expect((await t.call(app, "GET", `/users/${cycle.managerId}/manager?$select=id`)).json.id).toBe(cycle.id);
    } finally {
      await t.stop();
    }
  });

  it("starts a simulator of 50,000 people whose delta round pages through everyone, 200 at a time", async () => {
    const org = generateOrganisation({ people: 50_000, seed: "paging" });
    const t = await startTestSimulator({ organisation: org });
    try {
      const app = await t.appToken(["User.Read.All"]);
      const seen = new Set<string>();
      let pages = 0;
      let next: string | undefined = "/users/delta?$select=displayName,mail,jobTitle,department,accountEnabled,manager";
      let last: any;
      while (next) {
        const r = await t.call(app, "GET", next.startsWith("http") ? next.slice(t.sim.url.length) : next);
        expect(r.status).toBe(200);
        expect(r.json.value.length).toBeLessThanOrEqual(200);
        for (const u of r.json.value) seen.add(u.id);
        pages++;
        last = r.json;
        next = r.json["@odata.nextLink"];
      }
      expect(pages).toBe(250);
      expect(seen.size).toBe(50_000);
      expect(last["@odata.deltaLink"]).toBeDefined();
      // No calendars were seeded for so many people: a mailbox starts empty.
      const someone = org.people[49_999]!;
      const events = await t.call(someone, "GET", "/me/events?$select=subject");
      expect(events.json.value).toEqual([]);
    } finally {
      await t.stop();
    }
  }, 120_000);
});
