import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";

export const healthRoutes = ({ deps, http }: FeatureContext) => [
  route(api.health, http, async () => {
    await deps.pingStorage();
    return { body: { status: "ok" as const, storage: "ok" as const } };
  }),
];
