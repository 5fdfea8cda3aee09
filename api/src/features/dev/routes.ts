import { TandemError, type DemoOrganisation, type Persona, type Role } from "@tandem/core";
import { devApi } from "@tandem/core/dev";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import type { DevIssuer } from "../../platform/dev-issuer";

export function personasOf(org: DemoOrganisation): Persona[] {
  const managers = new Set(org.people.map((p) => p.managerId).filter((id): id is string => id !== null));
  return org.people.map((p) => {
    const roles: Role[] = [...(p.profile?.programRoles ?? [])];
    if (managers.has(p.id)) roles.push("manager");
    if (p.coordinator) roles.push("coordinator");
    return {
      id: p.id,
      displayName: p.displayName,
      department: p.department,
      jobTitle: p.jobTitle,
      timeZone: p.timeZone,
      roles,
      capacity: p.profile?.programRoles.includes("mentor") ? p.profile.capacity : null,
    };
  });
}

/** Local mode only: sign in as a demo persona. These routes are not registered outside local mode. */
export const devRoutes = ({ http, deps }: FeatureContext, org: DemoOrganisation, issuer: DevIssuer) => {
  const personas = personasOf(org);
  return [
    // The roles people have now: a profile saved since the demo was seeded (a mentee who starts teaching) counts.
    route(devApi.devPersonas, http, async () => {
      const saved = new Map((await deps.repos.profiles.list(org.tenantId)).map((v) => [v.value.id, v.value]));
      const items = personas.map((p) => {
        const now = saved.get(p.id);
        if (!now) return p;
        const roles = [...now.programRoles, ...p.roles.filter((r) => r !== "mentor" && r !== "mentee")];
        return { ...p, roles, capacity: now.programRoles.includes("mentor") ? now.capacity : null };
      });
      return { body: { items } };
    }),
    route(devApi.devJwks, http, async () => ({ body: issuer.jwks() })),
    route(devApi.devToken, http, async ({ body }) => {
      const person = org.people.find((p) => p.id === body.personaId);
      if (!person) {
        throw new TandemError("not_found", "No demo persona has this id: see GET /api/dev/personas.", [
          { pointer: "/personaId", message: "unknown persona" },
        ]);
      }
      return {
        body: await issuer.sign({
          tenantId: org.tenantId,
          userId: person.id,
          displayName: person.displayName,
          username: person.mail,
          coordinator: person.coordinator,
        }),
      };
    }),
  ];
};
