/**
 * Minimum-cost flow by the primal network simplex method, on typed arrays.
 *
 * The structure follows Kovács (2015, "Minimum-cost flow algorithms: an experimental evaluation", Optimization
 * Methods and Software 30(1)) and LEMON's NetworkSimplex, which that study found the fastest on most problem
 * families: a strongly feasible spanning tree kept as parent / thread / reverse-thread lists with subtree sizes and
 * last successors, an artificial root, and the block search pivot rule (scan the arcs in blocks, enter the most
 * negative reduced cost of the first block that has one). Three changes for matching networks, where most pivots are
 * degenerate and pricing is what they cost: the first tree sends every node straight to the one sink by a real arc
 * where it can (LEMON joins every node to the root by an artificial arc), smaller blocks, and a core of arcs priced
 * first (see `FlowNetwork.core`); the method still stops only when no arc at all prices out negative, which proves
 * the optimum.
 *
 * Costs must be integers whose sums stay below 2^53 (they are kept in Float64Arrays, exact as integers): the optimum
 * is then exact, not within a tolerance.
 */

export interface FlowNetwork {
  nodeCount: number;
  /** Arc i goes from source[i] to target[i], carries 0 to capacity[i] units at cost[i] each. */
  source: Int32Array;
  target: Int32Array;
  capacity: Int32Array;
  cost: Float64Array;
  /** What each node puts into the network (negative: takes out). The supplies add up to 0. */
  supply: Int32Array;
  /**
   * Arcs before this index are priced first; the others join the search only when they price out negative once
   * those are optimal, and the method stops only when no arc does: the same optimum, with far fewer arcs scanned per
   * pivot when the caller puts first the arcs likely to be used. All arcs by default.
   */
  core?: number;
}

export interface FlowSolution {
  /** Flow on each arc of the network. */
  flow: Int32Array;
  /** Node potentials of the optimal tree: each arc's reduced cost, cost + π(source) − π(target), is ≥ 0 when its
   * flow is 0, ≤ 0 when it is full, and 0 when it is in between. */
  potential: Float64Array;
  totalCost: number;
  pivots: number;
}

const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
const DIR_UP = 1;
const DIR_DOWN = -1;
const INF = 0x3fffffff;
/**
 * Blocks of a tenth of √m arcs: on matching networks most pivots are degenerate, and pricing, not the tree, is what
 * they cost; smaller blocks than LEMON's √m find an entering arc sooner (measured on the benchmark's cohorts).
 */
const BLOCK_FACTOR = 0.1;

