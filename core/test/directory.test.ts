import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_CHAIN_DEPTH, belowPath, keyOf, placeInHierarchy, type DirectoryLink } from "../src/domain/directory";

const counter = () => {
  let n = 0;
  return () => keyOf(n++);
};

const link = (id: string, managerId: string | null, key: string | null = null): DirectoryLink => ({ id, managerId, key });

/** What the store answers: everyone whose path lies strictly below the manager's, in row-key order. */
function reportsByPath(placements: Map<string, { path: string }>, managerId: string): string[] {
  const { after, before } = belowPath(placements.get(managerId)!.path);
  return [...placements]
    .filter(([, p]) => p.path > after && p.path < before)
    .map(([id]) => id)
    .sort();
}

/** The same question answered the slow way: walking the manager links down. */
function reportsByWalking(links: DirectoryLink[], managerId: string, cutAt: Set<string>): string[] {
  const out: string[] = [];
  const queue = [managerId];
  while (queue.length) {
    const m = queue.shift()!;
    for (const l of links) {
      if (l.managerId === m && !cutAt.has(l.id) && !out.includes(l.id) && l.id !== managerId) {
        out.push(l.id);
        queue.push(l.id);
      }
    }
  }
  return out.sort();
}

describe("placing the organisation in a tree", () => {
  const org = [link("ceo", null), link("cto", "ceo"), link("dev1", "cto"), link("dev2", "cto"), link("cfo", "ceo"), link("acc", "cfo")];

  it("gives each person their chain of managers, nearest first, and their count of direct reports", () => {
    const { placements, problems } = placeInHierarchy(org, counter());
    expect(problems).toEqual([]);
    expect(placements.get("dev1")!.chain).toEqual(["cto", "ceo"]);
    expect(placements.get("ceo")!.chain).toEqual([]);
    expect(placements.get("ceo")!.directReports).toBe(2);
    expect(placements.get("cto")!.directReports).toBe(2);
    expect(placements.get("dev2")!.directReports).toBe(0);
  });

  it("lays paths so that a manager's reports, direct and indirect, are exactly the paths below theirs", () => {
    const { placements } = placeInHierarchy(org, counter());
    expect(reportsByPath(placements, "ceo")).toEqual(["acc", "cfo", "cto", "dev1", "dev2"]);
    expect(reportsByPath(placements, "cto")).toEqual(["dev1", "dev2"]);
    expect(reportsByPath(placements, "dev1")).toEqual([]);
  });

  it("keeps the keys people already have, and gives newcomers fresh ones", () => {
    const first = placeInHierarchy(org, counter()).placements;
    const withKeys = org.map((l) => ({ ...l, key: first.get(l.id)!.key }));
    const next = counter();
    for (let i = 0; i < org.length; i++) next();
    const { placements } = placeInHierarchy([...withKeys, link("dev3", "cto")], next);
    for (const l of org) expect(placements.get(l.id)!.key).toBe(first.get(l.id)!.key);
    expect(new Set([...placements.values()].map((p) => p.key)).size).toBe(placements.size);
  });

  it("moves a whole team when its manager changes", () => {
    const keyed = placeInHierarchy(org, counter()).placements;
    const moved = org.map((l) => ({ ...l, key: keyed.get(l.id)!.key, managerId: l.id === "cto" ? "cfo" : l.managerId }));
    const { placements } = placeInHierarchy(moved, counter());
    expect(placements.get("dev1")!.chain).toEqual(["cto", "cfo", "ceo"]);
    expect(reportsByPath(placements, "cfo")).toEqual(["acc", "cto", "dev1", "dev2"]);
  });

  it("cuts a cycle of managers at its smallest id, reports it, and never loops", () => {
    const { placements, problems } = placeInHierarchy([link("b", "c"), link("c", "d"), link("d", "b"), link("e", "d")], counter());
    expect(problems).toEqual([expect.objectContaining({ personId: "b", kind: "manager_cycle" })]);
    expect(placements.get("b")!.chain).toEqual([]);
    expect(placements.get("c")!.chain).toEqual(["d", "b"]);
    expect(placements.get("e")!.chain).toEqual(["d", "b"]);
    expect(reportsByPath(placements, "b")).toEqual(["c", "d", "e"]);
  });

  it("places at the top someone whose manager is not in the directory, or who manages themselves, and says so", () => {
    const { placements, problems } = placeInHierarchy([link("a", "outsider"), link("b", "b"), link("c", "a")], counter());
    expect(problems.map((p) => [p.personId, p.kind]).sort()).toEqual([
      ["a", "manager_outside_directory"],
      ["b", "manager_cycle"],
    ]);
    expect(placements.get("a")!.chain).toEqual([]);
    expect(placements.get("c")!.chain).toEqual(["a"]);
  });

  it("cuts a chain deeper than row keys can hold", () => {
    const links = Array.from({ length: MAX_CHAIN_DEPTH + 30 }, (_, i) => link(`p${String(i).padStart(4, "0")}`, i ? `p${String(i - 1).padStart(4, "0")}` : null));
    const { placements, problems } = placeInHierarchy(links, counter());
    expect(problems.some((p) => p.kind === "chain_too_deep")).toBe(true);
    for (const p of placements.values()) {
      expect(p.chain.length).toBeLessThan(MAX_CHAIN_DEPTH);
      expect(p.path.length).toBeLessThanOrEqual(1024);
    }
  });

  it("on any organisation, even with cycles and outsiders: everyone placed, paths unique, reports by path = reports by links, same result in any order", () => {
    const orgs = fc
      .integer({ min: 1, max: 60 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.option(fc.integer({ min: 0, max: n + 3 }), { nil: null }), { minLength: n, maxLength: n }),
          fc.func(fc.integer()),
        ),
      );
    fc.assert(
      fc.property(orgs, ([managers, shuffle]) => {
        const id = (i: number) => `u${String(i).padStart(3, "0")}`;
        const links = managers.map((m, i) => link(id(i), m === null ? null : id(m)));
        const { placements, problems } = placeInHierarchy(links, counter());
        expect(placements.size).toBe(links.length);
        expect(new Set([...placements.values()].map((p) => p.path)).size).toBe(links.length);
        const cut = new Set(problems.map((p) => p.personId));
        for (const l of links) expect(reportsByPath(placements, l.id)).toEqual(reportsByWalking(links, l.id, cut));
        const shuffled = [...links].sort((a, b) => shuffle(a.id) - shuffle(b.id));
        const again = placeInHierarchy(shuffled, counter());
        expect([...again.placements].sort()).toEqual([...placements].sort());
      }),
      { numRuns: 200 },
    );
  });
});
