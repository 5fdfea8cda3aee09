import {
  TandemError,
  newTandem,
  transition,
  type Tandem,
  type TandemProposal,
  type TandemView,
  type TransitionInput,
  type Versioned,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import type { TandemAccess } from "../../platform/access";
import { writeVersion } from "../../platform/versions";
import { tandemView } from "./view";

export async function listTandems(deps: Deps, caller: Caller, scope: "mine" | "all"): Promise<TandemView[]> {
  // The whole program is the coordinators': their access level (the contract's accessWhen) let only them ask for it.
  const list =
    scope === "all"
      ? await deps.repos.tandems.listAll(caller.tenantId)
      : await deps.repos.tandems.listForPerson(caller.tenantId, caller.userId);
  list.sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt));
  return Promise.all(list.map((t) => tandemView(deps, caller, t)));
}

export async function proposeTandem(deps: Deps, caller: Caller, p: TandemProposal): Promise<Versioned<Tandem>> {
  const t = caller.tenantId;
  const [cycle, mentor, mentees, mentorTandems] = await Promise.all([
    deps.repos.cycles.get(t, p.cycleId),
    deps.repos.profiles.get(t, p.mentorId),
    Promise.all(p.menteeIds.map((id) => deps.repos.profiles.get(t, id))),
    deps.repos.tandems.listForPerson(t, p.mentorId),
  ]);
  const problems: { pointer: string; message: string }[] = [];
  if (!cycle) problems.push({ pointer: "/cycleId", message: "no such cycle" });
  if (!mentor?.value.programRoles.includes("mentor")) {
    problems.push({ pointer: "/mentorId", message: "this person has not joined as a mentor" });
  } else if (mentor.value.paused) {
    problems.push({ pointer: "/mentorId", message: "this mentor has paused participation" });
  } else {
    const busy = mentorTandems
      .filter((x) => x.value.mentorId === p.mentorId && ["proposed", "accepted", "active", "paused"].includes(x.value.status))
      .reduce((n, x) => n + x.value.menteeIds.length, 0);
    if (busy + p.menteeIds.length > mentor.value.capacity) {
      problems.push({ pointer: "/mentorId", message: `this mentor has room for ${Math.max(0, mentor.value.capacity - busy)} more mentee(s)` });
    }
  }
  mentees.forEach((m, i) => {
    if (!m?.value.programRoles.includes("mentee")) {
      problems.push({ pointer: `/menteeIds/${i}`, message: "this person has not joined as a mentee" });
    } else if (m.value.paused) {
      problems.push({ pointer: `/menteeIds/${i}`, message: "this mentee has paused participation" });
    }
  });
  if (problems.length) throw new TandemError("validation", `Check ${problems[0]!.pointer}: ${problems[0]!.message}.`, problems);
  const saved = await deps.repos.tandems.create(t, newTandem(deps.ids.next(), p, caller.userId, deps.clock.now()));
  await deps.aggregates.tandemChanged(t, saved.value.id);
  return saved;
}

export async function transitionTandem(
  deps: Deps,
  caller: Caller,
  { tandem }: TandemAccess,
  input: TransitionInput,
  ifMatch: string | null,
): Promise<Versioned<Tandem>> {
  const cycle = await deps.repos.cycles.get(caller.tenantId, tandem.value.cycleId);
  const next = transition(tandem.value, input.action, {
    actor: { id: caller.userId, coordinator: caller.coordinator },
    at: deps.clock.now(),
    reason: input.reason,
    cycleEndsOn: cycle?.value.endsOn,
  });
  const saved = await deps.repos.tandems.replace(caller.tenantId, next, writeVersion(ifMatch, tandem, "This tandem"));
  await deps.aggregates.tandemChanged(caller.tenantId, next.id);
  return saved;
}
