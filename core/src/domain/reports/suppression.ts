/**
 * The minimum group size, and complementary suppression (README, "Reports and privacy").
 *
 * A figure is a sum of contributions; each contribution belongs to one person in one role (an "atom",
 * `person|role`). A cut (a department, a role) is the set of atoms its figures add up; the total is all of them.
 * The people behind a set of atoms are the distinct persons in it. The rule, with k the minimum group size:
 *
 *   1. A figure about 1 to k-1 people is hidden (a figure about nobody is zero, and shown).
 *   2. Within one dimension (the departments, the roles), when the total is shown, the hidden cuts together are
 *      about 0 or at least k people: otherwise the total minus the shown cuts would give them away. The smallest
 *      shown cut is hidden too until they are.
 *   3. For any two shown figures where one adds up a part of the other's atoms, what the larger adds beyond the
 *      smaller is about 0 or at least k people: otherwise the smaller one is hidden too.
 *
 * Rules 2 and 3 are applied until nothing changes; under a hidden total every cut is hidden. Months split the period's total over time: every month of a cut
 * is about the same people as the cut, so a month is shown exactly when its cut is.
 */

export const MIN_GROUP_SIZE_FLOOR = 5;

/** The configured minimum group size, never below 5. */
export const minGroupSize = (configured?: number | null) => Math.max(MIN_GROUP_SIZE_FLOOR, Math.floor(configured ?? MIN_GROUP_SIZE_FLOOR));

export const hiddenReasons = ["fewer_than_minimum", "complementary"] as const;
export type HiddenReason = (typeof hiddenReasons)[number];

export interface Cut {
  id: string;
  /** Cuts of one dimension are disjoint or overlapping parts of the total ("department", "role"). */
  dimension: string;
  atoms: ReadonlySet<string>;
}

export const atom = (personId: string, role: string) => `${personId}|${role}`;
const personOf = (a: string) => a.slice(0, a.indexOf("|"));
export const peopleIn = (atoms: Iterable<string>) => new Set([...atoms].map(personOf)).size;

const isSubset = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size <= b.size && [...a].every((x) => b.has(x));
const minus = (b: ReadonlySet<string>, a: ReadonlySet<string>) => [...b].filter((x) => !a.has(x));
const small = (n: number, k: number) => n > 0 && n < k;

/** Which of the total and the cuts are hidden, and why (null: shown). The total's id is "total". */
export function suppress(totalAtoms: ReadonlySet<string>, cuts: readonly Cut[], k: number): Map<string, HiddenReason | null> {
  const total: Cut = { id: "total", dimension: "total", atoms: totalAtoms };
  const all = [total, ...cuts];
  const people = new Map(all.map((c) => [c.id, peopleIn(c.atoms)]));
  const hidden = new Map<string, HiddenReason | null>(all.map((c) => [c.id, small(people.get(c.id)!, k) ? "fewer_than_minimum" : null]));
  const shown = (c: Cut) => hidden.get(c.id) === null;
  const hide = (c: Cut) => hidden.set(c.id, "complementary");

  for (let changed = true; changed; ) {
    changed = false;
    if (shown(total)) {
      for (const dimension of new Set(cuts.map((c) => c.dimension))) {
        const group = cuts.filter((c) => c.dimension === dimension);
        const covered = new Set(group.filter((c) => !shown(c)).flatMap((c) => [...c.atoms]));
        if (!small(peopleIn(covered), k)) continue;
        const next = group
          .filter((c) => shown(c) && people.get(c.id)! > 0)
          .sort((a, b) => people.get(a.id)! - people.get(b.id)! || a.id.localeCompare(b.id))[0];
        hide(next ?? total);
        changed = true;
      }
    }
    for (const a of all) {
      if (!shown(a)) continue;
      for (const b of all) {
        if (a === b || !shown(b) || !isSubset(a.atoms, b.atoms)) continue;
        if (small(peopleIn(minus(b.atoms, a.atoms)), k)) {
          hide(a);
          changed = true;
          break;
        }
      }
    }
  }
  // Under a hidden total, even a cut about nobody says nothing.
  if (!shown(total)) for (const c of cuts) if (shown(c)) hide(c);
  return hidden;
}
