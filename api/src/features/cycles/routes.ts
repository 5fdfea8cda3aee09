import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { withEtag } from "../../platform/guards";
import { createCycle, listCycles } from "./service";

export const cycleRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listCycles, http, async ({ caller }) => ({ body: { items: (await listCycles(deps, caller)).map(withEtag) } })),
  route(api.createCycle, http, async ({ caller, body }) => {
    const saved = await createCycle(deps, caller, body);
    return { body: withEtag(saved), etag: saved.etag, location: `/api/cycles/${saved.value.id}` };
  }),
];
