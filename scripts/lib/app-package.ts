/**
 * The app package: fills the `${{VAR}}` placeholders of appPackage/ from env/.env.<env> the way the Teams
 * toolkit does, validates the result offline against the schemas shipped in @microsoft/app-manifest, and zips it
 * the way Teams wants it (flat, manifest.json at the root). Used by `npm run package` and by tests/package.
 */
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";
import yazl from "yazl";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ENVIRONMENTS = ["local", "dev"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export class PackageError extends Error {
  override name = "PackageError";
  constructor(
    message: string,
    /** Variables that had no value, when that is the problem. */
    readonly missing: string[] = [],
  ) {
    super(message);
  }
}

/** The `${{NAME}}` placeholder syntax of the Teams toolkit. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Parses a dotenv file: `NAME=value` lines, `#` comments, optional single or double quotes. */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, "").trim();
    values.set(m[1]!, value);
  }
  return values;
}

/** env/.env.<env>, overlaid by env/.env.<env>.user (where the toolkit keeps SECRET_* values) when it exists. */
export function readEnvironment(env: string, root = ROOT): Map<string, string> {
  const file = join(root, "env", `.env.${env}`);
  if (!existsSync(file)) throw new PackageError(`No environment file env/.env.${env}.`);
  const values = parseEnvFile(readFileSync(file, "utf8"));
  const user = join(root, "env", `.env.${env}.user`);
  if (existsSync(user)) for (const [k, v] of parseEnvFile(readFileSync(user, "utf8"))) values.set(k, v);
  return values;
}

/** The toolkit project file that provisions an environment. */
export function projectFileFor(env: string): string {
  return env === "local" ? "teamsapp.local.yml" : "teamsapp.yml";
}

type Action = { uses?: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
export type ProjectFile = { version?: string; provision?: Action[]; deploy?: Action[]; publish?: Action[] };

export function readProjectFile(file: string, root = ROOT): ProjectFile {
  return parseYaml(readFileSync(join(root, file), "utf8")) as ProjectFile;
}

/**
 * Variables a toolkit run writes into the environment file: every action's `writeToEnvironmentFile`, the outputs
 * of the Bicep templates `arm/deploy` deploys (the toolkit stores each output under its name), and the scope id
 * `aadApp/update` generates for the Entra manifest.
 */
export function writtenByToolkit(file: string, root = ROOT): Set<string> {
  const project = readProjectFile(file, root);
  const names = new Set<string>();
  for (const action of [...(project.provision ?? []), ...(project.deploy ?? []), ...(project.publish ?? [])]) {
    for (const name of Object.values(action.writeToEnvironmentFile ?? {})) names.add(name);
    if (action.uses === "arm/deploy") {
      const templates = (action.with?.templates ?? []) as { path: string }[];
      for (const t of templates) {
        const bicep = readFileSync(join(root, dirname(file), t.path), "utf8");
        for (const m of bicep.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)) names.add(m[1]!.toUpperCase());
      }
    }
    if (action.uses === "aadApp/update") names.add("AAD_APP_ACCESS_AS_USER_PERMISSION_ID");
  }
  return names;
}

/**
 * Stand-ins for values that only provisioning can know, so an environment that was never provisioned still gets
 * a schema-valid package to look at. The ids are stable per name and the host is reserved (`.invalid`), so such
 * a package can be recognised and never works by accident.
 */
