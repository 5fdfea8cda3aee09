import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/app-package";

type Action = {
  uses: string;
  name?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
};
type Project = { version: string; environmentFolderPath: string; provision: Action[]; deploy: Action[]; publish?: Action[] };

const read = (file: string) => parseYaml(readFileSync(join(ROOT, file), "utf8")) as Project;
const rootScripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** The actions of the Teams toolkit's project schema v1.x (https://aka.ms/teamsfx-actions). */
const TOOLKIT_ACTIONS = new Set([
  "aadApp/create",
  "aadApp/update",
  "arm/deploy",
  "azureStorage/enableStaticWebsite",
  "azureStorage/deploy",
  "azureAppService/zipDeploy",
  "azureFunctions/zipDeploy",
  "azureStaticWebApps/getDeploymentToken",
  "cli/runNpmCommand",
  "cli/runNpxCommand",
  "cli/runDotnetCommand",
  "teamsApp/create",
  "teamsApp/validateManifest",
  "teamsApp/validateAppPackage",
  "teamsApp/zipAppPackage",
  "teamsApp/update",
  "teamsApp/publishAppPackage",
  "teamsApp/extendToM365",
  "file/createOrUpdateEnvironmentFile",
  "file/createOrUpdateJsonFile",
  "devTool/install",
  "script",
]);

/** `actual` contains `expected` in that order (other actions may come in between). */
function inOrder(actual: string[], expected: string[]): boolean {
  let i = 0;
  for (const a of actual) if (a === expected[i]) i++;
  return i === expected.length;
}

const PROVISION = [
  "aadApp/create",
  "teamsApp/create",
  "arm/deploy",
  "aadApp/update",
  "teamsApp/validateManifest",
  "teamsApp/zipAppPackage",
  "teamsApp/validateAppPackage",
  "teamsApp/update",
  "teamsApp/extendToM365",
];

/** Paths the steps themselves produce (toolkit outputs, builds): they need not exist beforehand. */
const produced = (path: string) => /^(\.\/)?(appPackage\/build|dist)(\/|$)/.test(path);

