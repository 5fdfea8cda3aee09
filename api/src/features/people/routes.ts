import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { getMe, putProfile } from "./service";
import { completeTrainingModule } from "./training";
import { setEnrolment } from "./enrolment";
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
  route(api.enrolInCycle, http, async ({ caller, params, body }) => {
    const saved = await setEnrolment(deps, caller, params.cycleId, body.roles);
    return { body: saved!.value.enrolments.find((e) => e.cycleId === params.cycleId)! };
  }),
  route(api.leaveCycle, http, async ({ caller, params }) => {
    await setEnrolment(deps, caller, params.cycleId, null);
    return { body: {} };
  }),
];
