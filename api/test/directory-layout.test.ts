import { describe, expect, it } from "vitest";
import { keyOf, placeInHierarchy } from "@tandem/core";
import { PERSON_BUCKETS, TREE_BUCKETS, TREE_DEPTH, personPartition, teamPartitions, treePartition } from "../src/adapters/tables/directory";

/**
 * The directory's partitions (ADR 0002) are computed from the keys alone, so that a person, a chain or a team is
 * found without asking storage where: a team must lie in the partitions its manager's path names, whatever the tree.
 */
describe("the directory's partitions", () => {
  it("never move: a person's partition depends on their id alone, as rows already written expect", () => {
    expect(personPartition("tenant", "00000000-0000-0000-0000-000000000001")).toBe("tenant|30");
    expect(treePartition("tenant", "0|1|2|3|a|b")).toBe(treePartition("tenant", "0|1|2|3"));
    expect(treePartition("tenant", "0|1|2|3")).toBe("tenant|03");
  });

  it("spread people evenly, and put every report of a manager in the partitions read for their team", () => {
    // A generated tree: 5,000 people, each under one of the people before them, deepest near the end.
    let seed = 7;
    const random = () => ((seed = Math.imul(seed, 48271) % 2147483647) & 0x7fffffff) / 2147483647;
    const links = Array.from({ length: 5000 }, (_, i) => ({
      id: `p${i}`,
      managerId: i === 0 ? null : `p${Math.floor(i * (0.5 + random() * 0.5))}`,
      key: null,
    }));
    let n = 0;
    const { placements } = placeInHierarchy(links, () => keyOf(n++));
    const perBucket = new Map<string, number>();
    for (const id of placements.keys()) perBucket.set(personPartition("t", id), (perBucket.get(personPartition("t", id)) ?? 0) + 1);
    expect(perBucket.size).toBe(PERSON_BUCKETS);
    expect(Math.max(...perBucket.values())).toBeLessThan((2 * 5000) / PERSON_BUCKETS);

    const paths = [...placements.values()].map((p) => p.path);
    const deepManagers = new Set<string>();
    for (const path of paths) {
      const keys = path.split("|");
      for (let d = 1; d < keys.length; d++) {
        const manager = keys.slice(0, d).join("|");
        const read = teamPartitions("t", manager);
        expect(read).toContain(treePartition("t", path));
        expect(read).toHaveLength(d >= TREE_DEPTH ? 1 : TREE_BUCKETS);
        if (d >= TREE_DEPTH) deepManagers.add(manager);
      }
    }
    expect(deepManagers.size).toBeGreaterThan(10);
  });
});
