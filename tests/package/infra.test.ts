import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/app-package";

const text = (path: string) => readFileSync(join(ROOT, path), "utf8");
const bicep = text("infra/azure.bicep");

/** The body of a Bicep resource declaration, from its first line to the next top-level declaration. */
function resource(symbol: string): string {
  const start = bicep.search(new RegExp(`^resource ${symbol} '`, "m"));
  expect(start, `resource ${symbol}`).toBeGreaterThanOrEqual(0);
  const rest = bicep.slice(start + 1);
  const next = rest.search(/^(resource|output|var|param|module) /m);
  return next < 0 ? bicep.slice(start) : bicep.slice(start, start + 1 + next);
}

/** The api's app settings, as name -> Bicep value expression. */
function appSettings(): Map<string, string> {
  const api = resource("api");
  const settings = new Map<string, string>();
  for (const m of api.matchAll(/name: '([A-Za-z0-9_]+)',?\s*value: ([^\n}]+)/g)) settings.set(m[1]!, m[2]!.trim());
  return settings;
}

const ROLE = {
  storageTableDataContributor: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
};

describe("infra/azure.bicep", () => {
  it("creates the data storage account with its table service, reached by identity only", () => {
    const data = resource("dataStorage");
    expect(data).toContain("'Microsoft.Storage/storageAccounts@");
    expect(data).toMatch(/allowSharedKeyAccess: false/);
    expect(resource("dataTables")).toMatch(/'Microsoft\.Storage\/storageAccounts\/tableServices@[^']+'[\s\S]*parent: dataStorage/);
  });

  it("serves the pages from a Static Web App, deployed with its token, its origin the site's", () => {
    const site = resource("site");
    expect(site).toContain("'Microsoft.Web/staticSites@");
    expect(site).toMatch(/sku: \{ name: siteSku, tier: siteSku \}/);
    expect(bicep).toMatch(/^var siteDomain = site\.properties\.defaultHostname$/m);
    const project = parseYaml(text("teamsapp.yml")) as { provision: { uses: string; with?: Record<string, string>; writeToEnvironmentFile?: Record<string, string> }[] };
    const token = project.provision.find((a) => a.uses === "azureStaticWebApps/getDeploymentToken");
    expect(token?.with?.resourceId).toBe("${{TAB_AZURE_STATIC_WEB_APP_RESOURCE_ID}}");
    expect(token?.writeToEnvironmentFile?.deploymentToken).toMatch(/^SECRET_/);
    expect(bicep).toMatch(/^output TAB_AZURE_STATIC_WEB_APP_RESOURCE_ID string = site\.id$/m);
  });

  it("names the Key Vault within its 24 characters whatever the base name", () => {
    expect(bicep).toMatch(/vault: take\(toLower\('\$\{resourceBaseName\}kv\$\{suffix\}'\), 24\)/);
    // The longest base name the template accepts, "kv" and uniqueString's 13 characters would make 25; the name
    // keeps at least 10 characters of the hash after them.
    const maxBase = Number(/@maxLength\((\d+)\)\s*param resourceBaseName/.exec(bicep)![1]);
    expect(maxBase + 2 + 13).toBeGreaterThan(24);
    expect(24 - maxBase - 2).toBeGreaterThanOrEqual(10);
  });

  it("runs the api in a Function App with a system-assigned identity, on Functions 4 and Node 20 or newer", () => {
    const api = resource("api");
    expect(api).toContain("'Microsoft.Web/sites@");
    expect(api).toMatch(/kind: 'functionapp'/);
    expect(api).toMatch(/identity: \{ type: 'SystemAssigned' \}/);
    const settings = appSettings();
    expect(settings.get("FUNCTIONS_EXTENSION_VERSION")).toBe("'~4'");
    expect(settings.get("FUNCTIONS_WORKER_RUNTIME")).toBe("'node'");
    expect(settings.get("WEBSITE_NODE_DEFAULT_VERSION")).toBe("nodeVersion");
    const node = /@allowed\(\[([^\]]+)\]\)\s*param nodeVersion string = '~(\d+)'/.exec(bicep);
    expect(node).not.toBeNull();
    for (const v of node![1]!.match(/\d+/g)!) expect(Number(v)).toBeGreaterThanOrEqual(20);
  });

  it("configures the api the way api/src/config.ts reads it: azure mode, tables by managed identity, Entra audience and tenants", () => {
    const settings = appSettings();
    expect(settings.get("TANDEM_MODE")).toBe("'azure'");
    expect(settings.get("STORAGE_ACCOUNT_URL")).toBe("dataStorage.properties.primaryEndpoints.table");
    expect(settings.get("AUTH_AUDIENCE")).toBe("aadAppClientId");
    expect(settings.get("AUTH_ALLOWED_TENANTS")).toBe("allowedTenants");
    expect(bicep).toMatch(/param allowedTenants string = '\*'/);
    expect([...settings.keys()]).not.toContain("STORAGE_CONNECTION_STRING");
    const config = text("api/src/config.ts");
    for (const name of ["TANDEM_MODE", "STORAGE_ACCOUNT_URL", "AUTH_AUDIENCE", "AUTH_ALLOWED_TENANTS"]) expect(config).toContain(`${name}:`);
  });

  it("gives the Functions runtime its storage by identity, and no account key but the content share's", () => {
    const settings = appSettings();
    expect(settings.get("AzureWebJobsStorage__accountName")).toBe("runtimeStorage.name");
    expect([...settings.keys()]).not.toContain("AzureWebJobsStorage");
    expect(bicep.match(/listKeys\(/g)).toHaveLength(1);
    expect(bicep).toMatch(/name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING'\s*\n\s*value: 'DefaultEndpointsProtocol=https;AccountName=\$\{runtimeStorage\.name\};AccountKey=\$\{runtimeStorage\.listKeys\(\)/);
  });

  it("grants the api's identity Storage Table Data Contributor on the data account", () => {
    const grant = resource("apiReadsWritesTables");
    expect(grant).toContain("'Microsoft.Authorization/roleAssignments@");
    expect(grant).toMatch(/scope: dataStorage/);
    expect(grant).toContain("roles.storageTableDataContributor");
    expect(grant).toMatch(/principalId: api\.identity\.principalId/);
    expect(bicep).toContain(`storageTableDataContributor: '${ROLE.storageTableDataContributor}'`);
  });

  it("keeps the jobs' queue on the data account, reached by identity, as the api and its queue trigger read it (ADR 0010)", async () => {
    expect(resource("dataQueues")).toMatch(/'Microsoft\.Storage\/storageAccounts\/queueServices@[^']+'[\s\S]*parent: dataStorage/);
    expect(resource("jobsQueue")).toMatch(/parent: dataQueues\s*\n\s*name: 'tandem-jobs'/);
    expect(resource("jobsPoisonQueue")).toMatch(/name: '\$\{jobsQueue\.name\}-poison'/);
    const settings = appSettings();
    expect(settings.get("JobsStorage__queueServiceUri")).toBe("dataStorage.properties.primaryEndpoints.queue");
    expect(settings.get("JOBS_QUEUE")).toBe("jobsQueue.name");
    const grant = resource("apiRunsJobs");
    expect(grant).toMatch(/scope: dataStorage/);
    expect(grant).toContain("roles.storageQueueDataContributor");
    expect(grant).toMatch(/principalId: api\.identity\.principalId/);
    // The trigger's connection and its queue are the ones functions.ts names; the runtime gives up when the api does.
    const functions = text("api/src/functions.ts");
    expect(functions).toContain('connection: "JobsStorage"');
    expect(functions).toContain("queueName: application.config.jobs.queue");
    const config = text("api/src/config.ts");
    for (const name of ["JobsStorage__queueServiceUri", "JOBS_QUEUE"]) expect(config).toContain(`${name}:`);
    const host = JSON.parse(text("api/host.json")) as { functionTimeout: string; extensionBundle?: { id: string }; extensions: { queues: { maxDequeueCount: number } } };
    const { JOB_MAX_ATTEMPTS } = await import("../../api/src/platform/jobs");
    expect(host.extensions.queues.maxDequeueCount).toBe(JOB_MAX_ATTEMPTS);
    // A Node app gets the queue trigger (and its identity-based connection) from the extension bundle.
    expect(host.extensionBundle?.id).toBe("Microsoft.Azure.Functions.ExtensionBundle");
    expect(host.functionTimeout).toBe("00:10:00");
  });

  it("sends telemetry to Application Insights, through the identity", () => {
    expect(resource("insights")).toContain("'Microsoft.Insights/components@");
    const settings = appSettings();
    expect(settings.get("APPLICATIONINSIGHTS_CONNECTION_STRING")).toBe("insights.properties.ConnectionString");
    expect(settings.get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")).toBe("'Authorization=AAD'");
  });

  it("lets the static site's origin call the api", () => {
    expect(resource("api")).toMatch(/allowedOrigins: concat\(\[siteOrigin\], extraCorsOrigins\)/);
    expect(bicep).toMatch(/^var siteOrigin = 'https:\/\/\$\{siteDomain\}'$/m);
  });

  it("outputs what the project file and the app package read, and takes every parameter the parameters file gives", () => {
    const outputs = new Set([...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!));
    const yml = text("teamsapp.yml");
    for (const name of ["TAB_AZURE_STATIC_WEB_APP_RESOURCE_ID", "API_FUNCTION_RESOURCE_ID", "API_ENDPOINT", "TAB_ENDPOINT", "TAB_DOMAIN"]) {
      expect(outputs, name).toContain(name);
    }
    for (const name of ["TAB_AZURE_STATIC_WEB_APP_RESOURCE_ID", "API_FUNCTION_RESOURCE_ID", "API_ENDPOINT"]) expect(yml).toContain(`\${{${name}}}`);
    const params = new Map([...bicep.matchAll(/^param (\w+) \w+( = .*)?$/gm)].map((m) => [m[1]!, m[2] !== undefined]));
    const given = Object.keys((JSON.parse(text("infra/azure.parameters.json")) as { parameters: Record<string, unknown> }).parameters);
    for (const name of given) expect(params.has(name), name).toBe(true);
    for (const [name, hasDefault] of params) if (!hasDefault) expect(given, name).toContain(name);
    // build:web wants the api's https base URL ending with /api.
    expect(bicep).toMatch(/^output API_ENDPOINT string = 'https:\/\/\$\{api\.properties\.defaultHostName\}\/api'$/m);
  });
});

type AadManifest = {
  appId: string;
  signInAudience: string;
  accessTokenAcceptedVersion: number;
  identifierUris: string[];
  oauth2Permissions: { id: string; value: string; type: string; isEnabled: boolean }[];
  preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
  appRoles: { id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }[];
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  replyUrlsWithType: { url: string; type: string }[];
};

describe("aad.manifest.json", () => {
  const aad = JSON.parse(text("aad.manifest.json")) as AadManifest;
  const auth = text("api/src/platform/auth.ts");
  const scopeId = "${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}";

  it("exposes the access_as_user scope the api requires, under the URI Teams SSO asks for, with v2 tokens", () => {
    expect(auth).toContain('REQUIRED_SCOPE = "access_as_user"');
    expect(aad.oauth2Permissions).toEqual([expect.objectContaining({ value: "access_as_user", id: scopeId, type: "User", isEnabled: true })]);
    const manifest = JSON.parse(text("appPackage/manifest.json")) as { webApplicationInfo: { resource: string } };
    expect(aad.identifierUris).toEqual([manifest.webApplicationInfo.resource]);
    expect(aad.identifierUris[0]).toBe("api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}");
    expect(aad.accessTokenAcceptedVersion).toBe(2);
    expect(aad.signInAudience).toBe("AzureADMultipleOrgs");
  });

  it("pre-authorises the Teams, Microsoft 365 and Outlook clients for that scope", () => {
    const ids = [
      "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Teams desktop and mobile
      "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", // Teams web
      "4765445b-32c6-49b0-83e6-1d93765276ca", // Microsoft 365 web
      "0ec893e0-5785-4de6-99da-4ed124e5296c", // Microsoft 365 desktop
      "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft 365 mobile, Outlook desktop
      "bc59ab01-8403-45c6-8796-ac3ef710b3e3", // Outlook web
      "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook mobile
      "ea5a67f6-b6f3-4338-b240-c655ddc3cc8e", // every Office endpoint (Office add-in SSO)
    ];
    for (const id of ids) {
      expect(aad.preAuthorizedApplications, id).toContainEqual({ appId: id, permissionIds: [scopeId] });
    }
  });

  it("defines the Coordinator app role the api checks, for users", () => {
    expect(auth).toContain('COORDINATOR_ROLE = "Coordinator"');
    expect(aad.appRoles).toEqual([expect.objectContaining({ value: "Coordinator", allowedMemberTypes: ["User"], isEnabled: true })]);
    expect(aad.appRoles[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("asks Microsoft Graph for exactly the permissions the README justifies: delegated ones, and User.Read.All and Calendars.ReadWrite for the app alone", () => {
    const graph = "00000003-0000-0000-c000-000000000000";
    expect(aad.requiredResourceAccess.map((r) => r.resourceAppId)).toEqual([graph]);
    const delegated: Record<string, string> = {
      openid: "37f7f235-527c-4136-accd-4a02d197296e",
      profile: "14dad69e-099b-42c9-810b-d002981feec1",
      "User.Read": "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
      "Calendars.ReadWrite": "1ec239c2-d7c9-4623-a91a-a9775856bb36",
      "MailboxSettings.Read": "87f447af-9fa4-4c32-9dfa-4a57a73d18ce",
    };
    // The directory sync reads the organisation with the app's own identity: application User.Read.All; the orphan
    // sweep cancels meetings no session knows in their organizer's calendar: application Calendars.ReadWrite.
    const application: Record<string, string> = {
      "User.Read.All": "df021288-bdef-4463-88db-98f22de89214",
      "Calendars.ReadWrite": "ef54d2bf-783f-4e0f-bca1-3210c0444d99",
    };
    const access = aad.requiredResourceAccess[0]!.resourceAccess;
    expect(access.filter((a) => a.type === "Scope").map((a) => a.id).sort()).toEqual(Object.values(delegated).sort());
    expect(access.filter((a) => a.type === "Role").map((a) => a.id)).toEqual(Object.values(application));
    // No delegated directory read: request paths read the synced directory, never Graph's.
    expect(access.map((a) => a.id)).not.toContain("b340eb25-3456-403f-be2f-af7a0d370277"); // User.ReadBasic.All
    expect(access.map((a) => a.id)).not.toContain("a154be20-db9c-4678-8ab7-66f6cc099a59"); // User.Read.All, delegated
    expect(access.map((a) => a.id)).not.toContain("7ab1d382-f21e-4acd-a863-ba3e13f7da61"); // Directory.Read.All
    const readme = text("README.md");
    expect(readme).toContain("## Permissions");
    const section = readme.slice(readme.indexOf("## Permissions"));
    for (const name of [...Object.keys(delegated), ...Object.keys(application)]) expect(section, name).toContain(`\`${name}\``);
    expect(section).toMatch(/User\.Read\.All.*application/i);
  });

  it("lets the tab and the task pane sign in with MSAL and nested app authentication", () => {
    expect(aad.replyUrlsWithType).toContainEqual({ url: "brk-multihub://${{TAB_DOMAIN}}", type: "Spa" });
    expect(aad.replyUrlsWithType).toContainEqual({ url: "${{TAB_ENDPOINT}}/taskpane.html", type: "Spa" });
  });
});
