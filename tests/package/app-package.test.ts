import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackage, ENVIRONMENTS, readEnvironment, ROOT, type BuiltPackage } from "../../scripts/lib/app-package";
import { readZip } from "./zip";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const schemasDir = join(dirname(require.resolve("@microsoft/app-manifest/package.json")), "build", "json-schemas", "teams");

/** Compiles a schema shipped in @microsoft/app-manifest, as the toolkit's validateManifest does, but offline. */
function shippedSchema(version: string, file: string) {
  const schema = JSON.parse(readFileSync(join(schemasDir, `v${version}`, file), "utf8"));
  expect(schema.$schema).toBe("http://json-schema.org/draft-04/schema#");
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

type Icon = { size: number; url: string };
type Control = { id: string; label: string; icons: Icon[]; actionId: string; supertip: { title: string; description: string } };
type Manifest = {
  $schema: string;
  manifestVersion: string;
  id: string;
  name: { short: string; full: string };
  icons: { color: string; outline: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  staticTabs: { entityId: string; contentUrl?: string; scopes: string[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
  extensions: {
    requirements: { scopes: string[]; capabilities: { name: string; minVersion: string }[] };
    runtimes: { id: string; code: { page: string }; actions: { id: string; type: string }[] }[];
    ribbons: { contexts: string[]; tabs: { groups: { label: string; icons: Icon[]; controls: Control[] }[] }[] }[];
    alternates: { alternateIcons: { icon: Icon; highResolutionIcon: Icon } }[];
  }[];
};

let out: string;
const built = new Map<string, BuiltPackage>();
const manifests = new Map<string, Manifest>();

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "tandem-package-"));
  for (const env of ENVIRONMENTS) {
    const pkg = await buildPackage(env, { outDir: out });
    built.set(env, pkg);
    manifests.set(env, JSON.parse(readFileSync(pkg.manifestFile, "utf8")) as Manifest);
  }
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each(ENVIRONMENTS)("the %s app package", (env) => {
  const manifest = () => manifests.get(env)!;
  const values = () => readEnvironment(env);

  it("is a unified manifest of v1.22 or newer, valid against the schema shipped in @microsoft/app-manifest", () => {
    const m = manifest();
    const version = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/.exec(m.$schema);
    expect(version, m.$schema).not.toBeNull();
    expect(m.manifestVersion).toBe(version![1]);
    const [major, minor] = m.manifestVersion.split(".").map(Number);
    expect(major === 1 && minor! >= 22).toBe(true);
    const validate = shippedSchema(m.manifestVersion, "MicrosoftTeams.schema.json");
    expect(validate(m) ? [] : validate.errors).toEqual([]);
  });

  it("has every placeholder filled", () => {
    expect(readFileSync(built.get(env)!.manifestFile, "utf8")).not.toContain("${{");
  });

  it("opens the tab and the task pane from the one site origin, and signs in with the Entra app", () => {
    const m = manifest();
    const endpoint = values().get("TAB_ENDPOINT") || "https://not-provisioned.invalid";
    const domain = new URL(endpoint).host;
    const tab = m.staticTabs.find((t) => t.contentUrl);
    expect(tab).toMatchObject({ contentUrl: `${endpoint}/tab.html`, scopes: ["personal"] });
    const runtime = m.extensions[0]!.runtimes[0]!;
    expect(runtime.code.page).toBe(`${endpoint}/taskpane.html`);
    expect(m.validDomains).toContain(domain);
    expect(m.webApplicationInfo.resource).toBe(`api://${domain}/${m.webApplicationInfo.id}`);
    if (values().get("AAD_APP_CLIENT_ID")) expect(m.webApplicationInfo.id).toBe(values().get("AAD_APP_CLIENT_ID"));
    if (values().get("TEAMS_APP_ID")) expect(m.id).toBe(values().get("TEAMS_APP_ID"));
  });

  it("adds Outlook buttons on a read message and on meetings, as organizer and as attendee, that open the task pane", () => {
    const ext = manifest().extensions[0]!;
    expect(ext.requirements.scopes).toEqual(["mail"]);
    expect(ext.requirements.capabilities).toContainEqual({ name: "Mailbox", minVersion: expect.any(String) });
    const contexts = ext.ribbons.flatMap((r) => r.contexts);
    expect(contexts).toEqual(expect.arrayContaining(["mailRead", "meetingDetailsOrganizer", "meetingDetailsAttendee"]));
    const openPage = ext.runtimes.flatMap((r) => r.actions).filter((a) => a.type === "openPage").map((a) => a.id);
    const controls = ext.ribbons.flatMap((r) => r.tabs.flatMap((t) => t.groups.flatMap((g) => g.controls)));
    expect(controls.length).toBeGreaterThanOrEqual(2);
    for (const c of controls) expect(openPage).toContain(c.actionId);
    expect(manifest().authorization.permissions.resourceSpecific).toEqual([{ name: "MailboxItem.Read.User", type: "Delegated" }]);
  });

  it("points the add-in's icons at PNGs of the declared sizes, served from the site's /icons/", () => {
    const m = manifest();
    const endpoint = new URL(m.extensions[0]!.runtimes[0]!.code.page).origin;
    const ext = m.extensions[0]!;
    const ribbonIcons = ext.ribbons.flatMap((r) => r.tabs.flatMap((t) => t.groups.flatMap((g) => [...g.icons, ...g.controls.flatMap((c) => c.icons)])));
    expect(new Set(ribbonIcons.map((i) => i.size))).toEqual(new Set([16, 32, 80]));
    const alt = ext.alternates[0]!.alternateIcons;
    // Outlook measures the files, not the declared size: 64x64 and 128x128 for a mail add-in.
    const expected = [...ribbonIcons.map((i) => [i.url, i.size] as const), [alt.icon.url, 64] as const, [alt.highResolutionIcon.url, 128] as const];
    for (const [url, size] of expected) {
      const name = url.slice(`${endpoint}/icons/`.length);
      expect(url.startsWith(`${endpoint}/icons/`), url).toBe(true);
      const png = PNG.sync.read(readFileSync(join(ROOT, "appPackage", "assets", name)));
      expect([png.width, png.height], name).toEqual([size, size]);
    }
  });

  it("speaks French: the localisation file is valid and translates every label a user sees", () => {
    const m = manifest();
    const fr = m.localizationInfo.additionalLanguages.find((l) => l.languageTag.toLowerCase().startsWith("fr"));
    expect(fr).toBeDefined();
    const zip = readZip(readFileSync(built.get(env)!.zipFile));
    const strings = JSON.parse(zip.get(fr!.file)!.toString("utf8")) as Record<string, string>;
    const validate = shippedSchema(m.manifestVersion, "MicrosoftTeams.Localization.schema.json");
    expect(validate(strings) ? [] : validate.errors).toEqual([]);
    const expectedKeys = ["name.short", "name.full", "description.short", "description.full", "staticTabs[0].name"];
    m.extensions[0]!.ribbons.forEach((r, ri) =>
      r.tabs.forEach((t, ti) =>
        t.groups.forEach((g, gi) => {
          const group = `extensions[0].ribbons[${ri}].tabs[${ti}].groups[${gi}]`;
          expectedKeys.push(`${group}.label`);
          g.controls.forEach((_, ci) =>
            expectedKeys.push(...["label", "supertip.title", "supertip.description"].map((k) => `${group}.controls[${ci}].${k}`)),
          );
        }),
      ),
    );
    expect(Object.keys(strings).filter((k) => k !== "$schema").sort()).toEqual([...expectedKeys].sort());
    expect(strings["name.short"]).toBe(m.name.short);
    expect(strings["extensions[0].ribbons[0].tabs[0].groups[0].controls[0].label"]).toBe("Réserver une séance");
  });

  it("zips flat: manifest.json at the root with every file it references, and nothing else", () => {
    const pkg = built.get(env)!;
    const zip = readZip(readFileSync(pkg.zipFile));
    const m = manifest();
    const referenced = [m.icons.color, m.icons.outline, ...m.localizationInfo.additionalLanguages.map((l) => l.file)];
    expect([...zip.keys()].sort()).toEqual(["manifest.json", ...referenced].sort());
    for (const name of zip.keys()) expect(name).not.toContain("/");
    expect(zip.get("manifest.json")!.toString("utf8")).toBe(readFileSync(pkg.manifestFile, "utf8"));
    expect(zip.get(m.icons.color)!.equals(readFileSync(join(ROOT, "appPackage", m.icons.color)))).toBe(true);
    expect(zip.get(m.icons.outline)!.equals(readFileSync(join(ROOT, "appPackage", m.icons.outline)))).toBe(true);
  });

  it(
    "passes `office-addin-manifest validate`, offline",
    async () => {
      const home = mkdtempSync(join(tmpdir(), "tandem-home-"));
      try {
        const { stdout } = await run(
          process.execPath,
          ["--import", join(import.meta.dirname, "no-network.mjs"), require.resolve("office-addin-manifest/cli.js"), "validate", built.get(env)!.manifestFile],
          { env: { ...process.env, HOME: home, USERPROFILE: home } },
        );
        expect(stdout).not.toMatch(/not valid/i);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
    30_000,
  );
});

describe("the validators", () => {
  it(
    "refuse a broken manifest: the schema and office-addin-manifest both report it",
    async () => {
      const broken = structuredClone(manifests.get("dev")!) as unknown as { manifestVersion: string; extensions: { ribbons: unknown[] }[] };
      broken.extensions[0]!.ribbons[0] = { contexts: ["mailRead"], tabs: [{ builtInTabId: "TabDefault", groups: [{ id: "g", label: "x", controls: [{ id: "c", type: "button", label: "x", icons: [{ size: 99, url: "https://x.invalid/i.png" }], supertip: { title: "t", description: "d" }, actionId: "OpenBookingPane" }] }] }] };
      const validate = shippedSchema(broken.manifestVersion, "MicrosoftTeams.schema.json");
      expect(validate(broken)).toBe(false);
      const file = join(out, "broken.json");
      writeFileSync(file, JSON.stringify(broken));
      const result = await run(process.execPath, ["--import", join(import.meta.dirname, "no-network.mjs"), require.resolve("office-addin-manifest/cli.js"), "validate", file]).then(
        () => ({ code: 0, stdout: "" }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/not valid/i);
    },
    30_000,
  );
});
