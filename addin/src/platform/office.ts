/// <reference types="office-js" />
import type { SignInChallenge } from "@tandem/ui";
import { entraApp, nestedAppToken } from "./nested-app-auth";
/**
 * The one module that knows Office.js. Office.js itself is a classic script that taskpane.html loads before the
 * app (from the @microsoft/office-js package locally, from Microsoft's CDN in production); everything else
 * reads the host through what this module exposes.
 */

export const officeThemes = ["light", "dark", "contrast"] as const;
export type OfficeTheme = (typeof officeThemes)[number];

/** The message or meeting the task pane was opened on. */
export interface OutlookItem {
  itemType: "message" | "appointment";
  /** "read": a received message or a meeting as an attendee; "organizer": a meeting I organise (compose form). */
  mode: "read" | "organizer" | "compose";
  /** The meeting's id as Microsoft Graph knows it (REST format), or null: a message, or a meeting not saved yet. */
  eventId: string | null;
  categories: string[];
  subject: string | null;
  /** The sender of a message read, lower-cased: the person to book with, most likely. */
  from: string | null;
}

export interface OutlookHost {
  inOutlook: true;
  /** Outlook's display language, e.g. "fr-FR". */
  locale: string;
  theme: OfficeTheme;
  /** Outlook's theme changed, or the system's high contrast was turned on or off. */
  onThemeChange(handler: (theme: OfficeTheme) => void): void;
  /** An access token for Tandem's api: nested app authentication first, Office single sign-on where it is not supported. */
  getToken(challenge?: SignInChallenge): Promise<string>;
  currentItem(): Promise<OutlookItem | null>;
}

export type OfficeContext = OutlookHost | { inOutlook: false };

/**
 * Neither sign-in worked: `code` is Office SSO's (13001 not signed in, 13002 cancelled, 13006/13007/13012 SSO
 * unavailable...), `nested` what nested app authentication answered before, when it was tried.
 */
export class OfficeSignInError extends Error {
  constructor(
    readonly code: number | null,
    message: string,
    readonly nested: string | null = null,
  ) {
    super(message);
    this.name = "OfficeSignInError";
  }
}

const hasOffice = () => typeof Office !== "undefined" && typeof Office.onReady === "function";

/**
 * Waits for Office.js. In a plain browser Office.js answers at once with host null; a frame that Outlook never
 * talks to would leave us waiting, hence the timeout.
 */
