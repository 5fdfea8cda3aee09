import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { withEtag } from "../../platform/guards";
import { createGoal, deleteGoal, listGoals, updateGoal } from "./service";

export const goalRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listGoals, http, async ({ caller, params }) => ({
    body: { items: (await listGoals(deps, caller, params.id)).map(withEtag) },
  })),
  route(api.createGoal, http, async ({ caller, params, body }) => {
    const saved = await createGoal(deps, caller, params.id, body);
    return { body: withEtag(saved), etag: saved.etag, location: `/api/tandems/${params.id}/goals/${saved.value.id}` };
  }),
  route(api.updateGoal, http, async ({ caller, params, body, ifMatch }) => {
    const saved = await updateGoal(deps, caller, params.id, params.goalId, body, ifMatch!);
    return { body: withEtag(saved), etag: saved.etag };
  }),
  route(api.deleteGoal, http, async ({ caller, params, ifMatch }) => {
    await deleteGoal(deps, caller, params.id, params.goalId, ifMatch);
    return { body: {} };
  }),
];
