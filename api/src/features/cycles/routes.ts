import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { createCycle, listCycles, replaceCycle } from "./service";
import { cycleView } from "./view";

export const cycleRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listCycles, http, async ({ caller }) => ({ body: { items: (await listCycles(deps, caller)).map(cycleView) } })),
  route(api.createCycle, http, async ({ caller, body, idempotencyKey }) => {
    const saved = await createCycle(deps, caller, body, idempotencyKey);
    return { body: cycleView(saved), etag: saved.etag, location: `/api/cycles/${saved.value.id}` };
  }),
  route(api.replaceCycle, http, async ({ caller, params, body, ifMatch }) => {
    const saved = await replaceCycle(deps, caller, params.cycleId, body, ifMatch!);
    return { body: cycleView(saved), etag: saved.etag };
  }),
];
