import type { Skill, SkillView, Versioned } from "@tandem/core";
import { withEtag } from "../../platform/versions";

export const skillView = (s: Versioned<Skill>): SkillView => withEtag(s);
