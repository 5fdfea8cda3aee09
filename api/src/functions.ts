import azf from "@azure/functions";
import { loadConfig } from "./config";
import { createApp } from "./app";

/** The Azure Functions entry point: every route of the app becomes one HTTP function. */
const application = await createApp(loadConfig());
for (const r of application.routes) {
  azf.app.http(r.endpoint.id, {
    methods: [r.endpoint.method],
    route: r.endpoint.path.slice(1),
    authLevel: "anonymous",
    handler: r.handler,
  });
}
