import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { listTandems, proposeTandem, transitionTandem } from "./service";
import { tandemView } from "./view";

export const tandemRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listTandems, http, async ({ caller, query }) => ({
    body: { items: await listTandems(deps, caller, query.scope) },
  })),
  route(api.proposeTandem, http, async ({ caller, body }) => {
    const saved = await proposeTandem(deps, caller, body);
    return { body: await tandemView(deps, caller, saved), etag: saved.etag, location: `/api/tandems/${saved.value.id}` };
  }),
  route(api.getTandem, http, async ({ caller, access: { tandem } }) => ({ body: await tandemView(deps, caller, tandem), etag: tandem.etag })),
  route(api.transitionTandem, http, async ({ caller, access, body, ifMatch }) => {
    const saved = await transitionTandem(deps, caller, access, body, ifMatch);
    return { body: await tandemView(deps, caller, saved), etag: saved.etag };
  }),
];
