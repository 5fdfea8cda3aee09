import { TandemError } from "@tandem/core";
import { findIana, findIanaAliases, findWindows } from "windows-iana";

/**
 * Tandem speaks IANA zones (what browsers and Teams give); Outlook speaks Windows zones ("Romance Standard Time").
 * Graph takes IANA names only from a documented subset, not reliably, and answers mailbox settings and working hours
 * with Windows names: so every zone crosses the boundary converted, both ways, through CLDR's windowsZones mapping
 * (the `windows-iana` package), never through a table of our own.
 */

const intlCanonical = (name: string): string | null => {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
};

const toWindowsCache = new Map<string, string | null>();

/** The Windows name of an IANA zone, through its aliases (Asia/Calcutta, America/Montreal) when CLDR lists another spelling. */
export function windowsNameOf(iana: string): string | null {
  let found = toWindowsCache.get(iana);
  if (found !== undefined) return found;
  const canonical = intlCanonical(iana);
  found = null;
  if (canonical) {
    for (const name of new Set([iana, canonical, ...findIanaAliases(iana), ...findIanaAliases(canonical)])) {
      const windows = findWindows(name)[0];
      if (windows) {
        found = windows;
        break;
      }
    }
  }
  toWindowsCache.set(iana, found);
  return found;
}

/**
 * What Graph gets for a Tandem zone. A zone without a Windows equivalent is refused here, before any call to Graph:
 * sending it would get a 400 from Outlook at best, a meeting at the wrong time at worst.
 */
export function toGraphZone(iana: string): string {
  const windows = windowsNameOf(iana);
  if (!windows) {
    throw new TandemError(
      "validation",
      `The time zone '${iana}' has no equivalent in Outlook (Microsoft Graph takes Windows time zones), so Tandem cannot book in it. Choose a nearby city's zone in your Tandem profile.`,
      [{ pointer: "/timeZone", message: `'${iana}' has no Windows time zone equivalent.` }],
    );
  }
  return windows;
}

const toIanaCache = new Map<string, string | null>();

/**
 * The IANA zone of a name Graph answered: a Windows name (the mapping's main zone for it, territory 001), or an IANA
 * name already (Graph echoes some). Null for anything else, such as Outlook's "Customized Time Zone": guessing would
 * shift every time by hours.
 */
export function fromGraphZone(name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  if (!trimmed) return null;
  let found = toIanaCache.get(trimmed);
  if (found !== undefined) return found;
  const windows = trimmed.toLowerCase() === "tzone://microsoft/utc" ? "UTC" : trimmed;
  found = findIana(windows, "001")[0] ?? findIana(windows)[0] ?? null;
  if (!found && (trimmed.includes("/") || trimmed === "UTC") && intlCanonical(trimmed)) found = trimmed;
  toIanaCache.set(trimmed, found);
  return found;
}
