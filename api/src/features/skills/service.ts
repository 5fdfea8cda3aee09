import { TandemError, type Skill, type SkillInput, type Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { writeVersion } from "../../platform/versions";

export const listSkills = (deps: Deps, caller: Caller) => deps.repos.skills.list(caller.tenantId);

export async function createSkill(deps: Deps, caller: Caller, skill: Skill): Promise<Versioned<Skill>> {
  try {
    return await deps.repos.skills.create(caller.tenantId, skill);
  } catch (e) {
    if (e instanceof TandemError && e.code === "conflict") {
      throw new TandemError("conflict", `The catalogue already has a skill ${skill.id}.`, [
        { pointer: "/id", message: "already used", code: "duplicate" },
      ]);
    }
    throw e;
  }
}

export async function replaceSkill(
  deps: Deps,
  caller: Caller,
  id: string,
  input: SkillInput,
  ifMatch: string,
): Promise<Versioned<Skill>> {
  const existing = await deps.repos.skills.get(caller.tenantId, id);
  if (!existing) throw new TandemError("not_found", `The catalogue has no skill ${id}.`);
  return deps.repos.skills.replace(caller.tenantId, { ...input, id }, writeVersion(ifMatch, existing, "This skill"));
}
