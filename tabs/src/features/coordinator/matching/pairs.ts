/** A mentor and a mentee, as pins, removals and "why not" name them. */
export interface Pair {
  mentorId: string;
  menteeId: string;
}

export const samePair = (a: Pair, b: Pair) => a.mentorId === b.mentorId && a.menteeId === b.menteeId;
