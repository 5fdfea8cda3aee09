import { allowedActions, membersOf, relationTo, type Tandem, type TandemView, type Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";

/** A tandem as every route shows it: its members by name, and what the caller may do next. */
export async function tandemView(deps: Deps, caller: Caller, t: Versioned<Tandem>): Promise<TandemView> {
  const viewer = { id: caller.userId, coordinator: caller.coordinator };
  const relation = relationTo(t.value, viewer);
  const members = await Promise.all(
    membersOf(t.value).map(async (id) => {
      // The time zone a member chose in Tandem is theirs; Entra ID has none (it lives in the mailbox).
      const [person, profile] = await Promise.all([deps.directory.person(caller.tenantId, id), deps.repos.profiles.get(caller.tenantId, id)]);
      return {
        id,
        displayName: person?.displayName ?? profile?.value.displayName ?? "",
        role: id === t.value.mentorId ? ("mentor" as const) : ("mentee" as const),
        timeZone: profile?.value.timeZone ?? person?.timeZone ?? null,
        mail: person?.mail ?? null,
      };
    }),
  );
  return {
    ...t.value,
    etag: t.etag,
    members,
    allowedActions: allowedActions(t.value, viewer),
    myRelation: relation === "none" ? "coordinator" : relation,
  };
}
