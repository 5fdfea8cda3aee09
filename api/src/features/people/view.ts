import type { Profile, ProfileView, Versioned } from "@tandem/core";
import { withEtag } from "../../platform/versions";

export const profileView = (p: Versioned<Profile>): ProfileView => withEtag(p);
