import { CIRCLE_MAX_MENTEES, CIRCLE_MIN_MENTEES } from "../tandems";
import { offerLevels } from "../people";
import { fitParts, overlapUnits, skillUnits, FIT_UNITS } from "./fit";
import { minCostFlow, type FlowNetwork, type FlowSolution } from "./flow";
import type { MatchProposal, MatchingInput, MatchingResult, MentorLoad, PinProblem, ScoredPair, WhyNot } from "./input";
import { allowedBeyondGroup, bestRequest, buildCohort, compatibleGroups, ruledOut, type Cohort } from "./rules";
import { explainUnmatched, whyNotChosen, type SolvedNetwork } from "./explain";

/** What a run did, for benchmarks and logs. */
export interface MatchingStats {
  candidatePairs: number;
  flowNodes: number;
  flowArcs: number;
  pivots: number;
  ms: { cohort: number; candidates: number; flow: number; result: number };
}

export interface MatchingRun {
  result: MatchingResult;
  /** Why the pair is not proposed: a hard rule, or how far its fit is from being chosen. */
  whyNot(menteeId: string, mentorId: string): WhyNot;
  stats: MatchingStats;
}

/** The pairs a run may choose from, in columns: mentee slot, mentor slot, fit units, request index. */
export interface Candidates {
  count: number;
  mentee: Int32Array;
  mentor: Int32Array;
  units: Int32Array;
  request: Int16Array;
}

function grow<T extends Int32Array | Int16Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** The fit units of a pair's own parts: departments, languages, working hours. */
export function pairUnits(c: Cohort, a: number, b: number): number {
  const s = c.scale;
  const sameDepartment = c.department[a]! >= 0 && c.department[a] === c.department[b];
  return (
    (sameDepartment ? 0 : s.crossDepartment) +
    ((c.languages[a]! & c.languages[b]!) !== 0 ? s.language : 0) +
    (s.overlap > 0 ? overlapUnits(s, c.weeks.shared(c.week[a]!, c.week[b]!)) : 0)
  );
}

/**
 * Every pair the hard rules allow, with a mentor who has a place left, for the mentees not pinned: for each mentee
 * (by id), the mentors who teach one of their requested skills (by id), each with the request that fits best.
 */
export function candidatePairs(c: Cohort, placesLeft: Int32Array, pinned: Int32Array): Candidates {
  const M = c.mentors.length;
  let cap = Math.max(16, c.mentees.length * 8);
  let mentee = new Int32Array(cap);
  let mentor = new Int32Array(cap);
  let units = new Int32Array(cap);
  let request = new Int16Array(cap);
  let count = 0;
  const stamp = new Int32Array(M).fill(-1);
  const best = new Int32Array(M);
  const bestReq = new Int16Array(M);
  const touched = new Int32Array(M);
  const levelUnits = offerLevels.map((l) => skillUnits(c.scale, l));

  for (let i = 0; i < c.mentees.length; i++) {
    if (pinned[i]! >= 0) continue;
    const a = c.mentees[i]!;
    const reqs = c.requests[i]!;
    let t = 0;
    for (let ri = 0; ri < reqs.length; ri++) {
      const r = reqs[ri]!;
      for (const g of compatibleGroups(c, r.skillId, a)) {
        const ms = g.mentors;
        const lv = g.levels;
        for (let k = 0; k < ms.length; k++) {
          const j = ms[k]!;
          if (placesLeft[j]! <= 0) continue;
          const u = levelUnits[lv[k]!]! + r.units;
          if (stamp[j] !== i) {
            stamp[j] = i;
            best[j] = u;
            bestReq[j] = ri;
            touched[t++] = j;
          } else if (u > best[j]!) {
            best[j] = u;
            bestReq[j] = ri;
          }
        }
      }
    }
    if (t === 0) continue;
    const mentorsOfThis = touched.subarray(0, t).sort();
    for (let k = 0; k < t; k++) {
      const j = mentorsOfThis[k]!;
      const b = c.mentors[j]!;
      if (!allowedBeyondGroup(c, a, b)) continue;
      if (count === cap) {
        cap *= 2;
        mentee = grow(mentee, cap);
        mentor = grow(mentor, cap);
        units = grow(units, cap);
        request = grow(request, cap);
      }
      mentee[count] = i;
      mentor[count] = j;
      units[count] = best[j]! + pairUnits(c, a, b);
      request[count] = bestReq[j]!;
      count++;
    }
  }
  return { count, mentee: mentee.subarray(0, count), mentor: mentor.subarray(0, count), units: units.subarray(0, count), request: request.subarray(0, count) };
}

