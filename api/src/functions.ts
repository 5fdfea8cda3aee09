import azf from "@azure/functions";
import { loadConfig } from "./config";
import { createApp } from "./app";
import { JOB_MAX_ATTEMPTS } from "./platform/jobs";

/**
 * The Azure Functions entry point: every route of the app becomes one HTTP function, the jobs' queue a queue-triggered
 * function, and the directory sync a timer.
 */
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

/**
 * Every half hour by default (ORPHAN_SWEEP_SCHEDULE): the meetings Tandem booked that no session knows are cancelled
 * in every tenant (ADR 0006). Off without the Entra app's credentials; the log line says what each run did.
 */
azf.app.timer("orphanSweep", {
  schedule: application.config.orphans.schedule,
  runOnStartup: false,
  handler: async (_timer, context) => {
    if (!application.sweepOrphans) {
      context.log("Orphan sweep: off, Microsoft Graph has no credentials (AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET).");
      return;
    }
    for (const tenantId of await application.directoryTenants()) {
      try {
        const result = await application.sweepOrphans(tenantId);
        if (result.orphans.some((o) => !o.cancelled)) context.warn(`Orphan sweep of ${tenantId}: some orphans could not be cancelled; the next run tries again.`);
      } catch (e) {
        context.warn(`Orphan sweep of ${tenantId} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  },
});

/**
 * Long work (ADR 0010, "Jobs"): a matching run, a publication's slices. Each message runs on an instance of its own,
 * within the function's time limit (host.json), retried by the runtime after host.json's visibilityTimeout and moved
 * to `<queue>-poison` after its maxDequeueCount (JOB_MAX_ATTEMPTS) attempts; the job records why it gave up.
 * "JobsStorage" is the connection: `JobsStorage__queueServiceUri` with the managed identity (infra/azure.bicep).
 */
azf.app.storageQueue("jobs", {
  queueName: application.config.jobs.queue,
  connection: "JobsStorage",
  handler: async (message, context) => {
    const meta = context.triggerMetadata ?? {};
    const dequeueCount = Number(meta.dequeueCount ?? meta.DequeueCount ?? 1);
    if (dequeueCount >= JOB_MAX_ATTEMPTS) context.warn(`Job message ${String(meta.id ?? "")}: attempt ${dequeueCount}, the last.`);
    await application.jobs.handle(message, dequeueCount);
  },
});
