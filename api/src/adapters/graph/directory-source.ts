import { ClientSecretCredential } from "@azure/identity";
import type { User } from "@microsoft/microsoft-graph-types";
import { Id, TandemError, type DirectoryChange, type DirectoryProblem, type DirectorySource, type Locale } from "@tandem/core";
import { graphClient, type RetryPolicy, type TokenSource } from "./client";
import { graphToken } from "./tokens";

/**
 * The organisation from Microsoft Graph's user delta query (`GET /users/delta`), read with the Entra app's own
 * identity (application permission User.Read.All, client credentials in each tenant). The first read returns
 * everyone; the delta link of its last page returns only what changed since.
 */
export const DIRECTORY_SELECT = [
  "displayName",
  "mail",
  "userPrincipalName",
  "jobTitle",
  "department",
  "officeLocation",
  "preferredLanguage",
  "accountEnabled",
  "manager",
].join(",");

/** An app-only token for Graph in one tenant. */
export type AppTokenFor = (tenantId: string) => TokenSource;

/** Client credentials with the Entra app's secret, one credential (and token cache) per tenant. */
export function clientCredentials(app: { clientId: string; clientSecret: string }): AppTokenFor {
  const credentials = new Map<string, ClientSecretCredential>();
  return (tenantId) => async () => {
    let credential = credentials.get(tenantId);
    if (!credential) {
      credential = new ClientSecretCredential(tenantId, app.clientId, app.clientSecret);
      credentials.set(tenantId, credential);
    }
    return graphToken(
      credential,
      "Microsoft Entra refused Tandem's own sign-in in this tenant: has an administrator granted admin consent to Tandem (User.Read.All, application)?",
    );
  };
}

type DeltaUser = User & {
  "@removed"?: { reason?: string };
  "manager@delta"?: { id?: string; "@removed"?: unknown }[];
};

