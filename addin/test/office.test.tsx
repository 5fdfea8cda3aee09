import { afterEach, describe, expect, it, vi } from "vitest";
import { OfficeMockObject } from "office-addin-mock";
import { connectOffice, OfficeSignInError, themeOf, type OutlookHost } from "../src/platform/office";

/**
 * platform/office.ts against office-addin-mock: the Outlook object model as the documentation describes it for
 * each mode (read: `itemId` and plain values; appointment organizer: `getItemIdAsync` and `getAsync` accessors).
 */
const EWS_ID = "AAMkAGI2THVSAAA=";
const converted: string[] = [];

const enums = {
  HostType: { Outlook: "Outlook", Word: "Word" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  MailboxEnums: {
    ItemType: { Message: "message", Appointment: "appointment" },
    RestVersion: { v1_0: "v1.0", v2_0: "v2.0", Beta: "beta" },
  },
};

const succeeded = <T,>(value: T) => ({ status: "succeeded", value });
const failed = (name: string) => ({ status: "failed", error: { name, message: name, code: 9002 } });

function installOffice(item: Record<string, unknown> | null, more: Record<string, unknown> = {}) {
  converted.length = 0;
  const mock = new OfficeMockObject(
    {
      ...enums,
      onReady: async () => ({ host: "Outlook", platform: "OfficeOnline" }),
      context: {
        displayLanguage: "fr-FR",
        officeTheme: { bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#292929", controlForegroundColor: "#FFFFFF" },
        mailbox: {
          ...(item ? { item } : {}),
          convertToRestId: (id: string, version: string) => {
            converted.push(`${version}:${id}`);
            return `rest:${id.replaceAll("/", "-")}`;
          },
        },
      },
      auth: { getAccessToken: async () => "office-sso-token" },
      ...more,
    },
    "outlook" as never,
  );
  vi.stubGlobal("Office", mock);
  return mock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function outlook(): Promise<OutlookHost> {
  const office = await connectOffice(500);
  if (!office.inOutlook) throw new Error("expected Outlook");
  return office;
}

describe("platform/office.ts in Outlook (office-addin-mock)", () => {
  it("reads a meeting opened as an attendee: its REST id, categories and subject; Outlook's language and dark theme", async () => {
    installOffice({
      itemType: "appointment",
      itemId: EWS_ID,
      subject: "Tandem : Léa et Mathieu",
      categories: { getAsync: (cb: (r: unknown) => void) => cb(succeeded([{ displayName: "Tandem", color: "Preset5" }])) },
    });
    const office = await outlook();
    expect(office.locale).toBe("fr-FR");
    expect(office.theme).toBe("dark");
    expect(await office.currentItem()).toEqual({
      itemType: "appointment",
      mode: "read",
      eventId: `rest:${EWS_ID}`,
      categories: ["Tandem"],
      subject: "Tandem : Léa et Mathieu",
      from: null,
    });
    expect(converted).toEqual([`v2.0:${EWS_ID}`]);
  });

  it("reads a meeting I organise through getItemIdAsync once it is saved, and its subject through getAsync", async () => {
    installOffice({
      itemType: "appointment",
      getItemIdAsync: (cb: (r: unknown) => void) => cb(succeeded(EWS_ID)),
      subject: { getAsync: (cb: (r: unknown) => void) => cb(succeeded("Séance de tandem")) },
      categories: { getAsync: (cb: (r: unknown) => void) => cb(succeeded([])) },
    });
    expect(await (await outlook()).currentItem()).toEqual({
      itemType: "appointment",
      mode: "organizer",
      eventId: `rest:${EWS_ID}`,
      categories: [],
      subject: "Séance de tandem",
      from: null,
    });
  });

  it("has no event id for a meeting not saved yet (ItemNotSaved)", async () => {
    installOffice({
      itemType: "appointment",
      getItemIdAsync: (cb: (r: unknown) => void) => cb(failed("ItemNotSaved")),
      subject: { getAsync: (cb: (r: unknown) => void) => cb(succeeded("")) },
    });
    const item = await (await outlook()).currentItem();
    expect(item).toMatchObject({ itemType: "appointment", mode: "organizer", eventId: null, categories: [] });
    expect(converted).toEqual([]);
  });

  it("reads a message: no event id, its sender to book with", async () => {
    installOffice({
      itemType: "message",
      itemId: "AAMkAGI2TWVzc2FnZQ==",
      subject: "Prochaine séance ?",
      from: { emailAddress: "Mathieu.Tremblay@brisemer.example", displayName: "Mathieu Tremblay" },
    });
    expect(await (await outlook()).currentItem()).toEqual({
      itemType: "message",
      mode: "read",
      eventId: null,
      categories: [],
      subject: "Prochaine séance ?",
      from: "mathieu.tremblay@brisemer.example",
    });
  });

  it("answers null when no item is open", async () => {
    installOffice(null);
    expect(await (await outlook()).currentItem()).toBeNull();
  });

  it("asks Office SSO for a token with prompts allowed, and tells Office's error code when it fails", async () => {
    const getAccessToken = vi.fn(async (_options: unknown) => "office-sso-token");
    installOffice(null, { auth: { getAccessToken } });
    const office = await outlook();
    expect(await office.getToken()).toBe("office-sso-token");
    expect(getAccessToken).toHaveBeenCalledWith({ allowSignInPrompt: true, allowConsentPrompt: true });

    getAccessToken.mockRejectedValueOnce({ code: 13001, message: "The user is not signed in." });
    const error = await office.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeSignInError);
    expect(error).toMatchObject({ code: 13001 });
  });
});

describe("platform/office.ts outside Outlook", () => {
  it("is not in Outlook without Office.js, in a plain browser (host null), in another Office host, or when Office never answers", async () => {
    expect(await connectOffice(50)).toEqual({ inOutlook: false });

    installOffice(null, { onReady: async () => ({ host: null, platform: null }) });
    expect(await connectOffice(50)).toEqual({ inOutlook: false });

    installOffice(null, { onReady: async () => ({ host: "Word", platform: "PC" }) });
    expect(await connectOffice(50)).toEqual({ inOutlook: false });

    installOffice(null, { onReady: () => new Promise(() => undefined) });
    expect(await connectOffice(50)).toEqual({ inOutlook: false });
  });

  it("reads Outlook's theme as dark when its body background is dark, light otherwise or when unknown", () => {
    expect(themeOf({ bodyBackgroundColor: "#FFFFFF" })).toBe("light");
    expect(themeOf({ bodyBackgroundColor: "#f3f2f1" })).toBe("light");
    expect(themeOf({ bodyBackgroundColor: "#262626" })).toBe("dark");
    expect(themeOf(undefined)).toBe("light");
  });

  it("follows the system's high contrast, whatever Outlook's colours", () => {
    expect(themeOf({ bodyBackgroundColor: "#FFFFFF" }, true)).toBe("contrast");
    expect(themeOf({ bodyBackgroundColor: "#262626" }, true)).toBe("contrast");
  });
});
