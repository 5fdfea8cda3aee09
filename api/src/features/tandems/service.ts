import {
  TandemError,
  asOfCycle,
  brokenRules,
  newTandem,
  overlappingCycles,
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
import { matchingPersonOf } from "../matching/inputs";
import { hold, placesOf, reserve, unhold } from "./places";
import { cancelUpcomingOf } from "./wind-down";

export async function listTandems(deps: Deps, caller: Caller, scope: "mine" | "all"): Promise<TandemView[]> {
  // The whole program is the coordinators': their access level (the contract's accessWhen) let only them ask for it.
  const list =
    scope === "all"
      ? await deps.repos.tandems.listAll(caller.tenantId)
      : await deps.repos.tandems.listForPerson(caller.tenantId, caller.userId);
  list.sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt));
  return Promise.all(list.map((t) => tandemView(deps, caller, t)));
}

/**
 * A coordinator's own proposal: the people must have joined in the roles asked (400), it must keep every hard rule
 * the matching engine keeps, checked by the engine's own code (409 naming each rule, in words), and the mentor must
 * have the places, taken on their row of places so that a concurrent proposal, publication or acceptance cannot take
 * them too (409).
 */
export async function proposeTandem(deps: Deps, caller: Caller, p: TandemProposal): Promise<Versioned<Tandem>> {
  const t = caller.tenantId;
  const everyone = [p.mentorId, ...p.menteeIds];
  const [cycles, mentor, mentees, tandems, directory] = await Promise.all([
    deps.repos.cycles.list(t),
    deps.repos.profiles.get(t, p.mentorId),
    Promise.all(p.menteeIds.map((id) => deps.repos.profiles.get(t, id))),
    Promise.all(everyone.map((id) => deps.repos.tandems.listForPerson(t, id))),
    Promise.all(everyone.map(async (id) => ({ person: await deps.directory.person(t, id), chain: await deps.directory.managerChainOf(t, id) }))),
  ]);
  const cycle = cycles.find((c) => c.value.id === p.cycleId);
  const problems: { pointer: string; message: string }[] = [];
  if (!cycle) problems.push({ pointer: "/cycleId", message: "no such cycle" });
  if (!mentor?.value.programRoles.includes("mentor")) {
    problems.push({ pointer: "/mentorId", message: "this person has not joined as a mentor" });
  } else if (mentor.value.paused) {
    problems.push({ pointer: "/mentorId", message: "this mentor has paused participation" });
  }
  mentees.forEach((m, i) => {
    if (!m?.value.programRoles.includes("mentee")) {
      problems.push({ pointer: `/menteeIds/${i}`, message: "this person has not joined as a mentee" });
    } else if (m.value.paused) {
      problems.push({ pointer: `/menteeIds/${i}`, message: "this mentee has paused participation" });
    }
  });
  if (problems.length) throw new TandemError("validation", `Check ${problems[0]!.pointer}: ${problems[0]!.message}.`, problems);

  const known = new Map(tandems.flat().map((x) => [x.value.id, x.value]));
  const broken = brokenRules({
    cycle: cycle!.value,
    mentor: matchingPersonOf(mentor!.value, directory[0]!.person, directory[0]!.chain, cycle!.value),
    mentees: mentees.map((m, i) => matchingPersonOf(m!.value, directory[i + 1]!.person, directory[i + 1]!.chain, cycle!.value)),
    tandems: asOfCycle(p.cycleId, overlappingCycles(cycle!.value, cycles.map((c) => c.value)), [...known.values()]),
  });
  if (broken.length) {
    throw new TandemError("conflict", `This proposal breaks a matching rule: ${broken.map((b) => b.words.en).join(" ")}`, [], { rules: broken });
  }

  const tandem = newTandem(deps.ids.next(), p, caller.userId, deps.clock.now());
  const limit = placesOf(mentor!.value.capacity, cycle!.value.matching.maxMenteesPerMentor);
  await reserve(deps, t, p.mentorId, [{ tandemId: tandem.id, cycleId: tandem.cycleId, mentees: tandem.menteeIds.length }], limit);
  const saved = await deps.repos.tandems.create(t, tandem);
  await deps.aggregates.tandemChanged(t, saved.value.id);
  return saved;
}

/**
 * One lifecycle action (core `transition`). Pausing or ending may cancel the sessions to come the caller booked first
 * (wind-down.ts): a refusal from Outlook then changes nothing about the tandem, and a retry finds those already
 * cancelled gone. Reopening a completed tandem takes the mentor's place back, as the last acceptance does.
 */
export async function transitionTandem(
  deps: Deps,
  caller: Caller,
  access: TandemAccess,
  input: TransitionInput,
  ifMatch: string | null,
): Promise<Versioned<Tandem>> {
  const { tandem } = access;
  const takesPlace = input.action === "accept" || input.action === "reopen";
  const [cycle, mentor] = await Promise.all([
    deps.repos.cycles.get(caller.tenantId, tandem.value.cycleId),
    takesPlace ? deps.repos.profiles.get(caller.tenantId, tandem.value.mentorId) : null,
  ]);
  const next = transition(tandem.value, input.action, {
    actor: { id: caller.userId, coordinator: caller.coordinator },
    at: deps.clock.now(),
    reason: input.reason,
    cycleEndsOn: cycle?.value.endsOn,
  });
  const version = writeVersion(ifMatch, tandem, "This tandem");
  if (input.cancelUpcoming) await cancelUpcomingOf(deps, caller, access);
  // The last member's acceptance, or a reopening, confirms the mentor's places: never past their capacity.
  const confirming = (tandem.value.status === "proposed" && next.status === "accepted") || input.action === "reopen";
  if (confirming) {
    const limit = placesOf(mentor?.value.capacity ?? 0, cycle?.value.matching.maxMenteesPerMentor ?? 0);
    await hold(deps, caller.tenantId, next, limit);
  }
  const saved = await deps.repos.tandems.replace(caller.tenantId, next, version).catch(async (e: unknown) => {
    if (confirming) await unhold(deps, caller.tenantId, next);
    throw e;
  });
  await deps.aggregates.tandemChanged(caller.tenantId, next.id);
  return saved;
}
