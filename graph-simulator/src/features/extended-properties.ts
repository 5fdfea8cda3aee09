import type { Event } from "@microsoft/microsoft-graph-types";
import { badRequest } from "../errors";

/**
 * Single-value extended properties on events (https://learn.microsoft.com/graph/api/resources/extended-properties-overview):
 * a client writes MAPI named properties (`String {guid} Name Something`) with the event and reads them back with
 * `$expand=singleValueExtendedProperties($filter=id eq '...')`, the only way Graph returns them. They stay on the
 * item they were written on: attendees' copies do not carry the organizer's (Exchange does not send custom named
 * properties with the invitation). An occurrence of a series shows its master's.
 */

export interface ExtendedProperty {
  id: string;
  value: string;
}

const TYPES = "Binary|Boolean|Currency|CLSID|Double|Float|Integer|Long|Object|Short|String|SystemTime";
/** A named property by GUID and name or id, or a tagged property by its tag. */
const PROPERTY_ID = new RegExp(`^(${TYPES})\\s+(?:\\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\}\\s+(?:Name\\s+\\S.*|Id\\s+0x[0-9a-f]{1,4})|0x[0-9a-f]{1,4})$`, "i");

const sameId = (a: string, b: string) => a.trim().replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();

/** Where render() leaves an item's properties for `$expand`: a symbol, so that JSON never shows them unasked. */
export const EXTENDED = Symbol("singleValueExtendedProperties");

export function readExtendedProperties(value: unknown, existing: ExtendedProperty[] = []): ExtendedProperty[] {
  if (value === undefined || value === null) return existing;
  if (!Array.isArray(value)) throw badRequest("singleValueExtendedProperties must be a collection.");
  const out = [...existing];
  for (const p of value) {
    const { id, value: v } = (p ?? {}) as { id?: unknown; value?: unknown };
    if (typeof id !== "string" || !PROPERTY_ID.test(id.trim())) throw badRequest(`The extended property id '${String(id)}' is not valid.`);
    if (typeof v !== "string") throw badRequest("An extended property's value must be a string.");
    const at = out.findIndex((x) => sameId(x.id, id));
    if (at >= 0) out[at] = { id: out[at]!.id, value: v };
    else out.push({ id: id.trim(), value: v });
  }
  return out;
}

/** `$expand=singleValueExtendedProperties($filter=id eq '...')`: the property asked for, when the item has it. */
export function expandExtended(event: Event, expand: string | null): Record<string, unknown> {
  if (!expand?.trim()) return {};
  const m = /^\s*singleValueExtendedProperties\s*\(\s*\$filter\s*=\s*id\s+eq\s+'((?:[^']|'')*)'\s*\)\s*$/i.exec(expand);
  if (!m) throw badRequest(`The simulator supports $expand=singleValueExtendedProperties($filter=id eq '...') only, not '${expand}'.`, "ErrorInvalidUrlQuery");
  const wanted = m[1]!.replaceAll("''", "'");
  const own = ((event as Record<symbol, ExtendedProperty[] | undefined>)[EXTENDED] ?? []).filter((p) => sameId(p.id, wanted));
  return own.length ? { singleValueExtendedProperties: own.map((p) => ({ id: p.id, value: p.value })) } : {};
}
