import { api, type Endpoint } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { openApiDocument } from "./document";

export const openApiRoutes = ({ http }: FeatureContext, served: () => readonly Endpoint[], local: boolean) => {
  let doc: Record<string, unknown> | undefined;
  return [
    route(api.openapi, http, async () => ({
      body: (doc ??= openApiDocument(served(), { version: "0.1.0", local })),
    })),
  ];
};
