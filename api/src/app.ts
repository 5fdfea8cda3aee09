import { DefaultAzureCredential } from "@azure/identity";
import type { AggregateUpdater, Clock, DemoOrganisation, Directory, IdSource } from "@tandem/core";
import type { Config } from "./config";
import { createTableRepositories, type TableRepositories } from "./adapters/tables/repositories";
import { loadDemoOrganisation } from "./adapters/demo-organisation";
import { createTableDirectory } from "./adapters/tables/directory";
import { cachedDirectory } from "./adapters/tables/directory-cache";
import { createTableReportStore, type TableReportStore } from "./adapters/tables/reports";
import { appCalendars, graphCalendars } from "./adapters/graph";
import { clientCredentials, developmentAppTokens, graphDirectorySource, unconfiguredDirectorySource } from "./adapters/graph/directory-source";
import { createGate } from "./platform/access";
import { createTokenVerifier } from "./platform/auth";
import { createDevIssuer, type DevIssuer } from "./platform/dev-issuer";
import { randomIds, systemClock, type Deps, type FeatureContext } from "./platform/deps";
import type { HttpOptions, Route } from "./platform/http";
import { healthRoutes } from "./features/health/routes";
import { openApiRoutes } from "./features/openapi/routes";
import { devRoutes } from "./features/dev/routes";
import { peopleRoutes } from "./features/people/routes";
import { skillRoutes } from "./features/skills/routes";
import { cycleRoutes } from "./features/cycles/routes";
import { tandemRoutes } from "./features/tandems/routes";
import { goalRoutes } from "./features/goals/routes";
import { sessionRoutes } from "./features/sessions/routes";
import { checkInRoutes } from "./features/checkins/routes";
import { noteRoutes } from "./features/notes/routes";
import { reportRoutes } from "./features/reports/routes";
import { reportAggregates } from "./features/reports/aggregates";
import { journalRoutes } from "./features/journal/routes";
import { surveyRoutes } from "./features/surveys/routes";
import { directoryRoutes } from "./features/directory/routes";
import { directorySync, type DirectorySync } from "./features/directory/sync";
import { matchingRoutes } from "./features/matching/routes";
import { matchingRuns, type MatchingRuns } from "./features/matching/runs";
import { sweepSummary, sweepTenant, type SweepResult } from "./features/sessions/orphans";
import { defineMatchingJobs } from "./features/matching/jobs";
import { createStorageJobQueue, type StorageJobQueue } from "./adapters/queues/storage-queue";
import { createJobs, type Jobs } from "./platform/jobs";

export interface TandemApp {
  config: Config;
  routes: Route[];
  repos: TableRepositories;
  /** What every route checks callers with: the token verifier and the access gate. */
  http: HttpOptions;
  /** Local mode only. */
  devIssuer?: DevIssuer;
  demo?: DemoOrganisation;
  /** The synced directory, as request paths read it. */
  directory: Directory;
  /** The directory sync from Microsoft Graph: the timer's, `npm start`'s and the coordinators'. */
  directorySync: DirectorySync;
  /** The tenants the timer syncs. */
  directoryTenants(): Promise<string[]>;
  /** The report aggregates' tables, and their one updater (the seeder and the rebuild script use it too). */
  reports: TableReportStore;
  aggregates: AggregateUpdater;
  /** Matching runs: started by coordinators, run as jobs (ADR 0010). */
  matchingRuns: MatchingRuns;
  /**
   * The orphan sweep (ADR 0006): the timer's, the local host's interval, or on demand. Null when Graph has no
   * credentials (the sweep is off; the read of a tandem's sessions still sweeps what it reads).
   */
  sweepOrphans: ((tenantId: string) => Promise<SweepResult>) | null;
  /** The jobs' queue, and the job kinds that its trigger (Azure) or the local worker hands messages to (ADR 0010). */
  queue: StorageJobQueue;
  jobs: Jobs;
}

