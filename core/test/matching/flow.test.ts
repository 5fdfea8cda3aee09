import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { minCostFlow, type FlowNetwork } from "../../src";
import { prng } from "./support";

// Random networks of every shape the solver's first tree distinguishes: one node taking everything out (a sink) or
// several, nodes with or without an arc to the sink, arcs to it whose capacity is exactly the node's supply from
// nodes with or without incoming arcs, negative costs, and networks no flow can satisfy.
function network(seed: number): FlowNetwork {
  const rnd = prng(seed);
  const int = (k: number) => Math.floor(rnd() * k);
  const n = 2 + int(9);
  const demands = rnd() < 0.6 ? 1 : 1 + int(3);
  const supply = new Int32Array(n);
  const sinks = Array.from({ length: demands }, (_, k) => n - 1 - k);
  for (let u = 0; u < n - demands; u++) supply[u] = rnd() < 0.3 ? 0 : 1 + int(3);
  const total = supply.reduce((s, x) => s + x, 0);
  for (let k = 0; k < demands; k++) supply[sinks[k]!] = -Math.floor(total / demands) - (k < total % demands ? 1 : 0);
  const arcs: [number, number, number, number][] = [];
  for (let u = 0; u < n - demands; u++) {
    if (rnd() < 0.7) arcs.push([u, sinks[int(demands)]!, rnd() < 0.5 ? supply[u]! : int(5), int(21) - 5]);
    for (let k = int(4); k > 0; k--) {
      const v = int(n);
      if (v !== u) arcs.push([u, v, int(4), int(41) - 20]);
    }
  }
  // Costs may be negative, but no cycle of negative cost may have unlimited capacity: every arc has a capacity here.
  return {
    nodeCount: n,
    source: Int32Array.from(arcs, (a) => a[0]),
    target: Int32Array.from(arcs, (a) => a[1]),
    capacity: Int32Array.from(arcs, (a) => a[2]),
    cost: Float64Array.from(arcs, (a) => a[3]),
    supply,
    core: rnd() < 0.5 ? int(arcs.length + 1) : undefined,
  };
}

/** Whether some flow meets the supplies: a maximum flow from the supplies to the demands (Edmonds–Karp). */
function feasible(net: FlowNetwork): boolean {
  const n = net.nodeCount + 2;
  const s = n - 2;
  const t = n - 1;
  const cap = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let e = 0; e < net.source.length; e++) cap[net.source[e]!]![net.target[e]!]! += net.capacity[e]!;
  let need = 0;
  for (let u = 0; u < net.nodeCount; u++) {
    if (net.supply[u]! > 0) cap[s]![u] = net.supply[u]!;
    else {
      cap[u]![t] = -net.supply[u]!;
      need -= net.supply[u]!;
    }
  }
  let flow = 0;
  for (;;) {
    const from = new Array<number>(n).fill(-1);
    from[s] = s;
    const queue = [s];
    while (queue.length && from[t] === -1) {
      const u = queue.shift()!;
      for (let v = 0; v < n; v++) if (from[v] === -1 && cap[u]![v]! > 0) (from[v] = u), queue.push(v);
    }
    if (from[t] === -1) return flow === need;
    let push = Infinity;
    for (let v = t; v !== s; v = from[v]!) push = Math.min(push, cap[from[v]!]![v]!);
    for (let v = t; v !== s; v = from[v]!) (cap[from[v]!]![v]! -= push), (cap[v]![from[v]!]! += push);
    flow += push;
  }
}

describe("the network simplex", () => {
  it("meets the supplies within the capacities, with potentials proving the optimum, or says no flow can", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const net = network(seed);
        if (!feasible(net)) {
          expect(() => minCostFlow(net)).toThrow(/infeasible/);
          return;
        }
        const { flow, potential: pi, totalCost } = minCostFlow(net);
        const balance = Array.from(net.supply);
        let cost = 0;
        for (let e = 0; e < net.source.length; e++) {
          const u = net.source[e]!;
          const v = net.target[e]!;
          expect(flow[e]).toBeGreaterThanOrEqual(0);
          expect(flow[e]).toBeLessThanOrEqual(net.capacity[e]!);
          balance[u]! -= flow[e]!;
          balance[v]! += flow[e]!;
          cost += flow[e]! * net.cost[e]!;
          // Complementary slackness: no arc could carry more (or less) flow at a lower cost.
          const reduced = net.cost[e]! + pi[u]! - pi[v]!;
          if (flow[e]! < net.capacity[e]!) expect(reduced).toBeGreaterThanOrEqual(0);
          if (flow[e]! > 0) expect(reduced).toBeLessThanOrEqual(0);
        }
        expect(balance).toEqual(new Array(net.nodeCount).fill(0));
        expect(totalCost).toBe(cost);
      }),
      { numRuns: 2000 },
    );
  });
});
