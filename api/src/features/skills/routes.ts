import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { withEtag } from "../../platform/guards";
import { createSkill, listSkills, replaceSkill } from "./service";

export const skillRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listSkills, http, async ({ caller }) => ({ body: { items: (await listSkills(deps, caller)).map(withEtag) } })),
  route(api.createSkill, http, async ({ caller, body }) => {
    const saved = await createSkill(deps, caller, body);
    return { body: withEtag(saved), etag: saved.etag, location: `/api/skills/${saved.value.id}` };
  }),
  route(api.replaceSkill, http, async ({ caller, params, body, ifMatch }) => {
    const saved = await replaceSkill(deps, caller, params.skillId, body, ifMatch!);
    return { body: withEtag(saved), etag: saved.etag };
  }),
];
