import type { FlowNetwork, FlowSolution } from "./flow";
import { blockingRules, type BlockingRule, type ScoredPair, type SkillShortfall, type UnmatchedMentee, type UnmatchedReason, type WhyNot } from "./input";
import { RULE_BIT, groupBlockers, personBlockers, type Cohort } from "./rules";

const RULES = blockingRules.length;
const INT_MAX = 0x7fffffff;
// The bits of RULE_BIT follow blockingRules' order: bit q is blockingRules[q].
for (let q = 0; q < RULES; q++) if (RULE_BIT[blockingRules[q]!] !== 1 << q) throw new Error("RULE_BIT and blockingRules disagree");
import type { Candidates } from "./solve";

/** A solved run, kept to answer "why not this pair". */
export interface SolvedNetwork {
  cohort: Cohort;
  cand: Candidates;
  network: FlowNetwork;
  pairArc: Int32Array;
  arcPair: Int32Array;
  solution: FlowSolution;
  menteeNode: Int32Array;
  mentorNode: Int32Array;
  sink: number;
  objective: { big: number; weight: (units: number) => number };
  assigned: Int32Array;
  assignedPair: Int32Array;
  pinned: Int32Array;
  placesLeft: Int32Array;
  residual?: Residual;
}

/** The most frequent rule among the counts, in the order rules are listed on a tie. */
function mostFrequent(counts: Partial<Record<BlockingRule, number>>): BlockingRule | null {
  let best: BlockingRule | null = null;
  for (const r of blockingRules) if ((counts[r] ?? 0) > (best ? counts[best]! : 0)) best = r;
  return best;
}

/**
 * Why each mentee of the run has no proposal, skill by skill: nobody teaches it; the mentors who do are full, or got
 * other mentees in this run; or hard rules keep each of them away (counted per rule).
 */
export function explainUnmatched(c: Cohort, assigned: Int32Array, proposed: Int32Array): UnmatchedMentee[] {
  const out: UnmatchedMentee[] = [];
  const count = new Int32Array(RULES);
  const first = new Int32Array(RULES);
  for (let i = 0; i < c.mentees.length; i++) {
    if (assigned[i]! >= 0) continue;
    const a = c.mentees[i]!;
    const skills: SkillShortfall[] = [];
    for (const r of c.requests[i]!) {
      let mentors = 0;
      let full = 0;
      let taken = 0;
      // Per rule, how many mentors it keeps away, and the first of them (by slot): the record lists the rules in the
      // order the mentors, by slot, first show them.
      count.fill(0);
      first.fill(INT_MAX);
      for (const g of c.skillGroups.get(r.skillId) ?? []) {
        const groupBits = groupBlockers(c, a, g.week, g.languages);
        for (let k = 0; k < g.mentors.length; k++) {
          const j = g.mentors[k]!;
          const b = c.mentors[j]!;
          if (b === a) continue;
          mentors++;
          const bits = groupBits | personBlockers(c, a, b);
          if (bits === 0) {
            if (c.places[j]! - c.open[j]! <= 0) full++;
            else if (proposed[j]! + c.open[j]! >= c.places[j]!) taken++;
            else throw new Error(`internal: ${c.people[a]!.id} is unmatched while ${c.people[b]!.id} has a place`);
            continue;
          }
          for (let q = 0; q < RULES; q++) {
            if ((bits & (1 << q)) === 0) continue;
            count[q]!++;
            if (j < first[q]!) first[q] = j;
          }
        }
      }
      const blocked: Partial<Record<BlockingRule, number>> = {};
      const order = [...Array(RULES).keys()].filter((q) => count[q]! > 0).sort((x, y) => first[x]! - first[y]! || x - y);
      for (const q of order) blocked[blockingRules[q]!] = count[q]!;
      const reason: UnmatchedReason = mentors === 0 ? "no_mentor_offers_skill" : full + taken > 0 ? "mentors_full" : mostFrequent(blocked)!;
      skills.push({ skillId: r.skillId, reason, mentors, blocked, full, taken });
    }
    let reason: UnmatchedReason;
    if (skills.some((s) => s.reason === "mentors_full")) reason = "mentors_full";
    else if (skills.every((s) => s.reason === "no_mentor_offers_skill")) reason = "no_mentor_offers_skill";
    else {
      const total: Partial<Record<BlockingRule, number>> = {};
      for (const s of skills) for (const [rule, k] of Object.entries(s.blocked)) total[rule as BlockingRule] = (total[rule as BlockingRule] ?? 0) + k;
      reason = mostFrequent(total)!;
    }
    out.push({ menteeId: c.people[a]!.id, reason, skills });
  }
  return out;
}

/** The residual network of the optimal flow, by node, with reduced costs (all ≥ 0 at the optimum). */
interface Residual {
  start: Int32Array;
  to: Int32Array;
  arc: Int32Array;
  /** +1: along the arc (it has room), -1: against it (it carries flow). */
  dir: Int8Array;
  weight: Float64Array;
}

function residualOf(s: SolvedNetwork): Residual {
  const { network: net, solution: sol } = s;
  const m = net.source.length;
  const n = net.nodeCount;
  const pi = sol.potential;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    if (sol.flow[e]! < net.capacity[e]!) start[net.source[e]! + 1]!++;
    if (sol.flow[e]! > 0) start[net.target[e]! + 1]!++;
  }
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const size = start[n]!;
  const to = new Int32Array(size);
  const arc = new Int32Array(size);
  const dir = new Int8Array(size);
  const weight = new Float64Array(size);
  const fill = start.slice(0, n);
  for (let e = 0; e < m; e++) {
    const u = net.source[e]!;
    const v = net.target[e]!;
    const rc = net.cost[e]! + pi[u]! - pi[v]!;
    if (sol.flow[e]! < net.capacity[e]!) {
      const k = fill[u]!++;
      to[k] = v;
      arc[k] = e;
      dir[k] = 1;
      weight[k] = rc;
    }
    if (sol.flow[e]! > 0) {
      const k = fill[v]!++;
      to[k] = u;
      arc[k] = e;
      dir[k] = -1;
      weight[k] = -rc;
    }
  }
  return { start, to, arc, dir, weight };
}

