import type { Locale } from "../common";
import type { Cycle } from "../cycles";
import type { ExistingTandem, MatchingPerson, PairRule } from "./input";
import { OPEN_STATUSES, buildCohort, ruledOut } from "./rules";
import { describeRule } from "./words";
import type { BrokenRule } from "./runs";

/**
 * The rules a hand-made proposal never escapes: those the engine applies to every pair (ADR 0010), checked by the
 * same code (the cohort of the proposal's people, `ruledOut`). Left to the coordinator's judgement: a pair with no
 * common skill (they may know of one the profiles do not say), and the places, which the api checks on its counter
 * of places when it writes.
 */
const judgement: readonly PairRule[] = ["no_common_skill", "mentor_full", "removed"];

export interface ProposalCheck {
  cycle: Pick<Cycle, "id" | "startsOn" | "matching">;
  mentor: MatchingPerson;
  mentees: MatchingPerson[];
  /** The tandems of the mentor and of the mentees: open ones hold people, past ones are not repeated. */
  tandems: ExistingTandem[];
}

export function brokenRules(p: ProposalCheck): BrokenRule[] {
  const people = new Map<string, MatchingPerson>();
  for (const person of [p.mentor, ...p.mentees]) people.set(person.id, person);
  const cohort = buildCohort({ cycle: p.cycle, people: [...people.values()], tandems: p.tandems, pins: [], removals: [] });
  const out: BrokenRule[] = [];
  for (const mentee of p.mentees) {
    for (const rule of ruledOut(cohort, mentee.id, p.mentor.id)) {
      if (judgement.includes(rule)) continue;
      out.push({ menteeId: mentee.id, rule, words: wordsOf(rule) });
    }
  }
  return out;
}

export const wordsOf = (rule: PairRule): { fr: string; en: string } => ({ fr: describeRule(rule, "fr" as Locale), en: describeRule(rule, "en" as Locale) });

/**
 * The cycles whose dates meet this one's, itself included. A mentee in an open tandem of any of them is matched for
 * this one: cycles may run side by side (the next one is matched while the current one ends), and nobody should be
 * proposed a second mentor while the first is still theirs.
 */
export function overlappingCycles(cycle: Pick<Cycle, "id" | "startsOn" | "endsOn">, cycles: Pick<Cycle, "id" | "startsOn" | "endsOn">[]): Set<string> {
  return new Set([cycle.id, ...cycles.filter((c) => c.startsOn <= cycle.endsOn && c.endsOn >= cycle.startsOn).map((c) => c.id)]);
}

/** Tandems as the engine reads them for a cycle: the open ones of cycles that overlap it count as its own. */
export function asOfCycle<T extends ExistingTandem>(cycleId: string, overlapping: ReadonlySet<string>, tandems: T[]): T[] {
  return tandems.map((t) => (t.cycleId !== cycleId && overlapping.has(t.cycleId) && OPEN_STATUSES.includes(t.status) ? { ...t, cycleId } : t));
}