export async function connectOffice(timeoutMs = 3000): Promise<OfficeContext> {
  if (!hasOffice()) return { inOutlook: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    Office.onReady().catch(() => null),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (!info || info.host !== Office.HostType.Outlook) return { inOutlook: false };
  return {
    inOutlook: true,
    locale: Office.context.displayLanguage || "en-US",
    theme: themeOf(Office.context.officeTheme, forcedColors()),
    onThemeChange: followTheme,
    getToken,
    currentItem: () => readItem(Office.context.mailbox),
  };
}

/**
 * Outlook names its theme by colours (Mailbox 1.14); a dark body background means a dark theme. High contrast is
 * the system's (Windows contrast themes): the pane's web view then forces its colours (`forced-colors: active`),
 * and the pane follows with Fluent's high-contrast theme.
 */
export function themeOf(theme: Pick<Office.OfficeTheme, "bodyBackgroundColor"> | undefined, forced = false): OfficeTheme {
  if (forced) return "contrast";
  const hex = /^#?([0-9a-f]{6})$/i.exec(theme?.bodyBackgroundColor ?? "")?.[1];
  if (!hex) return "light";
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? "dark" : "light";
}

const FORCED_COLORS = "(forced-colors: active)";
const forcedColors = () => typeof matchMedia === "function" && matchMedia(FORCED_COLORS).matches;

/** Follows Outlook's theme changes (Mailbox 1.14) and the system's high contrast, where the host tells them. */
function followTheme(handler: (theme: OfficeTheme) => void) {
  const now = () => handler(themeOf(Office.context.officeTheme, forcedColors()));
  if (typeof matchMedia === "function") matchMedia(FORCED_COLORS).addEventListener?.("change", now);
  try {
    Office.context.mailbox?.addHandlerAsync?.(Office.EventType.OfficeThemeChanged, now);
  } catch {
    // Older Outlook: its theme is read once, when the pane opens.
  }
}

/** The host gives nested app authentication (Mailbox's NestedAppAuth 1.1 requirement set). */
function hostNestsAuth(): boolean {
  try {
    return Office.context.requirements?.isSetSupported?.("NestedAppAuth", "1.1") === true;
  } catch {
    return false;
  }
}

/**
 * A token for the api. Nested app authentication where the host supports it and the build names the Entra app;
 * Office single sign-on otherwise, or when the first fails. Office SSO asks for a token for our api only: the api
 * reaches Graph on behalf of the user with admin consent (`forMSGraphAccess` would make a sideloaded add-in fail
 * with 13012).
 */
async function getToken(challenge?: SignInChallenge): Promise<string> {
  const app = entraApp();
  let nested: string | null = null;
  if (app && hostNestsAuth()) {
    try {
      return await nestedAppToken(app, challenge);
    } catch (e) {
      // MSAL's errors carry a code (often empty for a host's refusal), a message and a name.
      const { errorCode, message, name } = (e ?? {}) as { errorCode?: string; message?: string; name?: string };
      nested = errorCode || message || name || String(e);
    }
  }
  try {
    // A Conditional Access challenge's claims go to Office as `authChallenge`.
    return await Office.auth.getAccessToken({
      allowSignInPrompt: true,
      allowConsentPrompt: true,
      ...(challenge?.claims ? { authChallenge: challenge.claims } : {}),
    });
  } catch (e) {
    const { code, message } = (e ?? {}) as { code?: number; message?: string };
    throw new OfficeSignInError(typeof code === "number" ? code : null, message ?? "Office could not sign you in", nested);
  }
}

/** An Office callback API as a promise that settles with the value, or null when Office reports a failure. */
function valueOf<T>(start: (callback: (r: Office.AsyncResult<T>) => void) => void): Promise<T | null> {
  return new Promise((resolve) => {
    try {
      start((r) => resolve(r.status === Office.AsyncResultStatus.Succeeded ? r.value : null));
    } catch {
      resolve(null);
    }
  });
}

type AnyItem = Office.MessageRead & Office.AppointmentRead & Office.AppointmentCompose & Office.MessageCompose;

/**
 * The item the pane was opened on. Read mode gives its EWS id in `itemId`; the organizer's form gives it through
 * `getItemIdAsync` (Mailbox 1.8) once the meeting is saved. Either is converted to the REST id Graph uses.
 */
export async function readItem(mailbox: Office.Mailbox | undefined): Promise<OutlookItem | null> {
  const item = mailbox?.item as AnyItem | null | undefined;
  if (!mailbox || !item) return null;
  const itemType = item.itemType === Office.MailboxEnums.ItemType.Appointment ? "appointment" : "message";
  const read = typeof item.itemId === "string" && item.itemId.length > 0;
  const mode = read ? "read" : itemType === "appointment" ? "organizer" : "compose";

  let ewsId: string | null = read ? item.itemId : null;
  if (!read && itemType === "appointment" && typeof item.getItemIdAsync === "function") {
    ewsId = await valueOf<string>((cb) => item.getItemIdAsync(cb));
  }
  const eventId =
    itemType === "appointment" && ewsId ? mailbox.convertToRestId(ewsId, Office.MailboxEnums.RestVersion.v2_0) : null;

  const categories =
    typeof item.categories?.getAsync === "function"
      ? ((await valueOf<Office.CategoryDetails[]>((cb) => item.categories.getAsync(cb))) ?? []).map((c) => c.displayName)
      : [];

  const subjectField = item.subject as unknown;
  const subject =
    typeof subjectField === "string"
      ? subjectField
      : typeof (subjectField as Office.Subject | undefined)?.getAsync === "function"
        ? await valueOf<string>((cb) => (subjectField as Office.Subject).getAsync(cb))
        : null;

  const sender = read && itemType === "message" ? (item.from as Office.EmailAddressDetails | undefined)?.emailAddress : undefined;
  const from = typeof sender === "string" && sender ? sender.toLowerCase() : null;

  return { itemType, mode, eventId, categories, subject, from };
}
