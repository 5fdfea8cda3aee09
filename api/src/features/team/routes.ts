import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { teamParticipation } from "./service";

export const teamRoutes = ({ deps, http }: FeatureContext) => [
  route(api.teamParticipation, http, async ({ caller, access }) => ({ body: await teamParticipation(deps, caller, access) })),
];
