import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { createGoal, deleteGoal, updateGoal } from "./service";
import { goalView } from "./view";

export const goalRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listGoals, http, {
    prefetch: (r, { caller, params }) => r.goals.list(caller.tenantId, params.id),
    handle: async ({ prefetched }) => ({ body: { items: prefetched.map(goalView) } }),
  }),
  route(api.createGoal, http, async ({ caller, access, params, body, idempotencyKey }) => {
    const saved = await createGoal(deps, caller, access, body, idempotencyKey);
    return { body: goalView(saved), etag: saved.etag, location: `/api/tandems/${params.id}/goals/${saved.value.id}` };
  }),
  route(api.updateGoal, http, {
    prefetch: (r, { caller, params }) => r.goals.get(caller.tenantId, params.id, params.goalId),
    handle: async ({ caller, access, prefetched, body, ifMatch }) => {
      const saved = await updateGoal(deps, caller, access, prefetched, body, ifMatch!);
      return { body: goalView(saved), etag: saved.etag };
    },
  }),
  route(api.deleteGoal, http, {
    prefetch: (r, { caller, params }) => r.goals.get(caller.tenantId, params.id, params.goalId),
    handle: async ({ caller, access, prefetched, ifMatch }) => {
      await deleteGoal(deps, caller, access, prefetched, ifMatch);
      return { body: {} };
    },
  }),
];
