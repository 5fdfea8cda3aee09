/**
 * HiGHS (compiled to WebAssembly) as an independent oracle of the matching's optimum, for tests and the benchmark:
 * never at run time (ADR 0010). The same pairs and places as a linear programme, solved lexicographically in two
 * passes: most people matched, then the highest total fit with that many matched ("most-matched"); or the highest
 * total fit, then the most people with that fit ("best-fit"). No weight trick is shared with the engine.
 */
import loadHighs, { type Highs } from "highs";

export interface OraclePairs {
  mentees: number;
  mentors: number;
  /** Places left per mentor. */
  places: ArrayLike<number>;
  mentee: ArrayLike<number>;
  mentor: ArrayLike<number>;
  /** Fit units of each pair. */
  units: ArrayLike<number>;
}

export interface OracleOptimum {
  matched: number;
  fitUnits: number;
  /** Every variable of HiGHS's solutions was 0 or 1 (within 1e-6). */
  integral: boolean;
  ms: number;
}

let loaded: Promise<Highs> | null = null;
export const highs = () => (loaded ??= loadHighs());

/**
 * `integer`: solve as a MIP (binary pairs), for the small instances of the tests. Otherwise as an LP: the constraint
 * matrix of a bipartite matching with capacities is totally unimodular, and so is it with a fixed number of pairs
 * (a flow of fixed value), so the first pass and the most-matched second pass have integral optima.
 */
export async function highsOptimum(p: OraclePairs, objective: "most-matched" | "best-fit", o: { integer?: boolean; timeLimitSeconds?: number } = {}): Promise<OracleOptimum | "time_limit"> {
  const h = await highs();
  const n = p.mentee.length;
  const t0 = performance.now();
  if (n === 0) return { matched: 0, fitUnits: 0, integral: true, ms: 0 };
  // Rows: one per mentee (at most one mentor), one per mentor (at most their places), then the first pass's level.
  const rows = p.mentees + p.mentors + 1;
  const starts = new Int32Array(n + 1);
  const indices = new Int32Array(3 * n);
  const values = new Float64Array(3 * n);
  const ones = new Float64Array(n).fill(1);
  const fits = Float64Array.from(p.units);
  const first = objective === "most-matched" ? ones : fits;
  const second = objective === "most-matched" ? fits : ones;
  for (let k = 0; k < n; k++) {
    starts[k] = 3 * k;
    indices[3 * k] = p.mentee[k]!;
    indices[3 * k + 1] = p.mentees + p.mentor[k]!;
    indices[3 * k + 2] = rows - 1;
    values[3 * k] = 1;
    values[3 * k + 1] = 1;
    values[3 * k + 2] = first[k]!;
  }
  starts[n] = 3 * n;
  const rowUpper = new Float64Array(rows);
  rowUpper.fill(1, 0, p.mentees);
  for (let j = 0; j < p.mentors; j++) rowUpper[p.mentees + j] = p.places[j]!;
  rowUpper[rows - 1] = h.infinity;
  const rowLower = new Float64Array(rows).fill(-h.infinity);
  const model = {
    numCols: n,
    numRows: rows,
    sense: h.constants.objectiveSense.maximize,
    colCost: first,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: "csc" as const, numRows: rows, numCols: n, starts, indices, values },
    ...(o.integer ? { integrality: new Int32Array(n).fill(1) as unknown as Int32Array } : {}),
  };
  return h.withModel(model, (m) => {
    m.options.set({ output_flag: false, ...(o.timeLimitSeconds ? { time_limit: o.timeLimitSeconds } : {}) });
    m.run();
    if (m.getModelStatus() === h.constants.modelStatus.timeLimit) return "time_limit" as const;
    if (m.getModelStatus() !== h.constants.modelStatus.optimal) throw new Error(`HiGHS: status ${m.getModelStatus()}`);
    const level = Math.round(m.getObjectiveValue());
    let integral = m.getSolution().colValue.every((x) => Math.abs(x - Math.round(x)) < 1e-6);
    // Second pass: keep the first criterion at its optimum, optimise the other.
    m.changeRowBounds(rows - 1, level, level);
    m.changeColsCost({ kind: "range", from: 0, to: n - 1 }, second);
    m.run();
    if (m.getModelStatus() === h.constants.modelStatus.timeLimit) return "time_limit" as const;
    if (m.getModelStatus() !== h.constants.modelStatus.optimal) throw new Error(`HiGHS: status ${m.getModelStatus()} in the second pass`);
    const x = m.getSolution().colValue;
    integral &&= x.every((v) => Math.abs(v - Math.round(v)) < 1e-6);
    let matched = 0;
    let fitUnits = 0;
    for (let k = 0; k < n; k++) {
      const v = Math.round(x[k]!);
      matched += v;
      fitUnits += v * p.units[k]!;
    }
    return { matched, fitUnits, integral, ms: performance.now() - t0 };
  });
}