/** Dijkstra on the residual network, from one node until another is settled: its distance and the path's arcs. */
function shortestPath(r: Residual, n: number, from: number, to: number): { dist: number; path: { arc: number; dir: number }[] } | null {
  const dist = new Float64Array(n).fill(Infinity);
  const viaArc = new Int32Array(n).fill(-1);
  const viaDir = new Int8Array(n);
  const viaNode = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  // A binary heap of (distance, node), ties by node: deterministic.
  const heapD: number[] = [];
  const heapV: number[] = [];
  const less = (i: number, j: number) => heapD[i]! < heapD[j]! || (heapD[i] === heapD[j] && heapV[i]! < heapV[j]!);
  const swap = (i: number, j: number) => {
    [heapD[i], heapD[j]] = [heapD[j]!, heapD[i]!];
    [heapV[i], heapV[j]] = [heapV[j]!, heapV[i]!];
  };
  const push = (d: number, v: number) => {
    heapD.push(d);
    heapV.push(v);
    for (let i = heapD.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!less(i, p)) break;
      swap(i, p);
      i = p;
    }
  };
  const pop = (): number => {
    const v = heapV[0]!;
    const lastD = heapD.pop()!;
    const lastV = heapV.pop()!;
    if (heapD.length) {
      heapD[0] = lastD;
      heapV[0] = lastV;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const rr = l + 1;
        let k = i;
        if (l < heapD.length && less(l, k)) k = l;
        if (rr < heapD.length && less(rr, k)) k = rr;
        if (k === i) break;
        swap(i, k);
        i = k;
      }
    }
    return v;
  };
  dist[from] = 0;
  push(0, from);
  while (heapD.length) {
    const u = pop();
    if (done[u]) continue;
    done[u] = 1;
    if (u === to) break;
    for (let k = r.start[u]!; k < r.start[u + 1]!; k++) {
      const v = r.to[k]!;
      const d = dist[u]! + r.weight[k]!;
      if (d < dist[v]!) {
        dist[v] = d;
        viaArc[v] = r.arc[k]!;
        viaDir[v] = r.dir[k]!;
        viaNode[v] = u;
        push(d, v);
      }
    }
  }
  if (!done[to]) return null;
  const path: { arc: number; dir: number }[] = [];
  for (let v = to; v !== from; v = viaNode[v]!) path.push({ arc: viaArc[v]!, dir: viaDir[v]! });
  return { dist: dist[to]!, path: path.reverse() };
}

/**
 * How far an allowed pair is from being chosen: the cheapest way to force it into the optimum is a cycle through it
 * in the residual network, and that cycle's cost is exactly what the pair's weight lacks. The weight splits back into
 * the coordinator's two criteria (people matched, total fit), since one of them is scaled far above the other.
 */
export function whyNotChosen(s: SolvedNetwork, i: number, j: number, pair: ScoredPair): WhyNot {
  const c = s.cohort;
  const u = s.menteeNode[i]!;
  const v = s.mentorNode[j]!;
  // An allowed pair with a place left is always a candidate arc, so both nodes exist.
  s.residual ??= residualOf(s);
  const found = shortestPath(s.residual, s.network.nodeCount, v, u);
  if (!found) return { status: "ruled_out", rules: ["mentor_places_pinned"] };
  const pi = s.solution.potential;
  let k = 0;
  while (s.cand.mentee[k] !== i || s.cand.mentor[k] !== j) k++;
  const reduced = s.network.cost[s.pairArc[k]!]! + pi[u]! - pi[v]!;
  const delta = Math.round(reduced + found.dist);
  const big = s.objective.big;
  let fitUnits: number;
  let lost: number;
  if (c.rules.objective === "most-matched") {
    lost = Math.round(delta / big);
    fitUnits = delta - lost * big;
  } else {
    fitUnits = Math.round(delta / big);
    lost = delta - fitUnits * big;
  }

  // Who would change mentor along the cycle: the forced pair, then each pair arc the path uses or undoes (the arcs
  // to the sink only say that someone ends, or was, unmatched).
  const after = new Map<number, number>();
  const losses: [number, number][] = [];
  const gains: [number, number][] = [[i, j]];
  for (const step of found.path) {
    const k = s.arcPair[step.arc]!;
    if (k >= 0) (step.dir > 0 ? gains : losses).push([s.cand.mentee[k]!, s.cand.mentor[k]!]);
  }
  for (const [x] of [...losses, ...gains]) after.set(x, s.assigned[x]!);
  for (const [x, y] of losses) if (after.get(x) === y) after.set(x, -1);
  for (const [x, y] of gains) after.set(x, y);
  const idOfMentor = (y: number) => (y >= 0 ? c.people[c.mentors[y]!]!.id : null);
  const changes = [...after]
    .filter(([x, y]) => s.assigned[x] !== y)
    .map(([x, y]) => ({ menteeId: c.people[c.mentees[x]!]!.id, from: idOfMentor(s.assigned[x]!), to: idOfMentor(y) }))
    .sort((p, q) => (p.menteeId < q.menteeId ? -1 : p.menteeId > q.menteeId ? 1 : 0));
  return { status: "not_chosen", pair, fitShortfall: fitUnits / 10, wouldUnmatch: lost, changes };
}
