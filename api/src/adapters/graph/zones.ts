/**
 * Outlook mailboxes name time zones the Windows way ("Romance Standard Time"); Tandem speaks IANA. The zones of
 * the demo organisation (the Graph simulator's), the documentation's examples and the largest offices of a
 * typical tenant; a name that is already IANA passes through. Unknown names answer null: guessing a zone would
 * shift every time by hours.
 */
const WINDOWS_TO_IANA: Record<string, string> = {
  "romance standard time": "Europe/Paris",
  "w. europe standard time": "Europe/Berlin",
  "central europe standard time": "Europe/Budapest",
  "central european standard time": "Europe/Warsaw",
  "gmt standard time": "Europe/London",
  "greenwich standard time": "Atlantic/Reykjavik",
  "eastern standard time": "America/New_York",
  "central standard time": "America/Chicago",
  "mountain standard time": "America/Denver",
  "pacific standard time": "America/Los_Angeles",
  "singapore standard time": "Asia/Singapore",
  "tokyo standard time": "Asia/Tokyo",
  "china standard time": "Asia/Shanghai",
  "india standard time": "Asia/Kolkata",
  "aus eastern standard time": "Australia/Sydney",
  utc: "UTC",
  "tzone://microsoft/utc": "UTC",
};

const isIana = (name: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return name.includes("/") || name === "UTC";
  } catch {
    return false;
  }
};

export function ianaZone(name: string | null | undefined): string | null {
  if (!name) return null;
  return WINDOWS_TO_IANA[name.trim().toLowerCase()] ?? (isIana(name.trim()) ? name.trim() : null);
}