/**
 * The weight of a pair in the flow, so that one optimum of the weights is the lexicographic optimum the coordinator
 * asked for (ADR 0010). `most-matched`: every pair weighs BIG + fit, with BIG above twice any total fit, so one more
 * pair always outweighs any fit; `best-fit`: fit × BIG + 1, with BIG above twice any count of pairs, so fit always
 * comes first and the count only breaks ties.
 */
export function objectiveScale(objective: "most-matched" | "best-fit", maxPairs: number) {
  if (objective === "most-matched") {
    const big = 2 * maxPairs * FIT_UNITS + 1;
    return { big, weight: (units: number) => big + units };
  }
  const big = 2 * maxPairs + 1;
  return { big, weight: (units: number) => units * big + 1 };
}

/** How many of each mentee's best pairs the flow prices first (see FlowNetwork.core). */
const CORE_PAIRS_PER_MENTEE = 3;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface PreparedMatching {
  cohort: Cohort;
  /** Per mentee slot: the mentor slot of their pin, or -1. */
  pinned: Int32Array;
  pinProblems: PinProblem[];
  /** Per mentor slot: places left once open tandems and pins are counted. */
  placesLeft: Int32Array;
  candidates: Candidates;
  /** The flow network of the candidates and its nodes: mentees (with a candidate), then mentors, then the sink. */
  network: FlowNetwork;
  /** The arc of each candidate pair, and the candidate pair of each arc (-1: an arc to the sink). */
  pairArc: Int32Array;
  arcPair: Int32Array;
  menteeNode: Int32Array;
  mentorNode: Int32Array;
  sink: number;
  objective: { big: number; weight: (units: number) => number };
  ms: { cohort: number; candidates: number };
}

/** Everything before the optimisation: the cohort, the pins, the candidate pairs and their flow network. */
export function prepareMatching(input: MatchingInput): PreparedMatching {
  const t0 = performance.now();
  const c = buildCohort(input);
  const M = c.mentors.length;
  const N = c.mentees.length;

  // Pins first: each is kept if the rules allow it and the mentor has a place; the rest are reported.
  const placesLeft = new Int32Array(M);
  for (let j = 0; j < M; j++) placesLeft[j] = Math.max(0, c.places[j]! - c.open[j]!);
  const pinned = new Int32Array(N).fill(-1);
  const pinProblems: PinProblem[] = [];
  const pins = [...new Map(input.pins.map((p) => [`${p.menteeId} ${p.mentorId}`, p])).values()].sort(
    (x, y) => byId(x.menteeId, y.menteeId) || byId(x.mentorId, y.mentorId),
  );
  for (const p of pins) {
    const rules = ruledOut(c, p.menteeId, p.mentorId);
    if (rules.length === 0) {
      const i = c.menteeSlot[c.index.get(p.menteeId)!]!;
      const j = c.mentorSlot[c.index.get(p.mentorId)!]!;
      if (pinned[i]! >= 0) rules.push("mentee_pinned_elsewhere");
      else if (placesLeft[j]! <= 0) rules.push("mentor_places_pinned");
      else {
        pinned[i] = j;
        placesLeft[j]!--;
      }
    }
    if (rules.length) pinProblems.push({ menteeId: p.menteeId, mentorId: p.mentorId, rules });
  }
  const t1 = performance.now();

  const cand = candidatePairs(c, placesLeft, pinned);
  const t2 = performance.now();

  // The flow: each mentee with a candidate sends one unit, to a mentor (a pair) or straight to the sink (unmatched);
  // each mentor passes at most their places left to the sink.
  const menteeNode = new Int32Array(N).fill(-1);
  const mentorNode = new Int32Array(M).fill(-1);
  let nodes = 0;
  for (let k = 0; k < cand.count; k++) if (menteeNode[cand.mentee[k]!] === -1) menteeNode[cand.mentee[k]!] = nodes++;
  const flowMentees = nodes;
  for (let k = 0; k < cand.count; k++) if (mentorNode[cand.mentor[k]!] === -1) mentorNode[cand.mentor[k]!] = -2;
  const nodeMentor: number[] = [];
  for (let j = 0; j < M; j++) if (mentorNode[j] === -2) {
    mentorNode[j] = nodes++;
    nodeMentor.push(j);
  }
  const sink = nodes++;
  const flowMentors = nodeMentor.length;
  const arcs = cand.count + flowMentors + flowMentees;
  let placesInFlow = 0;
  for (const j of nodeMentor) placesInFlow += placesLeft[j]!;
  const objective = objectiveScale(c.rules.objective, Math.min(flowMentees, placesInFlow));

  // Arc order: each mentee's few best pairs, the mentors' and the mentees' arcs to the sink, then every other pair.
  // The solver prices the first ones until they are optimal, then lets in any other that would improve the total.
  const core = new Uint8Array(cand.count);
  for (let k = 0; k < cand.count; ) {
    let end = k;
    while (end < cand.count && cand.mentee[end] === cand.mentee[k]) end++;
    for (let pick = 0; pick < Math.min(CORE_PAIRS_PER_MENTEE, end - k); pick++) {
      let best = -1;
      for (let q = k; q < end; q++) if (!core[q] && (best < 0 || cand.units[q]! > cand.units[best]!)) best = q;
      core[best] = 1;
    }
    k = end;
  }
  const source = new Int32Array(arcs);
  const target = new Int32Array(arcs);
  const capacity = new Int32Array(arcs);
  const cost = new Float64Array(arcs);
  const supply = new Int32Array(nodes);
  const pairArc = new Int32Array(cand.count);
  const arcPair = new Int32Array(arcs).fill(-1);
  let e = 0;
  const addPair = (k: number) => {
    source[e] = menteeNode[cand.mentee[k]!]!;
    target[e] = mentorNode[cand.mentor[k]!]!;
    capacity[e] = 1;
    cost[e] = -objective.weight(cand.units[k]!);
    pairArc[k] = e;
    arcPair[e] = k;
    e++;
  };
  for (let k = 0; k < cand.count; k++) if (core[k]) addPair(k);
  for (const j of nodeMentor) {
    source[e] = mentorNode[j]!;
    target[e] = sink;
    capacity[e] = placesLeft[j]!;
    e++;
  }
  for (let v = 0; v < flowMentees; v++) {
    source[e] = v;
    target[e] = sink;
    capacity[e] = 1;
    supply[v] = 1;
    e++;
  }
  const coreArcs = e;
  for (let k = 0; k < cand.count; k++) if (!core[k]) addPair(k);
  supply[sink] = -flowMentees;
  return {
    cohort: c,
    pinned,
    pinProblems,
    placesLeft,
    candidates: cand,
    network: { nodeCount: nodes, source, target, capacity, cost, supply, core: coreArcs },
    pairArc,
    arcPair,
    menteeNode,
    mentorNode,
    sink,
    objective,
    ms: { cohort: t1 - t0, candidates: t2 - t1 },
  };
}

