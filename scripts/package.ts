/**
 * npm run package [-- --env local|dev ...] [--strict] [--site <dir>] [--stage-api <dir>]
 *
 * Builds appPackage/build/appPackage.<env>.zip (and manifest.<env>.json, the filled manifest) for each
 * environment, local and dev by default. Values come from env/.env.<env>; a value that only provisioning can
 * write (ids, the site's address) gets a recognisable stand-in until `teamsapp provision` has run, unless
 * --strict. --site <dir> copies the files the static site serves besides the pages (add-in icons, privacy and
 * terms pages) into <dir>. --stage-api <dir> prepares the api for azureFunctions/zipDeploy (see stageApi). Given
 * --site or --stage-api, only the environments named with --env are packaged.
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { buildPackage, copySiteFiles, ENVIRONMENTS, PackageError, ROOT, stageApi } from "./lib/app-package";

const { values } = parseArgs({
  options: {
    env: { type: "string", multiple: true },
    strict: { type: "boolean", default: false },
    site: { type: "string" },
    "stage-api": { type: "string" },
  },
});

try {
  if (values.site) {
    const copied = copySiteFiles(values.site);
    console.log(`copied ${copied.length} files to ${values.site}: ${copied.join(", ")}`);
  }
  const stage = values["stage-api"];
  if (stage) {
    const { dependencies } = stageApi(stage);
    console.log(`staged the api in ${stage}: ${Object.entries(dependencies).map(([n, v]) => `${n}@${v}`).join(", ")}`);
  }
  const envs = values.env ?? (values.site || stage ? [] : [...ENVIRONMENTS]);
  for (const env of envs) {
    const built = await buildPackage(env, { strict: values.strict });
    console.log(`${relative(ROOT, built.zipFile)}: ${built.entries.join(", ")}`);
    if (built.previewed.length) {
      console.log(
        `  preview only, not installable: ${built.previewed.join(", ")} not provisioned yet. ` +
          `Run \`teamsapp provision --env ${env}\` for a package you can upload.`,
      );
    }
  }
} catch (e) {
  if (!(e instanceof PackageError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
