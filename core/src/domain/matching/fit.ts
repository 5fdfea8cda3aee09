import type { FitWeights } from "../cycles";
import type { Locale } from "../common";
import { offerLevels, urgencies } from "../people";
import type { FitPart } from "./input";

/**
 * A pair's fit, in whole units: 1,000 units are a perfect fit (100 points). Each part gets a share of the 1,000 in
 * proportion to its weight, rounded down, and earns a fraction of its share; every part is a whole number of units,
 * so totals are exact and the optimum is exact too (ADR 0010).
 */
export const FIT_UNITS = 1000;

export const fitPartNames = ["skill", "urgency", "crossDepartment", "language", "overlap"] as const;
export type FitPartName = (typeof fitPartNames)[number];

export type FitScale = Record<FitPartName, number>;

export function fitScale(weights: FitWeights): FitScale {
  const sum = fitPartNames.reduce((s, p) => s + weights[p], 0);
  const scale = {} as FitScale;
  for (const p of fitPartNames) scale[p] = sum === 0 ? 0 : Math.floor((weights[p] * FIT_UNITS) / sum);
  return scale;
}

/** A beginner teaches a quarter of what an expert does. */
export const levelShare: Record<(typeof offerLevels)[number], number> = { beginner: 0.25, intermediate: 0.5, advanced: 0.75, expert: 1 };
export const urgencyShare: Record<(typeof urgencies)[number], number> = { low: 0, medium: 0.5, high: 1 };
/** A full working week in common (40 hours) earns the whole overlap share. */
export const FULL_OVERLAP_MINUTES = 40 * 60;

export const skillUnits = (scale: FitScale, level: (typeof offerLevels)[number]) => Math.round(scale.skill * levelShare[level]);
export const urgencyUnits = (scale: FitScale, urgency: (typeof urgencies)[number]) => Math.round(scale.urgency * urgencyShare[urgency]);
export const overlapUnits = (scale: FitScale, minutes: number) =>
  Math.round((scale.overlap * Math.min(minutes, FULL_OVERLAP_MINUTES)) / FULL_OVERLAP_MINUTES);

/** What the pair-level parts depend on, besides the skill. */
export interface PairFacts {
  skillId: string;
  level: (typeof offerLevels)[number];
  urgency: (typeof urgencies)[number];
  differentDepartments: boolean;
  sharedLanguages: Locale[];
  sharedMinutes: number;
}

/** Every part of a pair's fit with its units; the score is their sum. */
export function fitParts(scale: FitScale, f: PairFacts): { units: number; parts: FitPart[] } {
  const points = (units: number) => units / 10;
  const skill = skillUnits(scale, f.level);
  const urgency = urgencyUnits(scale, f.urgency);
  const cross = f.differentDepartments ? scale.crossDepartment : 0;
  const language = f.sharedLanguages.length > 0 ? scale.language : 0;
  const overlap = overlapUnits(scale, f.sharedMinutes);
  return {
    units: skill + urgency + cross + language + overlap,
    parts: [
      { part: "skill", skillId: f.skillId, level: f.level, points: points(skill), max: points(scale.skill) },
      { part: "urgency", skillId: f.skillId, urgency: f.urgency, points: points(urgency), max: points(scale.urgency) },
      { part: "crossDepartment", different: f.differentDepartments, points: points(cross), max: points(scale.crossDepartment) },
      { part: "language", languages: f.sharedLanguages, points: points(language), max: points(scale.language) },
      { part: "overlap", hoursPerWeek: Math.round(f.sharedMinutes / 6) / 10, points: points(overlap), max: points(scale.overlap) },
    ],
  };
}
