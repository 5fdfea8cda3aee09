import type { OutlookItem } from "../platform/office";

/**
 * Local mode only (npm start and tests, in a plain browser): what Outlook would have given, a meeting when the
 * address names one with `?eventId=`. The pane reads it behind __TANDEM_LOCAL__, so a production build has none of
 * it.
 */
export function localItem(): OutlookItem | null {
  const eventId = new URL(window.location.href).searchParams.get("eventId");
  return eventId ? { itemType: "appointment", mode: "read", eventId, categories: [], subject: null, from: null } : null;
}
