import { createHash } from "node:crypto";

/**
 * An id derived from a name (RFC 9562's version 8, its bits from SHA-256): the same name gives the same id in every
 * process and on every retry, so a write repeated after a lost answer lands on the row it already wrote.
 */
export function idFromName(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