/**
 * One matching run of a cycle's whole cohort: the exact optimum of the coordinator's objective under the hard rules,
 * the proposals (tandems, or circles where the cycle allows them) with each pair's score and parts, the unmatched
 * with their reasons, and answers to "why not this pair". Pure and deterministic: the same input in any order gives
 * the same result.
 */
export function matchCohort(input: MatchingInput): MatchingRun {
  const prepared = prepareMatching(input);
  const { cohort: c, pinned, pinProblems, placesLeft, candidates: cand, network, menteeNode, mentorNode, sink, objective } = prepared;
  const M = c.mentors.length;
  const N = c.mentees.length;
  const t2 = performance.now();
  const solution: FlowSolution = minCostFlow(network);
  const t3 = performance.now();

  // Who goes with whom: pins, then the flow's pairs.
  const assigned = Int32Array.from(pinned);
  const assignedPair = new Int32Array(N).fill(-1);
  for (let k = 0; k < cand.count; k++) {
    if (solution.flow[prepared.pairArc[k]!] === 1) {
      assigned[cand.mentee[k]!] = cand.mentor[k]!;
      assignedPair[cand.mentee[k]!] = k;
    }
  }

  const scored = (i: number, j: number, pinnedPair: boolean): ScoredPair => {
    const a = c.mentees[i]!;
    const b = c.mentors[j]!;
    const req = bestRequest(c, i, b)!;
    const urgency = c.requests[i]!.find((r) => r.skillId === req.skillId)!.urgency;
    const { units, parts } = fitParts(c.scale, {
      skillId: req.skillId,
      level: req.level,
      urgency,
      differentDepartments: !(c.department[a]! >= 0 && c.department[a] === c.department[b]),
      sharedLanguages: c.people[a]!.languages.filter((l) => c.people[b]!.languages.includes(l)).sort(),
      sharedMinutes: c.weeks.shared(c.week[a]!, c.week[b]!),
    });
    return { menteeId: c.people[a]!.id, mentorId: c.people[b]!.id, skillId: req.skillId, score: units / 10, parts, pinned: pinnedPair };
  };

  const byMentor = new Map<number, ScoredPair[]>();
  let totalUnits = 0;
  let matched = 0;
  for (let i = 0; i < N; i++) {
    const j = assigned[i]!;
    if (j < 0) continue;
    const pair = scored(i, j, pinned[i]! >= 0);
    totalUnits += Math.round(pair.score * 10);
    matched++;
    let list = byMentor.get(j);
    if (!list) byMentor.set(j, (list = []));
    list.push(pair);
  }
  const proposals = [...byMentor.keys()]
    .sort((x, y) => x - y)
    .flatMap((j) => proposalsOf(byMentor.get(j)!, c.rules.allowCircles));

  const proposedCount = new Int32Array(M);
  for (let i = 0; i < N; i++) if (assigned[i]! >= 0) proposedCount[assigned[i]!]!++;
  const mentors: MentorLoad[] = Array.from(c.mentors, (b, j) => ({
    mentorId: c.people[b]!.id,
    places: c.places[j]!,
    open: c.open[j]!,
    proposed: proposedCount[j]!,
  }));

  const unmatched = explainUnmatched(c, assigned, proposedCount);
  const result: MatchingResult = {
    cycleId: input.cycle.id,
    summary: {
      objective: c.rules.objective,
      mentees: N,
      mentors: M,
      candidatePairs: cand.count,
      matched,
      pinned: pinned.filter((j) => j >= 0).length,
      unmatched: unmatched.length,
      totalScore: totalUnits / 10,
    },
    proposals,
    unmatched,
    excluded: c.excluded,
    pinProblems,
    mentors,
  };
  const t4 = performance.now();

  const solved: SolvedNetwork = { cohort: c, cand, network, pairArc: prepared.pairArc, arcPair: prepared.arcPair, solution, menteeNode, mentorNode, sink, objective, assigned, assignedPair, pinned, placesLeft };
  return {
    result,
    whyNot(menteeId, mentorId) {
      const rules = ruledOut(c, menteeId, mentorId);
      if (rules.length) return { status: "ruled_out", rules };
      const i = c.menteeSlot[c.index.get(menteeId)!]!;
      const j = c.mentorSlot[c.index.get(mentorId)!]!;
      if (assigned[i] === j) {
        const proposal = proposals.find((p) => p.mentorId === mentorId && p.menteeIds.includes(menteeId))!;
        return { status: "proposed", kind: proposal.kind, pinned: pinned[i] === j };
      }
      if (pinned[i]! >= 0) return { status: "ruled_out", rules: ["mentee_pinned_elsewhere"] };
      if (placesLeft[j]! <= 0) return { status: "ruled_out", rules: ["mentor_places_pinned"] };
      return whyNotChosen(solved, i, j, scored(i, j, false));
    },
    stats: {
      candidatePairs: cand.count,
      flowNodes: network.nodeCount,
      flowArcs: network.source.length,
      pivots: solution.pivots,
      ms: { ...prepared.ms, flow: t3 - t2, result: t4 - t3 },
    },
  };
}

