import type { Profile, ProfileView, Versioned } from "@tandem/core";
import { withEtag } from "../../platform/versions";

/** Enrolments leave through GET /me and their own routes, not in the profile a client edits and sends back. */
export const profileView = (p: Versioned<Profile>): ProfileView => {
  const { enrolments: _, ...view } = withEtag(p);
  return view;
};
