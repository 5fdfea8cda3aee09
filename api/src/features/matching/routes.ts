import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import type { MatchingRunRecord } from "@tandem/core";
import { publicationView, type MatchingRuns } from "./runs";
import { publishRun } from "./publish";
import { demand } from "./demand";

const started = (r: MatchingRunRecord) => ({
  id: r.id,
  cycleId: r.cycleId,
  status: r.status,
  progress: r.progress,
  startedAt: r.startedAt,
  publication: publicationView(r),
});

/** The coordinator runs the cycle: matching runs as jobs, "why not", publication, demand and supply (issue 14). */
export const matchingRoutes = ({ deps, http }: FeatureContext, runs: MatchingRuns) => [
  route(api.startMatchingRun, http, async ({ caller, body }) => {
    const r = await runs.start(caller, body);
    return { body: started(r), location: `/api/matching/runs/${r.id}` };
  }),
  route(api.listMatchingRuns, http, async ({ caller, query }) => ({ body: { items: (await runs.list(caller.tenantId, query.cycleId)).map(started) } })),
  route(api.getMatchingRun, http, async ({ caller, params, query }) => ({ body: await runs.view(caller.tenantId, params.runId, query) })),
  route(api.whyNotPair, http, async ({ caller, params, query }) => ({ body: await runs.whyNot(caller.tenantId, params.runId, query.mentorId, query.menteeId) })),
  route(api.publishMatchingRun, http, async ({ caller, params, idempotencyKey }) => ({
    body: await publishRun(deps, runs, caller, params.runId, idempotencyKey!),
    location: `/api/matching/runs/${params.runId}`,
  })),
  route(api.programDemand, http, async ({ caller, query }) => ({ body: await demand(deps, caller.tenantId, query.cycleId) })),
];
