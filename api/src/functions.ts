import azf from "@azure/functions";
import { loadConfig } from "./config";
import { createApp } from "./app";

/** The Azure Functions entry point: every route of the app becomes one HTTP function, and the directory sync a timer. */
const application = await createApp(loadConfig());
for (const r of application.routes) {
  azf.app.http(r.endpoint.id, {
    methods: [r.endpoint.method],
    route: r.endpoint.path.slice(1),
    authLevel: "anonymous",
    handler: r.handler,
  });
}

/**
 * Daily by default (DIRECTORY_SYNC_SCHEDULE): every tenant that has synced once, or is configured, one after the
 * other. A sync cut by the Functions timeout resumes from its last page the next time.
 */
azf.app.timer("directorySync", {
  schedule: application.config.directory.schedule,
  runOnStartup: false,
  handler: async (_timer, context) => {
    for (const tenantId of await application.directoryTenants()) {
      const result = await application.directorySync.sync(tenantId, "timer");
      if (result === null) context.log(`Directory sync of ${tenantId}: already running elsewhere.`);
      else if (result.status === "failed") context.warn(`Directory sync of ${tenantId} failed: ${result.error}`);
      else context.log(`Directory sync of ${tenantId}: ${result.people} people, ${result.problemCount} problem(s).`);
    }
  },
});
