/**
 * Labels for a picker: each item's own, and where two items would read the same (two tandems with the same
 * partner, one from an earlier cycle), that label and what tells them apart.
 */
export function distinctLabels<T>(items: readonly T[], base: (x: T) => string, more: (x: T) => string): (x: T) => string {
  const counts = new Map<string, number>();
  for (const x of items) counts.set(base(x), (counts.get(base(x)) ?? 0) + 1);
  return (x) => ((counts.get(base(x)) ?? 0) > 1 ? `${base(x)} · ${more(x)}` : base(x));
}
