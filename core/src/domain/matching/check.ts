import type { Locale } from "../common";
import type { Cycle } from "../cycles";
import type { ExistingTandem, MatchingPerson, PairRule } from "./input";
import { buildCohort, ruledOut } from "./rules";
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