interface DeltaResponse {
  value?: DeltaUser[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

const MAX = { displayName: 256, mail: 320, jobTitle: 128, department: 128, officeLocation: 128 };
const clip = (v: string | null | undefined, max: number) => (v ?? "").trim().slice(0, max);

/** Entra's preferredLanguage is a culture ("fr-FR", "en-US"): Tandem speaks French and English. */
const localeOf = (culture: string | null | undefined): Locale | null => {
  const lang = culture?.trim().slice(0, 2).toLowerCase();
  return lang === "fr" || lang === "en" ? lang : null;
};

const isId = (v: unknown): v is string => typeof v === "string" && Id.safeParse(v).success;

/**
 * One user of a delta page, in Tandem's terms: a change, and what is wrong with it if anything. Graph leaves out
 * the properties a user has never had (`mail` for an account without a mailbox), so a selected property that is
 * missing is empty. `manager@delta` comes only when the manager changed: in a whole read, its absence means no
 * manager; in a read of changes, no change.
 */
export function changeOf(u: DeltaUser, wholeRead: boolean): { change: DirectoryChange | null; problem: DirectoryProblem | null } {
  const id = u.id?.toLowerCase();
  if (!isId(id)) {
    return { change: null, problem: { personId: String(u.id ?? "").slice(0, 128), kind: "invalid_user", detail: "the user's id is not an Entra object id" } };
  }
  // A disabled account has left the organisation as far as mentoring goes (leavers are disabled before deletion).
  if (u["@removed"] || u.accountEnabled === false) return { change: { kind: "remove", id }, problem: null };

  const fields: Extract<DirectoryChange, { kind: "upsert" }>["fields"] = {
    displayName: clip(u.displayName || u.userPrincipalName, MAX.displayName),
    mail: clip(u.mail, MAX.mail) || null,
    jobTitle: clip(u.jobTitle, MAX.jobTitle),
    department: clip(u.department, MAX.department),
    officeLocation: clip(u.officeLocation, MAX.officeLocation),
    preferredLanguage: localeOf(u.preferredLanguage),
  };

  let problem: DirectoryProblem | null = null;
  let managerId: string | null | undefined = wholeRead ? null : undefined;
  const managers = u["manager@delta"];
  if (Array.isArray(managers) && managers.length > 0) {
    const current = managers.filter((m) => !m["@removed"]).at(-1);
    const mid = current?.id?.toLowerCase();
    if (current && !isId(mid)) {
      problem = { personId: id, kind: "invalid_user", detail: "the manager's id is not an Entra object id: placed at the top" };
      managerId = null;
    } else managerId = mid ?? null;
  }
  if (!problem && !fields.mail) problem = { personId: id, kind: "no_mail", detail: "no mail address: cannot be invited to sessions" };
  return { change: { kind: "upsert", id, fields, ...(managerId !== undefined ? { managerId } : {}) }, problem };
}

const statusOf = (e: unknown): number => {
  const s = (e as { statusCode?: unknown })?.statusCode;
  return typeof s === "number" ? s : 0;
};
const codeOf = (e: unknown): string => String((e as { code?: unknown })?.code ?? "");

/** Graph's answers to a delta token it cannot continue from: read everything again. */
const RESYNC_CODES = new Set(["syncstatenotfound", "syncstateinvalid", "resyncrequired", "invaliddeltatoken", "expiredtoken"]);

export function graphDirectorySource(options: { baseUrl: string; retry: RetryPolicy; tokenFor: AppTokenFor }): DirectorySource {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  return {
    async read(tenantId, link, wholeRead) {
      let path = `/users/delta?$select=${DIRECTORY_SELECT}`;
      if (link !== null) {
        const url = new URL(link);
        // The app's token goes nowhere but the Graph endpoint Tandem is configured with.
        if (url.origin !== base.origin || !url.pathname.startsWith(basePath + "/")) {
          throw new TandemError("internal", `The directory's next page is not on ${base.origin}${basePath}: refused to follow it.`);
        }
        path = url.pathname.slice(basePath.length) + url.search;
      }
      const client = graphClient(options.baseUrl, options.tokenFor(tenantId), options.retry);
      let r: DeltaResponse;
      try {
        r = await client.api(path).get();
      } catch (e) {
        if (e instanceof TandemError) throw e;
        const status = statusOf(e);
        if (link !== null && (status === 410 || RESYNC_CODES.has(codeOf(e).toLowerCase()))) return "resync";
        if (status === 401 || status === 403) {
          throw new TandemError("unavailable", `Microsoft Graph refused to list the directory (HTTP ${status}): has an administrator granted admin consent to Tandem's User.Read.All (application) permission?`);
        }
        throw new TandemError("unavailable", `Microsoft Graph did not answer the directory query (HTTP ${status || "no answer"}, after retries). The sync resumes from this page next time.`);
      }
      const changes: DirectoryChange[] = [];
      const problems: DirectoryProblem[] = [];
      for (const u of r.value ?? []) {
        const { change, problem } = changeOf(u, wholeRead);
        if (change) changes.push(change);
        if (problem) problems.push(problem);
      }
      const next = r["@odata.nextLink"];
      const delta = r["@odata.deltaLink"];
      if (next) return { changes, problems, next: { page: next } };
      if (delta) return { changes, problems, next: { nextSync: delta } };
      throw new TandemError("unavailable", "Microsoft Graph answered a directory page with neither a next link nor a delta link.");
    },
  };
}

/** Local mode: app-only tokens from the development issuer, which the Graph simulator trusts. */
export const developmentAppTokens =
  (signApp: (claims: { tenantId: string; roles: string[] }) => Promise<{ token: string }>, roles: string[] = ["User.Read.All"]): AppTokenFor =>
  (tenantId) =>
  async () =>
    (await signApp({ tenantId, roles })).token;

/** Without the Entra app's credentials, the sync says so instead of guessing. */
export const unconfiguredDirectorySource: DirectorySource = {
  async read() {
    throw new TandemError(
      "unavailable",
      "The directory sync needs the Entra app's credentials (AAD_APP_CLIENT_ID and AAD_APP_CLIENT_SECRET) and admin consent to User.Read.All (application).",
    );
  },
};