/** Solves the network; throws when no flow meets the supplies. Same network, same answer: no randomness. */
export function minCostFlow(net: FlowNetwork): FlowSolution {
  const n = net.nodeCount;
  const m = net.source.length;
  const all = m + n;
  const nodes = n + 1;
  const root = n;

  const source = new Int32Array(all);
  const target = new Int32Array(all);
  const cap = new Int32Array(all);
  const cost = new Float64Array(all);
  const flow = new Int32Array(all);
  const state = new Int8Array(all);
  source.set(net.source);
  target.set(net.target);
  cap.set(net.capacity);
  cost.set(net.cost);
  state.fill(STATE_LOWER, 0, m);

  const supply = new Int32Array(nodes);
  supply.set(net.supply);
  let sum = 0;
  for (let u = 0; u < n; u++) sum += supply[u]!;
  if (sum !== 0) throw new Error(`the supplies add up to ${sum}, not 0`);

  // An artificial arc dearer than any path of real arcs: it carries flow at the end only if nothing else can.
  let maxCost = 0;
  for (let i = 0; i < m; i++) maxCost = Math.max(maxCost, Math.abs(cost[i]!));
  const artCost = (maxCost + 1) * nodes;
  // Potentials stay within a few times the artificial cost: every sum the method makes is then an exact integer.
  if (!(artCost * 8 < Number.MAX_SAFE_INTEGER)) throw new Error("costs too large to stay exact");

  const parent = new Int32Array(nodes);
  const pred = new Int32Array(nodes);
  const thread = new Int32Array(nodes);
  const revThread = new Int32Array(nodes);
  const succNum = new Int32Array(nodes);
  const lastSucc = new Int32Array(nodes);
  const predDir = new Int8Array(nodes);
  const pi = new Float64Array(nodes);
  const dirtyRevs = new Int32Array(nodes);

  // The first tree. Where one node takes everything out (a sink, as in a matching), every other node hangs from it by
  // a real arc when it has one with room for its own supply, and the sink from the root: the method starts from
  // "everyone straight to the sink" with meaningful potentials, which took 5 times fewer pivots than LEMON's start
  // on the benchmark's networks. Any node without such an arc hangs from the root by an artificial arc, as in LEMON.
  const sink = singleDemand(supply, n);
  const viaArc = new Int32Array(n).fill(-1);
  if (sink >= 0) {
    const incoming = new Uint8Array(n);
    for (let i = 0; i < m; i++) incoming[target[i]!] = 1;
    // Only among the arcs priced first: the others are moved around as they join the search, and must carry nothing.
    for (let i = 0, end = Math.min(net.core ?? m, m); i < end; i++) {
      const u = source[i]!;
      if (target[i] !== sink || viaArc[u] !== -1) continue;
      // A node with no incoming arc never sends more than its supply: an arc of exactly that capacity may be given
      // more room inside the solver (the tree must be able to push more towards the root), which changes no flow.
      if (cap[i]! > supply[u]!) viaArc[u] = i;
      else if (!incoming[u] && cap[i] === supply[u]) {
        viaArc[u] = i;
        cap[i] = INF;
      }
    }
  }
  parent[root] = -1;
  pred[root] = -1;
  pi[root] = 0;
  succNum[root] = nodes;
  let last = root;
  let sinkChildren = 0;
  let sinkInflow = 0;
  if (sink >= 0) {
    thread[last] = sink;
    revThread[sink] = last;
    last = sink;
    parent[sink] = root;
    for (let u = 0; u < n; u++) {
      const a = viaArc[u]!;
      if (a < 0) continue;
      parent[u] = sink;
      pred[u] = a;
      predDir[u] = DIR_UP;
      flow[a] = supply[u]!;
      state[a] = STATE_TREE;
      succNum[u] = 1;
      lastSucc[u] = u;
      thread[last] = u;
      revThread[u] = last;
      last = u;
      sinkChildren++;
      sinkInflow += supply[u]!;
    }
    succNum[sink] = sinkChildren + 1;
    lastSucc[sink] = last;
  }
  for (let u = 0, e = m; u < n; u++, e++) {
    cap[e] = INF;
    source[e] = u;
    target[e] = root;
    if (u === sink) {
      // What does not reach the sink by its children comes through the root, at the artificial cost.
      pred[u] = e;
      state[e] = STATE_TREE;
      const through = -supply[u]! - sinkInflow;
      if (through > 0) {
        predDir[u] = DIR_DOWN;
        source[e] = root;
        target[e] = u;
        flow[e] = through;
        cost[e] = artCost;
        pi[u] = artCost;
      } else predDir[u] = DIR_UP;
      continue;
    }
    // An artificial arc out of the tree carries nothing and is never priced.
    if (viaArc[u]! >= 0) {
      state[e] = STATE_LOWER;
      continue;
    }
    parent[u] = root;
    pred[u] = e;
    succNum[u] = 1;
    lastSucc[u] = u;
    thread[last] = u;
    revThread[u] = last;
    last = u;
    state[e] = STATE_TREE;
    if (supply[u]! >= 0) {
      predDir[u] = DIR_UP;
      flow[e] = supply[u]!;
    } else {
      predDir[u] = DIR_DOWN;
      pi[u] = artCost;
      source[e] = root;
      target[e] = u;
      flow[e] = -supply[u]!;
      cost[e] = artCost;
    }
  }
  thread[last] = root;
  revThread[root] = last;
  lastSucc[root] = last;
  for (let u = 0; u < n; u++) if (viaArc[u]! >= 0) pi[u] = pi[sink]! - cost[viaArc[u]!]!;
  if (n === 0) return { flow: new Int32Array(m), potential: new Float64Array(0), totalCost: 0, pivots: 0 };

  const mAll = m;
  let searched = Math.min(net.core ?? m, m);
  const ids = Int32Array.from({ length: m }, (_, i) => i);
  let blockSize = Math.max(Math.ceil(BLOCK_FACTOR * Math.sqrt(searched)), Math.min(10, searched));
  let nextArc = 0;
  let pivots = 0;

  // Everything below runs once per pivot, millions of times: it is one loop over local typed arrays, with no calls.
  for (;;) {
    // Entering arc: block search.
    let inArc = -1;
    const m = searched;
    {
      let min = 0;
      let cnt = blockSize;
      let e = nextArc;
      let found = false;
      for (let pass = 0; pass < 2 && !found; pass++) {
        const stop = pass === 0 ? m : nextArc;
        for (; e < stop; e++) {
          const c = state[e]! * (cost[e]! + pi[source[e]!]! - pi[target[e]!]!);
          if (c < min) {
            min = c;
            inArc = e;
          }
          if (--cnt === 0) {
            if (min < 0) {
              found = true;
              e++;
              break;
            }
            cnt = blockSize;
          }
        }
        if (pass === 0 && !found) e = 0;
      }
      if (min >= 0) {
        // Optimal on the arcs searched so far: bring in every other arc that prices out negative, or stop.
        let added = 0;
        for (let a = searched; a < mAll; a++) {
          if (cost[a]! + pi[source[a]!]! - pi[target[a]!]! < 0) {
            const b = searched++;
            const ts = source[a]!, tt = target[a]!, tc = cap[a]!, tco = cost[a]!, ti = ids[a]!;
            source[a] = source[b]!; target[a] = target[b]!; cap[a] = cap[b]!; cost[a] = cost[b]!; ids[a] = ids[b]!;
            source[b] = ts; target[b] = tt; cap[b] = tc; cost[b] = tco; ids[b] = ti;
            added++;
          }
        }
        if (added === 0) break;
        blockSize = Math.max(Math.ceil(BLOCK_FACTOR * Math.sqrt(searched)), Math.min(10, searched));
        continue;
      }
      nextArc = e >= m ? 0 : e;
    }

    // Join node: where the two tree paths from the entering arc's ends meet.
    let join: number;
    {
      let u = source[inArc]!;
      let v = target[inArc]!;
      while (u !== v) {
        if (succNum[u]! < succNum[v]!) u = parent[u]!;
        else v = parent[v]!;
      }
      join = u;
    }

    // Leaving arc: the first blocking arc in the cycle's direction keeps the tree strongly feasible.
    let first: number;
    let second: number;
    if (state[inArc] === STATE_LOWER) {
      first = source[inArc]!;
      second = target[inArc]!;
    } else {
      first = target[inArc]!;
      second = source[inArc]!;
    }
    let delta = cap[inArc]!;
    let result = 0;
    let uOut = -1;
    for (let u = first; u !== join; u = parent[u]!) {
      const e = pred[u]!;
      let d = flow[e]!;
      if (predDir[u] === DIR_DOWN) {
        const c = cap[e]!;
        d = c >= INF ? INF : c - d;
      }
      if (d < delta) {
        delta = d;
        uOut = u;
        result = 1;
      }
    }
    for (let u = second; u !== join; u = parent[u]!) {
      const e = pred[u]!;
      let d = flow[e]!;
      if (predDir[u] === DIR_UP) {
        const c = cap[e]!;
        d = c >= INF ? INF : c - d;
      }
      if (d <= delta) {
        delta = d;
        uOut = u;
        result = 2;
      }
    }
    const change = result !== 0;
    const uIn = result === 1 ? first : second;
    const vIn = result === 1 ? second : first;
    if (delta >= INF) throw new Error("unbounded: a cycle of negative cost with no capacity limit");
    pivots++;

    // Flow along the cycle.
    if (delta > 0) {
      const val = state[inArc]! * delta;
      flow[inArc] = flow[inArc]! + val;
      for (let u = source[inArc]!; u !== join; u = parent[u]!) flow[pred[u]!] = flow[pred[u]!]! - predDir[u]! * val;
      for (let u = target[inArc]!; u !== join; u = parent[u]!) flow[pred[u]!] = flow[pred[u]!]! + predDir[u]! * val;
    }
    if (!change) {
      state[inArc] = -state[inArc]! as -1 | 1;
      continue;
    }
    state[inArc] = STATE_TREE;
    state[pred[uOut]!] = flow[pred[uOut]!] === 0 ? STATE_LOWER : STATE_UPPER;

    // The tree: the subtree below the leaving arc hangs from the entering arc now.
    const oldRevThread = revThread[uOut]!;
    const oldSuccNum = succNum[uOut]!;
    const oldLastSucc = lastSucc[uOut]!;
    const vOut = parent[uOut]!;
    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc]!;
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn]!;
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc]! : thread[vIn]!;
      let stem = uIn;
      let parStem = vIn;
      let last = lastSucc[uIn]!;
      let after = thread[last]!;
      thread[vIn] = uIn;
      let dirty = 0;
      dirtyRevs[dirty++] = vIn;
      while (stem !== uOut) {
        const nextStem = parent[stem]!;
        thread[last] = nextStem;
        dirtyRevs[dirty++] = last;
        const before = revThread[stem]!;
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parStem;
        parStem = stem;
        stem = nextStem;
        last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem]! : lastSucc[stem]!;
        after = thread[last]!;
      }
      parent[uOut] = parStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (let i = 0; i < dirty; i++) {
        const u = dirtyRevs[i]!;
        revThread[thread[u]!] = u;
      }
      let tmpSc = 0;
      const tmpLs = lastSucc[uOut]!;
      for (let u = uOut, p = parent[u]!; u !== uIn; u = p, p = parent[u]!) {
        pred[u] = pred[p]!;
        predDir[u] = -predDir[p]! as -1 | 1;
        tmpSc += succNum[u]! - succNum[p]!;
        succNum[u] = tmpSc;
        lastSucc[p] = tmpLs;
      }
      pred[uIn] = inArc;
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
      succNum[uIn] = oldSuccNum;
    }
    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut]!;
    for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]!) lastSucc[u] = lastSuccOut;
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = oldRevThread;
    } else if (lastSuccOut !== oldLastSucc) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = lastSuccOut;
    }
    for (let u = vIn; u !== join; u = parent[u]!) succNum[u] = succNum[u]! + oldSuccNum;
    for (let u = vOut; u !== join; u = parent[u]!) succNum[u] = succNum[u]! - oldSuccNum;

    // Potentials of the moved subtree.
    const sigma = pi[vIn]! - pi[uIn]! - predDir[uIn]! * cost[inArc]!;
    const end = thread[lastSucc[uIn]!]!;
    for (let u = uIn; u !== end; u = thread[u]!) pi[u] = pi[u]! + sigma;
  }

  for (let e = m; e < all; e++) {
    if (flow[e] !== 0) throw new Error("infeasible: no flow meets the supplies");
  }
  let totalCost = 0;
  for (let e = 0; e < m; e++) totalCost += flow[e]! * cost[e]!;
  const outFlow = new Int32Array(m);
  for (let e = 0; e < m; e++) outFlow[ids[e]!] = flow[e]!;
  // Potentials relative to the root, which is not part of the caller's network.
  return { flow: outFlow, potential: pi.slice(0, n), totalCost, pivots };
}

/** The one node with a negative supply, or -1 when there is none or more than one. */
function singleDemand(supply: Int32Array, n: number): number {
  let found = -1;
  for (let u = 0; u < n; u++) {
    if (supply[u]! >= 0) continue;
    if (found >= 0) return -1;
    found = u;
  }
  return found;
}