/**
 * A mentor's proposals, formed after the optimisation (they change no pair and no score): mentees on the same skill
 * form circles when the cycle allows them, split evenly into circles of at most five (seven: four and three), by id;
 * everyone else is a tandem.
 */
export function proposalsOf(pairs: ScoredPair[], allowCircles: boolean): MatchProposal[] {
  const bySkill = new Map<string, ScoredPair[]>();
  for (const p of pairs) {
    let list = bySkill.get(p.skillId);
    if (!list) bySkill.set(p.skillId, (list = []));
    list.push(p);
  }
  const out: MatchProposal[] = [];
  for (const skillId of [...bySkill.keys()].sort(byId)) {
    const group = bySkill.get(skillId)!.sort((x, y) => byId(x.menteeId, y.menteeId));
    if (!allowCircles || group.length < CIRCLE_MIN_MENTEES) {
      for (const p of group) out.push({ kind: "tandem", mentorId: p.mentorId, menteeIds: [p.menteeId], skillId, pairs: [p] });
      continue;
    }
    const circles = Math.ceil(group.length / CIRCLE_MAX_MENTEES);
    let start = 0;
    for (let k = 0; k < circles; k++) {
      const size = Math.floor(group.length / circles) + (k < group.length % circles ? 1 : 0);
      const members = group.slice(start, start + size);
      start += size;
      out.push({ kind: "circle", mentorId: members[0]!.mentorId, menteeIds: members.map((p) => p.menteeId), skillId, pairs: members });
    }
  }
  return out;
}

