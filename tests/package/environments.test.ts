import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { buildPackage, parseEnvFile, PackageError, ROOT } from "../../scripts/lib/app-package";

const text = (path: string) => readFileSync(join(ROOT, path), "utf8");
const used = (path: string) => [...new Set([...text(path).matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]!))];

type Action = { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };

/** What a toolkit run writes into the environment file, read from the project file and its Bicep outputs. */
function written(projectFile: string): Set<string> {
  const project = parseYaml(text(projectFile)) as Record<string, Action[] | undefined>;
  const names = new Set<string>();
  for (const action of [...(project.provision ?? []), ...(project.deploy ?? []), ...(project.publish ?? [])]) {
    for (const v of Object.values(action.writeToEnvironmentFile ?? {})) names.add(v);
    if (action.uses === "aadApp/update") names.add("AAD_APP_ACCESS_AS_USER_PERMISSION_ID");
    if (action.uses === "arm/deploy") {
      for (const t of (action.with!.templates as { path: string }[]) ?? []) {
        for (const m of text(t.path).matchAll(/^output\s+(\w+)\s/gm)) names.add(m[1]!);
      }
    }
  }
  return names;
}

const environments = [
  { env: "local", projectFile: "teamsapp.local.yml" },
  { env: "dev", projectFile: "teamsapp.yml" },
] as const;

describe.each(environments)("env/.env.$env", ({ env, projectFile }) => {
  const values = parseEnvFile(text(`env/.env.${env}`));

  it(`defines, or lets ${projectFile} write, every variable the package, the Entra manifest and the project use`, () => {
    const files = ["appPackage/manifest.json", "appPackage/fr.json", "aad.manifest.json", projectFile];
    if (env === "dev") files.push("infra/azure.parameters.json");
    const known = new Set([...values.keys(), ...written(projectFile)]);
    const undefinedVars = files.flatMap((f) => used(f).filter((v) => !known.has(v)).map((v) => `${f}: ${v}`));
    expect(undefinedVars).toEqual([]);
  });

  it("holds no secret: SECRET_* values live in the git-ignored .user file", () => {
    for (const [name, value] of values) if (/SECRET|PASSWORD|KEY$/i.test(name)) expect(value, name).toBe("");
    expect(text(".gitignore").split(/\r?\n/)).toContain(".env.*.user");
  });

  it("leaves the ids provisioning writes empty, so aadApp/create and teamsApp/create create them", () => {
    expect(values.get("AAD_APP_CLIENT_ID")).toBe("");
    expect(values.get("TEAMS_APP_ID")).toBe("");
  });
});

describe("npm run package", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  /** A copy of the parts of the repository the package reads, to break on purpose. */
  function sandbox(): string {
    root = mkdtempSync(join(tmpdir(), "tandem-sandbox-"));
    for (const p of ["appPackage", "env", "infra", "teamsapp.yml", "teamsapp.local.yml", "aad.manifest.json"]) {
      cpSync(join(ROOT, p), join(root, p), { recursive: true, filter: (src) => !src.includes(join("appPackage", "build")) });
    }
    return root;
  }

  it("names a variable that no environment file defines", async () => {
    const dir = sandbox();
    const manifest = join(dir, "appPackage", "manifest.json");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace('"Tandem: reverse mentoring"', '"Tandem ${{PROGRAM_NAME}}"'));
    const error = await buildPackage("dev", { root: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).missing).toEqual(["PROGRAM_NAME"]);
    expect((error as Error).message).toMatch(/\$\{\{PROGRAM_NAME\}\}.*Define PROGRAM_NAME in env\/\.env\.dev/s);
  });

  it("with --strict, refuses to build before provisioning and says which step writes what is missing", async () => {
    const error = await buildPackage("dev", { root: sandbox(), strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).missing.sort()).toEqual(["AAD_APP_CLIENT_ID", "TAB_DOMAIN", "TAB_ENDPOINT", "TEAMS_APP_ID"]);
    expect((error as Error).message).toContain("teamsapp provision --env dev");
  });

  it("uses the provisioned values once the toolkit has written them", async () => {
    const dir = sandbox();
    const envFile = join(dir, "env", ".env.dev");
    const filled = readFileSync(envFile, "utf8")
      .replace(/^TEAMS_APP_ID=$/m, "TEAMS_APP_ID=0b6f8f7e-5a44-4d6b-9a51-3f0f5d7c2a11")
      .replace(/^AAD_APP_CLIENT_ID=$/m, "AAD_APP_CLIENT_ID=7d3c2b1a-1111-4222-8333-944455566677")
      .replace(/^TAB_DOMAIN=$/m, "TAB_DOMAIN=tandemwabc.z6.web.core.windows.net")
      .replace(/^TAB_ENDPOINT=$/m, "TAB_ENDPOINT=https://tandemwabc.z6.web.core.windows.net");
    writeFileSync(envFile, filled);
    const pkg = await buildPackage("dev", { root: dir, strict: true });
    expect(pkg.previewed).toEqual([]);
    const manifest = JSON.parse(readFileSync(pkg.manifestFile, "utf8")) as {
      id: string;
      webApplicationInfo: { id: string; resource: string };
      staticTabs: { contentUrl?: string }[];
    };
    expect(manifest.id).toBe("0b6f8f7e-5a44-4d6b-9a51-3f0f5d7c2a11");
    expect(manifest.webApplicationInfo).toEqual({
      id: "7d3c2b1a-1111-4222-8333-944455566677",
      resource: "api://tandemwabc.z6.web.core.windows.net/7d3c2b1a-1111-4222-8333-944455566677",
    });
    expect(manifest.staticTabs[0]!.contentUrl).toBe("https://tandemwabc.z6.web.core.windows.net/tab.html");
  });

  it("reads env/.env.<env>.user (where the toolkit keeps SECRET_ values) over the shared file", async () => {
    const dir = sandbox();
    writeFileSync(join(dir, "env", ".env.local.user"), "APP_NAME_SUFFIX=-mine\n");
    const pkg = await buildPackage("local", { root: dir });
    expect((JSON.parse(readFileSync(pkg.manifestFile, "utf8")) as { name: { short: string } }).name.short).toBe("Tandem-mine");
  });
});
