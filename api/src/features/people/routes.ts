import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { getMe, putProfile } from "./service";
import { completeTrainingModule } from "./training";
import { profileView } from "./view";

export const peopleRoutes = ({ deps, http }: FeatureContext) => [
  route(api.getMe, http, async ({ caller }) => ({ body: await getMe(deps, caller) })),
  route(api.putMyProfile, http, async ({ caller, body, ifMatch }) => {
    const saved = await putProfile(deps, caller, body, ifMatch);
    return { body: profileView(saved), etag: saved.etag };
  }),
  route(api.completeTrainingModule, http, async ({ caller, params }) => {
    const saved = await completeTrainingModule(deps, caller, params.moduleId);
    return { body: profileView(saved), etag: saved.etag };
  }),
];