/** The composition root: configuration in, adapters chosen once, every route out. */
export async function createApp(
  config: Config,
  overrides: { clock?: Clock; ids?: IdSource; log?: (message: string, error: unknown) => void } = {},
): Promise<TandemApp> {
  const deadlineMs = config.storageTimeouts.callMs;
  const storage =
    "connectionString" in config.storage
      ? { ...config.storage, deadlineMs }
      : { accountUrl: config.storage.accountUrl, credential: new DefaultAzureCredential(), deadlineMs };
  const repos = createTableRepositories(storage, config.tablePrefix);
  const tableDirectory = createTableDirectory(storage, config.tablePrefix);
  const directory = cachedDirectory(tableDirectory, config.directory.cacheMs);
  const reports = createTableReportStore(storage, config.tablePrefix);
  const queue = createStorageJobQueue(
    "connectionString" in storage ? storage : { queueServiceUrl: (config.storage as { queueServiceUrl: string }).queueServiceUrl, credential: storage.credential, deadlineMs },
    config.jobs.queue,
  );
  await Promise.all([repos.ensureTables(), tableDirectory.ensureTable(), reports.ensureTables(), queue.ensure()]);

  const local = config.mode === "local";
  const demo = local ? await loadDemoOrganisation(config.demoOrganisationFile!) : undefined;
  const devIssuer = config.auth.development ? await createDevIssuer(config.devKeyFile, config.auth.audience) : undefined;

  // A null error: a line worth an operator's eye that reports no failure (an orphan meeting cancelled).
  const warn = overrides.log ?? ((message: string, error: unknown) => (error === null ? console.warn(message) : console.warn(message, error)));
  const aggregates = reportAggregates({ repos, directory, store: reports, warn });
  const deps: Deps = {
    repos,
    pingStorage: () => repos.ping(Math.min(config.storageTimeouts.healthMs, deadlineMs)),
    directory,
    reports,
    aggregates,
    minGroupSize: config.reports.minGroupSize,
    clock: overrides.clock ?? systemClock,
    ids: overrides.ids ?? randomIds,
    jobs: queue,
    calendarFor: graphCalendars(config.graph),
    orphanGraceMs: config.orphans.graceMs,
    warn,
  };
  // A background job is patient with Graph's throttling: nobody is waiting on it.
  const syncRetry = { maxRetries: Math.max(config.graph.maxRetries, 5), maxDelaySeconds: Math.max(config.graph.maxRetryDelaySeconds, 60) };
  const credential = config.graph.credential;
  const source =
    credential === null
      ? unconfiguredDirectorySource
      : graphDirectorySource({
          baseUrl: config.graph.baseUrl,
          retry: syncRetry,
          tokenFor: credential === "development-token" ? developmentAppTokens((c) => devIssuer!.signApp(c)) : clientCredentials(credential),
        });
  const calendarsTokenFor =
    credential === null
      ? null
      : credential === "development-token"
        ? developmentAppTokens((c) => devIssuer!.signApp(c), ["Calendars.ReadWrite"])
        : clientCredentials(credential);
  const sweepCalendars = appCalendars(config.graph, calendarsTokenFor);
  const sweepOrphans =
    calendarsTokenFor === null
      ? null
      : async (tenantId: string) => {
          const result = await sweepTenant(deps, sweepCalendars, tenantId, config.orphans.days);
          console.log(sweepSummary(result));
          return result;
        };
  const sync = directorySync({ store: directory, source, clock: deps.clock, ids: deps.ids, warn: deps.warn, onPlaced: aggregates.placed });
  const runs = matchingRuns(deps, config.jobs.publicationStaleMs);
  const jobs = createJobs(warn);
  // The directory sync and the report rebuilds could become jobs of the same queue (ADR 0010).
  defineMatchingJobs(jobs, deps, runs, config.jobs.publicationSlice);
  const ctx: FeatureContext = {
    deps,
    http: {
      verify: createTokenVerifier(config.auth, devIssuer?.jwks()),
      gate: createGate(deps),
      maxBodyBytes: config.maxBodyBytes,
      ...(overrides.log ? { log: overrides.log } : {}),
    },
  };
  const routes: Route[] = [
    ...healthRoutes(ctx),
    ...openApiRoutes(ctx, () => routes.map((r) => r.endpoint), local),
    ...(demo && devIssuer ? devRoutes(ctx, demo, devIssuer) : []),
    ...peopleRoutes(ctx),
    ...skillRoutes(ctx),
    ...cycleRoutes(ctx),
    ...tandemRoutes(ctx),
    ...goalRoutes(ctx),
    ...sessionRoutes(ctx),
    ...checkInRoutes(ctx),
    ...noteRoutes(ctx),
    ...reportRoutes(ctx),
    ...journalRoutes(ctx),
    ...surveyRoutes(ctx),
    ...directoryRoutes(ctx, sync),
    ...matchingRoutes(ctx, runs),
  ];
  const directoryTenants = async () => {
    const allowed = config.auth.allowedTenants === "*" ? [] : config.auth.allowedTenants;
    const known = await directory.tenants();
    return [...new Set([...known, ...config.directory.tenants, ...allowed, ...(demo ? [demo.tenantId] : [])])].sort();
  };
  return { config, routes, repos, http: ctx.http, devIssuer, demo, directory, directorySync: sync, directoryTenants, reports, aggregates, matchingRuns: runs, sweepOrphans, queue, jobs };
}