export function previewValue(name: string): string | undefined {
  if (/_ID$/.test(name)) {
    const h = createHash("sha256").update(name).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  if (/_DOMAIN$/.test(name)) return "not-provisioned.invalid";
  if (/_ENDPOINT$/.test(name)) return "https://not-provisioned.invalid";
  return undefined;
}

/** Replaces every placeholder; throws one readable error naming every variable it could not fill. */
export function fillPlaceholders(text: string, lookup: (name: string) => string | undefined, where: string): string {
  const missing = placeholdersIn(text).filter((n) => lookup(n) === undefined);
  if (missing.length) {
    throw new PackageError(`${where} uses ${missing.map((n) => "${{" + n + "}}").join(", ")}, which ${missing.length > 1 ? "have" : "has"} no value.`, missing);
  }
  return text.replace(PLACEHOLDER, (_, name: string) => lookup(name)!);
}

// ---- schemas ----------------------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const manifestSchemasRoot = join(dirname(require.resolve("@microsoft/app-manifest/package.json")), "build", "json-schemas", "teams");

export function schemaFile(manifestVersion: string, kind: "manifest" | "localization"): string {
  const name = kind === "manifest" ? "MicrosoftTeams.schema.json" : "MicrosoftTeams.Localization.schema.json";
  const file = join(manifestSchemasRoot, `v${manifestVersion}`, name);
  if (!existsSync(file)) throw new PackageError(`@microsoft/app-manifest ships no ${name} for v${manifestVersion}.`);
  return file;
}

const validators = new Map<string, ValidateFunction>();

/**
 * A validator for a schema shipped in @microsoft/app-manifest. The Teams schemas declare draft-04 but use none of
 * draft-04's own keywords (no boolean exclusiveMinimum, no `id`), so Ajv's default dialect checks them as written
 * once the `$schema` marker is dropped. Their patterns are plain ECMAScript (draft-04 knows no `u` flag), hence
 * `unicodeRegExp: false`.
 */
function validatorFor(file: string): ValidateFunction {
  let v = validators.get(file);
  if (!v) {
    const schema = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    delete schema.$schema;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    v = ajv.compile(schema);
    validators.set(file, v);
  }
  return v;
}

function errorsOf(v: ValidateFunction, data: unknown): string[] {
  if (v(data)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

export function validateManifest(manifest: { manifestVersion?: unknown }): string[] {
  return errorsOf(validatorFor(schemaFile(String(manifest.manifestVersion), "manifest")), manifest);
}

export function validateLocalization(manifestVersion: string, strings: unknown): string[] {
  return errorsOf(validatorFor(schemaFile(manifestVersion, "localization")), strings);
}

// ---- the package ------------------------------------------------------------------------------------------------

type Manifest = {
  manifestVersion: string;
  icons: { color: string; outline: string; color32x32?: string };
  localizationInfo?: { defaultLanguageFile?: string; additionalLanguages?: { file: string }[] };
};

/** Files the manifest references by relative path: they must travel in the zip, next to manifest.json. */
export function packagedFiles(manifest: Manifest): string[] {
  const files = [manifest.icons.color, manifest.icons.outline];
  if (manifest.icons.color32x32) files.push(manifest.icons.color32x32);
  const loc = manifest.localizationInfo;
  if (loc?.defaultLanguageFile) files.push(loc.defaultLanguageFile);
  for (const l of loc?.additionalLanguages ?? []) files.push(l.file);
  return [...new Set(files)];
}

export type BuiltPackage = {
  env: string;
  manifestFile: string;
  zipFile: string;
  /** Files in the zip, manifest.json first. */
  entries: string[];
  /** Variables filled with a preview stand-in because provisioning has not written them yet. */
  previewed: string[];
};

export type PackageOptions = {
  root?: string;
  /** Refuse preview stand-ins: every variable must have a real value (what provisioning produces). */
  strict?: boolean;
  /** Where the package goes; appPackage/build by default. */
  outDir?: string;
};

/** Fills, validates and zips the app package of one environment. */
export async function buildPackage(env: string, options: PackageOptions = {}): Promise<BuiltPackage> {
  const root = options.root ?? ROOT;
  const pkgDir = join(root, "appPackage");
  const outDir = options.outDir ?? join(pkgDir, "build");
  const values = readEnvironment(env, root);
  const provisioned = writtenByToolkit(projectFileFor(env), root);
  const previewed = new Set<string>();
  const lookup = (name: string): string | undefined => {
    const value = values.get(name);
    if (value !== undefined && value !== "") return value;
    if (!provisioned.has(name)) return undefined;
    if (options.strict) return undefined;
    const preview = previewValue(name);
    if (preview !== undefined) previewed.add(name);
    return preview;
  };
  const fill = (text: string, where: string): string => {
    try {
      return fillPlaceholders(text, lookup, where);
    } catch (e) {
      if (!(e instanceof PackageError)) throw e;
      const fromToolkit = e.missing.filter((n) => provisioned.has(n));
      const others = e.missing.filter((n) => !provisioned.has(n));
      const hints: string[] = [];
      if (others.length) hints.push(`Define ${others.join(", ")} in env/.env.${env}.`);
      if (fromToolkit.length) {
        hints.push(
          `${fromToolkit.join(", ")} ${fromToolkit.length > 1 ? "are" : "is"} written by \`teamsapp provision --env ${env}\`: provision first${options.strict ? ", or build without --strict for a preview package" : ""}.`,
        );
      }
      throw new PackageError(`${e.message} ${hints.join(" ")}`, e.missing);
    }
  };

  const manifestText = fill(readFileSync(join(pkgDir, "manifest.json"), "utf8"), "appPackage/manifest.json");
  const manifest = JSON.parse(manifestText) as Manifest;
  const problems = validateManifest(manifest).map((p) => `manifest.json ${p}`);

  const contents = new Map<string, Buffer>([["manifest.json", Buffer.from(manifestText)]]);
  const localizationFiles = new Set((manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l.file));
  if (manifest.localizationInfo?.defaultLanguageFile) localizationFiles.add(manifest.localizationInfo.defaultLanguageFile);
  for (const file of packagedFiles(manifest)) {
    const path = join(pkgDir, file);
    if (!existsSync(path)) {
      problems.push(`manifest.json references ${file}, which is not in appPackage/`);
      continue;
    }
    if (localizationFiles.has(file)) {
      const text = fill(readFileSync(path, "utf8"), `appPackage/${file}`);
      problems.push(...validateLocalization(manifest.manifestVersion, JSON.parse(text)).map((p) => `${file} ${p}`));
      contents.set(file, Buffer.from(text));
    } else {
      contents.set(file, readFileSync(path));
    }
  }
  if (problems.length) throw new PackageError(`The ${env} package is not valid:\n  ${problems.join("\n  ")}`);

  mkdirSync(outDir, { recursive: true });
  const manifestFile = join(outDir, `manifest.${env}.json`);
  writeFileSync(manifestFile, manifestText);
  const zipFile = join(outDir, `appPackage.${env}.zip`);
  await writeZip(zipFile, contents);
  return { env, manifestFile, zipFile, entries: [...contents.keys()], previewed: [...previewed].sort() };
}

/** A flat zip with a fixed timestamp, so the same inputs give the same bytes. */
function writeZip(file: string, contents: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  const mtime = new Date("2026-01-01T00:00:00Z");
  for (const [name, data] of contents) zip.addBuffer(data, name, { mtime });
  return new Promise((resolvePromise, reject) => {
    const out = createWriteStream(file);
    out.on("close", () => resolvePromise());
    out.on("error", reject);
    zip.outputStream.on("error", reject).pipe(out);
    zip.end();
  });
}

/**
 * Copies what the static site must serve next to the tab and the task pane: the add-in's ribbon icons (the
 * manifest points at <site>/icons/) and the privacy and terms pages (<site>/privacy.html, <site>/terms.html).
 */
export function copySiteFiles(siteDir: string, root = ROOT): string[] {
  const copied: string[] = [];
  const icons = join(root, "appPackage", "assets");
  mkdirSync(join(siteDir, "icons"), { recursive: true });
  for (const name of readdirSync(icons).filter((n) => n.endsWith(".png"))) {
    copyFileSync(join(icons, name), join(siteDir, "icons", name));
    copied.push(`icons/${name}`);
  }
  const pages = join(root, "appPackage", "site");
  for (const name of readdirSync(pages).filter((n) => n.endsWith(".html"))) {
    copyFileSync(join(pages, name), join(siteDir, name));
    copied.push(name);
  }
  return copied;
}

/**
 * Stages the api for azureFunctions/zipDeploy in a folder outside the npm workspaces: package.json (its `main`,
 * and its dependencies pinned to the versions the root lockfile resolved, which the tests ran against), host.json
 * and dist/. `npm install --omit=dev` then runs there on its own, where a workspace member would install at the
 * workspace root.
 */
export function stageApi(targetDir: string, root = ROOT): { dependencies: Record<string, string> } {
  const apiDir = join(root, "api");
  const pkg = JSON.parse(readFileSync(join(apiDir, "package.json"), "utf8")) as {
    name: string;
    version: string;
    type?: string;
    main: string;
    dependencies?: Record<string, string>;
  };
  if (!existsSync(join(apiDir, pkg.main))) {
    throw new PackageError(`api/${pkg.main} does not exist: build the api first (npm run build -w ${pkg.name}).`);
  }
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
    packages?: Record<string, { version?: string }>;
  };
  const dependencies = Object.fromEntries(
    Object.entries(pkg.dependencies ?? {}).map(([name, range]) => {
      const locked = lock.packages?.[`api/node_modules/${name}`]?.version ?? lock.packages?.[`node_modules/${name}`]?.version;
      return [name, locked ?? range];
    }),
  );
  rmSync(targetDir, { recursive: true, force: true });
  mkdirSync(targetDir, { recursive: true });
  const staged = { name: pkg.name, version: pkg.version, private: true, type: pkg.type, main: pkg.main, dependencies };
  writeFileSync(join(targetDir, "package.json"), JSON.stringify(staged, null, 2) + "\n");
  copyFileSync(join(apiDir, "host.json"), join(targetDir, "host.json"));
  cpSync(join(apiDir, "dist"), join(targetDir, "dist"), { recursive: true });
  return { dependencies };
}
