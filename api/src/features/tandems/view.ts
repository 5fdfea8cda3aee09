import { allowedActions, membersOf, partView, relationTo, skillNames, type Tandem, type TandemView, type Versioned } from "@tandem/core";
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
    ...(t.value.match ? { why: await whyOf(deps, caller, t.value, members, relation === "mentee") } : {}),
    etag: t.etag,
    members,
    allowedActions: allowedActions(t.value, viewer),
    myRelation: relation === "none" ? "coordinator" : relation,
  };
}

/**
 * Why a published run proposed this tandem, in words: a mentee reads their own pair (their request's urgency is
 * theirs), the mentor and coordinators every pair. One more point read, the skill's label.
 */
async function whyOf(deps: Deps, caller: Caller, t: Tandem, members: { id: string; displayName: string }[], ownOnly: boolean): Promise<TandemView["why"]> {
  const match = t.match!;
  const skill = await deps.repos.skills.get(caller.tenantId, match.skillId);
  const names = { skill: skillNames(skill ? [skill.value] : []), person: (id: string) => members.find((m) => m.id === id)?.displayName ?? id };
  return match.pairs
    .filter((p) => !ownOnly || p.menteeId === caller.userId)
    .map((p) => ({ menteeId: p.menteeId, score: p.score, breakdown: p.parts.map((part) => partView(part, names)) }));
}
