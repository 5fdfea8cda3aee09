import { checkInFor, type CheckIn, type CheckInView, type Relation, type Versioned } from "@tandem/core";

/** A check-in as this reader may see it (a coordinator: the rating, not the text), or null when they may not. */
export function checkInView(c: Versioned<CheckIn>, relation: Relation): CheckInView | null {
  const visible = checkInFor(c.value, relation);
  return visible ? { ...visible, etag: c.etag } : null;
}
