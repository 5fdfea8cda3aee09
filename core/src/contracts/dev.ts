import { z } from "zod";
import { endpoint } from "./endpoint";
import { devRoutes } from "./dev-routes";
import { Id } from "../domain/common";
import { Persona } from "./api";

/**
 * The development identity's endpoints, served in local mode only. A module of its own, imported only by the
 * api's dev routes and the front ends' local-mode code, so that no production bundle carries them.
 */
export const devApi = {
  devPersonas: endpoint({
    ...devRoutes.devPersonas,
    access: "anyone",
    summary: "The demo organisation's people to sign in as (local mode only)",
    tag: "development",
    localOnly: true,
    response: z.strictObject({ items: z.array(Persona) }),
    status: 200,
  }),
  devToken: endpoint({
    ...devRoutes.devToken,
    access: "anyone",
    summary: "A development access token for a demo persona (local mode only)",
    tag: "development",
    localOnly: true,
    body: z.strictObject({ personaId: Id }),
    response: z.strictObject({ token: z.string(), expiresAt: z.iso.datetime({ offset: true }) }),
    status: 200,
    errors: [404],
  }),
  devJwks: endpoint({
    ...devRoutes.devJwks,
    access: "anyone",
    summary: "The development issuer's public keys (local mode only)",
    tag: "development",
    localOnly: true,
    response: z.strictObject({ keys: z.array(z.record(z.string(), z.unknown())) }),
    status: 200,
  }),
} as const;
