import { api, programCsv, teamCsv } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { programReportOf, rebuildReports, teamReportOf } from "./service";

const day = (iso: string) => iso.slice(0, 10);

/** Managers' team reports, coordinators' program reports, as JSON and as CSV; the coordinators' rebuild. */
export const reportRoutes = ({ deps, http }: FeatureContext) => [
  route(api.teamReport, http, async ({ caller, access, query }) => ({ body: await teamReportOf(deps, caller, access, query.period) })),
  route(api.teamReportCsv, http, async ({ caller, access, query }) => {
    const r = await teamReportOf(deps, caller, access, query.period);
    return { body: teamCsv(r, query.lang), filename: `tandem-team-${day(r.to)}-${query.period}d.csv` };
  }),
  route(api.programReport, http, async ({ caller, query }) => ({ body: await programReportOf(deps, caller, query.period) })),
  route(api.programReportCsv, http, async ({ caller, query }) => {
    const r = await programReportOf(deps, caller, query.period);
    return { body: programCsv(r, query.lang), filename: `tandem-program-${day(r.to)}-${query.period}d.csv` };
  }),
  route(api.rebuildReports, http, async ({ caller }) => ({ body: await rebuildReports(deps, caller) })),
];
