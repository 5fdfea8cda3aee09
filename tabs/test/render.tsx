import { useMemo, useState, type ReactElement, type ReactNode } from "react";
import { afterEach } from "vitest";
import { cleanup, render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { api, type Endpoint, type Me, type Skill } from "@tandem/core";
import { ApiError, type Call, type CallInput, type Result } from "@tandem/ui";
import { createI18n, I18nProvider } from "../src/i18n/i18n";
import { SessionContext, prefetch, type Session } from "../src/app/session";

afterEach(cleanup);

// happy-dom runs Web Animations but cancels them when an element leaves the page, rejecting promises that nobody
// awaits. Without element.animate, Fluent's motion takes the path it keeps for test environments.
Object.defineProperty(Element.prototype, "animate", { value: undefined, configurable: true, writable: true });

/**
 * A thin fake of the api client for component tests: it records every call, answers from handlers keyed by
 * endpoint id, and holds both sides to the contract (the request as the api would parse it, the answer as the
 * client would check it). Real HTTP is covered by the api tests.
 */
type Answer = unknown | { data: unknown; etag?: string | null };
export type Handler = (input: CallInput<Endpoint>) => Answer | Promise<Answer>;
export interface Recorded {
  id: string;
  input: CallInput<Endpoint>;
}
export interface FakeApi {
  call: Call;
  calls: Recorded[];
  /** Replaces or adds a handler. */
  on(id: keyof typeof api, handler: Handler): void;
  callsTo(id: keyof typeof api): Recorded[];
}

const isReply = (a: unknown): a is { data: unknown; etag?: string | null } =>
  typeof a === "object" && a !== null && "data" in a && Object.keys(a).every((k) => k === "data" || k === "etag");

export function fakeApi(handlers: Partial<Record<keyof typeof api, Handler>> = {}): FakeApi {
  const table = new Map<string, Handler>(Object.entries(handlers) as [string, Handler][]);
  const calls: Recorded[] = [];
  const call = (async (e: Endpoint, input: CallInput<Endpoint> = {}) => {
    calls.push({ id: e.id, input });
    const handler = table.get(e.id);
    if (!handler) throw new Error(`the fake api has no answer for ${e.id}`);
    if (e.body) {
      const parsed = e.body.safeParse(input.body);
      if (!parsed.success) {
        throw new ApiError(
          400,
          "validation",
          "The request is not valid",
          parsed.error.issues.map((i) => ({ pointer: `/${i.path.join("/")}`, detail: i.message })),
        );
      }
    }
    if (e.ifMatch === "required" && !input.ifMatch) throw new ApiError(428, "precondition_required", "If-Match required");
    const answer = await handler(input);
    const { data, etag } = isReply(answer) ? answer : { data: answer, etag: undefined };
    if (e.status === 204) return { data: {}, etag: null } satisfies Result<unknown>;
    const checked = e.response.parse(data);
    return { data: checked, etag: etag ?? (checked as { etag?: string }).etag ?? null } satisfies Result<unknown>;
  }) as Call;
  return {
    call,
    calls,
    on: (id, handler) => void table.set(id, handler),
    callsTo: (id) => calls.filter((c) => c.id === id),
  };
}

/** Holds `me` like the app shell does: refreshMe() reads GET /me again through the fake. */
function TestSession({ fake, me: initial, children }: { fake: FakeApi; me: Me; children: ReactNode }) {
  const [me, setMe] = useState(initial);
  const session = useMemo<Session>(
    () => ({
      call: fake.call,
      me,
      openLink: () => undefined,
      prefetched: prefetch({}),
      refreshMe: async () => setMe((await fake.call(api.getMe)).data),
    }),
    [fake, me],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function renderView(
  ui: ReactElement,
  { fake, me, locale = "en-GB", timeZone = "Europe/Paris" }: { fake: FakeApi; me: Me; locale?: string; timeZone?: string },
) {
  const user = userEvent.setup();
  const i18n = createI18n(locale, timeZone);
  const utils = render(
    <FluentProvider theme={teamsLightTheme}>
      <I18nProvider value={i18n}>
        <TestSession fake={fake} me={me}>
          {ui}
        </TestSession>
      </I18nProvider>
    </FluentProvider>,
  );
  return { user, ...utils };
}

// Contract-valid data.

export const ids = {
  tenant: "6b1f6a4e-2f5c-4a53-9a43-0c7c2c1d5b10",
  lucas: "e85c1afa-a047-459e-be3a-09b2d3a8b3e8",
  catherine: "e260ec44-86df-49cd-be73-b97edc97581e",
};

export const skills: Skill[] = [
  { id: "excel-power-query", label: { fr: "Excel : Power Query", en: "Excel: Power Query" }, category: "software", retired: false },
  { id: "teams-meetings", label: { fr: "Réunions Teams", en: "Teams meetings" }, category: "collaboration", retired: false },
  { id: "copilot-in-m365", label: { fr: "Copilot dans Microsoft 365", en: "Copilot in Microsoft 365" }, category: "ai", retired: false },
];

export const skillList = () => ({ items: skills.map((s) => ({ ...s, etag: `W/"skill-${s.id}"` })) });

/** A profile as GET /me returns it, with its ETag. */
export type ProfileView = NonNullable<Me["profile"]>;

let version = 0;
export const nextEtag = () => `W/"v${++version}"`;

export function profileOf(overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    id: ids.lucas,
    displayName: "Lucas Martin",
    programRoles: ["mentor"],
    offers: [{ skillId: "excel-power-query", level: "advanced" }],
    requests: [],
    languages: ["fr", "en"],
    timeZone: "Europe/Paris",
    capacity: 2,
    paused: false,
    trainingCompleted: [],
    createdAt: "2026-09-01T08:00:00.000Z",
    updatedAt: "2026-09-01T08:00:00.000Z",
    etag: nextEtag(),
    ...overrides,
  };
}

export function meOf(profile: ProfileView | null, overrides: Partial<Me> = {}): Me {
  const id = profile?.id ?? ids.catherine;
  return {
    id,
    tenantId: ids.tenant,
    displayName: profile?.displayName ?? "Catherine Delaunay",
    roles: [...(profile?.programRoles ?? [])],
    profile,
    directory: {
      id,
      displayName: profile?.displayName ?? "Catherine Delaunay",
      mail: "someone@brisemer.example",
      jobTitle: "Directrice générale",
      department: "Direction",
      managerId: null,
      timeZone: "America/Toronto",
      preferredLanguage: "fr",
    },
    ...overrides,
  };
}
