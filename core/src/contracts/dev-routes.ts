import type { Route } from "./routes";

/** The development identity's routes (local mode only), as plain data for the front ends' local sign-in. */
export const devRoutes = {
  devPersonas: { id: "devPersonas", method: "GET", path: "/dev/personas", auth: "none" },
  devToken: { id: "devToken", method: "POST", path: "/dev/token", auth: "none" },
  devJwks: { id: "devJwks", method: "GET", path: "/dev/jwks", auth: "none" },
} as const satisfies Record<string, Route>;