function checkFiles(project: Project) {
  const missing: string[] = [];
  for (const action of [...project.provision, ...project.deploy, ...(project.publish ?? [])]) {
    const w = action.with ?? {};
    const paths: string[] = [];
    for (const key of ["manifestPath", "appPackagePath", "outputFilePath", "outputZipPath", "outputFolder"]) {
      if (typeof w[key] === "string") paths.push(w[key] as string);
    }
    for (const t of (w.templates as { path: string; parameters?: string }[] | undefined) ?? []) {
      paths.push(t.path);
      if (t.parameters) paths.push(t.parameters);
    }
    const cwd = typeof w.workingDirectory === "string" ? (w.workingDirectory as string) : ".";
    if (typeof w.artifactFolder === "string") paths.push(join(cwd, w.artifactFolder as string));
    if (!produced(cwd) && cwd !== ".") paths.push(cwd);
    for (const p of paths) {
      const concrete = p.replace(/\$\{\{TEAMSFX_ENV\}\}/g, "dev");
      if (!produced(concrete) && !existsSync(join(ROOT, concrete))) missing.push(`${action.uses}: ${p}`);
    }
    // Every npm script a step runs exists.
    if (action.uses === "cli/runNpmCommand") {
      const m = /^run\s+([\w:.-]+)(?:\s+-w\s+(\S+))?/.exec(w.args as string);
      if (m) {
        const scripts = m[2]
          ? (JSON.parse(readFileSync(join(ROOT, m[2].replace("@tandem/", ""), "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts
          : rootScripts;
        if (!scripts[m[1]!]) missing.push(`npm run ${m[1]}${m[2] ? ` -w ${m[2]}` : ""}`);
      }
    }
  }
  return missing;
}

describe("teamsapp.yml (dev, in Azure)", () => {
  const project = read("teamsapp.yml");
  const uses = (stage: Action[]) => stage.map((a) => a.uses);

  it("uses only toolkit actions, with env/ as the environment folder", () => {
    expect(project.version).toMatch(/^v1\.\d+$/);
    expect(project.environmentFolderPath).toBe("./env");
    for (const a of [...project.provision, ...project.deploy, ...project.publish!]) expect(TOOLKIT_ACTIONS, a.uses).toContain(a.uses);
  });

  it("provisions the Entra app, the Teams app and Azure, then updates, validates, zips and extends the app to Microsoft 365", () => {
    expect(uses(project.provision)).toEqual(expect.arrayContaining(PROVISION));
    expect(inOrder(uses(project.provision), PROVISION), uses(project.provision).join(" > ")).toBe(true);
    // The Static Web App's deployment token exists once arm/deploy has created the app.
    expect(inOrder(uses(project.provision), ["arm/deploy", "azureStaticWebApps/getDeploymentToken"])).toBe(true);
    const create = project.provision.find((a) => a.uses === "aadApp/create")!;
    expect(create.with).toMatchObject({ signInAudience: "AzureADMultipleOrgs", generateClientSecret: true });
    expect(create.writeToEnvironmentFile!.clientSecret).toMatch(/^SECRET_/);
  });

  it("deploys: builds the pages and uploads them to the Static Web App, stages the api with production dependencies and zip-deploys it", () => {
    const steps = project.deploy.map((a) => `${a.uses} ${(a.with?.args as string) ?? (a.with?.artifactFolder as string) ?? ""}`.trim());
    expect(
      inOrder(
        steps.map((s) => s.replace(/ --.*$/, "")),
        ["cli/runNpmCommand run build:web", "cli/runNpmCommand run package", "cli/runNpxCommand -y @azure/static-web-apps-cli@2 deploy dist/web"],
      ),
      steps.join("\n"),
    ).toBe(true);
    const buildWeb = project.deploy.find((a) => a.with?.args === "run build:web")!;
    expect(buildWeb.env).toEqual({
      TANDEM_API_URL: "${{API_ENDPOINT}}",
      TANDEM_CLIENT_ID: "${{AAD_APP_CLIENT_ID}}",
      // The scope aad.manifest.json exposes, under its application ID URI.
      TANDEM_API_SCOPE: "api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}/access_as_user",
    });
    const i = (pred: (a: Action) => boolean) => project.deploy.findIndex(pred);
    const buildApi = i((a) => a.with?.args === "run build -w @tandem/api");
    const stage = i((a) => /--stage-api dist\/api/.test(String(a.with?.args)));
    const install = i((a) => a.with?.workingDirectory === "dist/api" && /^install .*--omit=dev/.test(String(a.with?.args)));
    const zipDeploy = i((a) => a.uses === "azureFunctions/zipDeploy");
    expect([buildApi, stage, install, zipDeploy].every((n) => n >= 0)).toBe(true);
    expect(buildApi < stage && stage < install && install < zipDeploy).toBe(true);
    expect(String(project.deploy[install]!.with!.args)).toContain("--workspaces=false");
    expect(project.deploy[zipDeploy]!.with).toMatchObject({ workingDirectory: "dist/api", artifactFolder: ".", resourceId: "${{API_FUNCTION_RESOURCE_ID}}" });
    const pages = project.deploy.find((a) => a.uses === "cli/runNpxCommand" && /static-web-apps-cli/.test(String(a.with?.args)))!;
    expect(String(pages.with!.args)).toContain("--deployment-token ${{SECRET_TAB_SWA_DEPLOYMENT_TOKEN}} --env production");
  });

  it("publishes the package to the organisation's app catalogue", () => {
    expect(inOrder(uses(project.publish!), ["teamsApp/zipAppPackage", "teamsApp/validateAppPackage", "teamsApp/publishAppPackage"])).toBe(true);
  });

  it("points at files that exist, and at npm scripts that exist", () => {
    expect(checkFiles(project)).toEqual([]);
  });
});

describe("teamsapp.local.yml (local: pages and api on this machine)", () => {
  const project = read("teamsapp.local.yml");
  const uses = project.provision.map((a) => a.uses);

  it("registers the Entra and Teams apps, updates, validates, zips and extends the app; creates nothing in Azure", () => {
    for (const a of [...project.provision, ...project.deploy]) expect(TOOLKIT_ACTIONS, a.uses).toContain(a.uses);
    const local = PROVISION.filter((a) => a !== "arm/deploy");
    expect(inOrder(uses, local), uses.join(" > ")).toBe(true);
    expect(uses).not.toContain("arm/deploy");
    expect(project.provision.find((a) => a.uses === "aadApp/create")!.with).toMatchObject({ signInAudience: "AzureADMultipleOrgs" });
  });

  it("points at files that exist, and at npm scripts that exist", () => {
    expect(checkFiles(project)).toEqual([]);
  });
});
