import type { Me, Profile, ProfileInput, Role, Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { writeVersion } from "../../platform/versions";
import { profileView } from "./view";

export async function isManager(deps: Deps, caller: Caller): Promise<boolean> {
  return deps.directory.isManager(caller.tenantId, caller.userId);
}

export async function getMe(deps: Deps, caller: Caller): Promise<Me> {
  const [profile, directory, manager] = await Promise.all([
    deps.repos.profiles.get(caller.tenantId, caller.userId),
    deps.directory.person(caller.tenantId, caller.userId),
    isManager(deps, caller),
  ]);
  const roles: Role[] = [...(profile?.value.programRoles ?? [])];
  if (manager) roles.push("manager");
  if (caller.coordinator) roles.push("coordinator");
  return {
    id: caller.userId,
    tenantId: caller.tenantId,
    displayName: directory?.displayName ?? caller.displayName,
    roles,
    profile: profile ? profileView(profile) : null,
    enrolments: profile?.value.enrolments ?? [],
    directory,
  };
}

/** Creates or replaces my profile; with If-Match, only over the version I read. */
export async function putProfile(
  deps: Deps,
  caller: Caller,
  input: ProfileInput,
  ifMatch: string | null,
): Promise<Versioned<Profile>> {
  const [existing, directory] = await Promise.all([
    deps.repos.profiles.get(caller.tenantId, caller.userId),
    deps.directory.person(caller.tenantId, caller.userId),
  ]);
  const now = deps.clock.now();
  const profile: Profile = {
    ...input,
    id: caller.userId,
    displayName: directory?.displayName ?? caller.displayName,
    trainingCompleted: existing?.value.trainingCompleted ?? [],
    // Enrolments have their own route; a profile save keeps them.
    enrolments: existing?.value.enrolments ?? [],
    createdAt: existing?.value.createdAt ?? now,
    updatedAt: now,
  };
  const saved = await deps.repos.profiles.put(caller.tenantId, profile, writeVersion(ifMatch, existing, "Your profile"));
  await deps.aggregates.profileChanged(caller.tenantId, caller.userId);
  return saved;
}
