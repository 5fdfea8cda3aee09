import { api, notFound } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { putMyCheckIn } from "./service";
import { checkInView } from "./view";

export const checkInRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listCheckIns, http, {
    prefetch: (r, { caller, params }) =>
      Promise.all([r.sessions.get(caller.tenantId, params.id, params.sessionId), r.checkIns.list(caller.tenantId, params.id, params.sessionId)]),
    handle: async ({ access, prefetched: [session, checkIns] }) => {
      if (!session) throw notFound("This session");
      return { body: { items: checkIns.flatMap((c) => checkInView(c, access.relation) ?? []) } };
    },
  }),
  route(api.putMyCheckIn, http, {
    prefetch: (r, { caller, params }) =>
      Promise.all([
        r.sessions.get(caller.tenantId, params.id, params.sessionId),
        r.checkIns.get(caller.tenantId, params.id, params.sessionId, caller.userId),
      ]),
    handle: async ({ caller, access, prefetched, body, ifMatch }) => {
      const saved = await putMyCheckIn(deps, caller, prefetched, body, ifMatch);
      return { body: checkInView(saved, access.relation)!, etag: saved.etag };
    },
  }),
];
