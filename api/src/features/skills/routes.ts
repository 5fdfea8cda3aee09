import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { createSkill, listSkills, replaceSkill } from "./service";
import { skillView } from "./view";

export const skillRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listSkills, http, async ({ caller }) => ({ body: { items: (await listSkills(deps, caller)).map(skillView) } })),
  route(api.createSkill, http, async ({ caller, body }) => {
    const saved = await createSkill(deps, caller, body);
    return { body: skillView(saved), etag: saved.etag, location: `/api/skills/${saved.value.id}` };
  }),
  route(api.replaceSkill, http, async ({ caller, params, body, ifMatch }) => {
    const saved = await replaceSkill(deps, caller, params.skillId, body, ifMatch!);
    return { body: skillView(saved), etag: saved.etag };
  }),
];
