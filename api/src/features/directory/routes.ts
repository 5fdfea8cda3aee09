import { api, syncStatusOf } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import type { DirectorySync } from "./sync";

/** Coordinators run the directory sync on demand and follow it; the timer runs it daily (functions.ts). */
export const directoryRoutes = ({ http }: FeatureContext, sync: DirectorySync) => [
  route(api.startDirectorySync, http, async ({ caller }) => ({
    body: syncStatusOf(await sync.start(caller.tenantId, "coordinator")),
    location: "/api/directory/sync",
  })),
  route(api.getDirectorySync, http, async ({ caller }) => ({ body: syncStatusOf(await sync.status(caller.tenantId)) })),
];
