import type { Cycle } from "../cycles";
import type { Profile } from "../people";
import { urgencies } from "../people";
import type { Skill } from "../skills";
import type { Tandem } from "../tandems";
import type { FitPart } from "./fit-part";
import type { ExcludedPerson, MatchingInput, MatchingResult, MatchingPerson, ScoredPair } from "./input";
import { OPEN_STATUSES } from "./rules";
import { cycleRolesOf } from "../enrolment";
import type { DemandReport, FitPartView, RunInputChange, RunPair, RunProposal, RunReason, RunUnmatched, Words } from "./runs";
import { describeFitPart, describeRule, describeShortfall, type Names } from "./words";

/** Names in both languages: skills by their label in each, people by their name. */
export interface BilingualNames {
  skill(skillId: string, locale: "fr" | "en"): string;
  person(personId: string): string;
}

const namesIn = (n: BilingualNames, locale: "fr" | "en"): Names => ({ skill: (id) => n.skill(id, locale), person: (id) => n.person(id) });

export const skillNames = (skills: Pick<Skill, "id" | "label">[]) => {
  const labels = new Map(skills.map((s) => [s.id, s.label]));
  return (skillId: string, locale: "fr" | "en") => labels.get(skillId)?.[locale] ?? skillId;
};

export function partView(part: FitPart, n: BilingualNames): FitPartView {
  return { ...part, words: { fr: describeFitPart(part, "fr", namesIn(n, "fr")), en: describeFitPart(part, "en", namesIn(n, "en")) } };
}

const pairView = (p: Pick<ScoredPair, "menteeId" | "score" | "parts"> & { pinned?: boolean }, n: BilingualNames): RunPair => ({
  menteeId: p.menteeId,
  score: p.score,
  breakdown: p.parts.map((x) => partView(x, n)),
  pinned: p.pinned ?? false,
});

/** A run's proposals as the console shows them: a tandem's score and parts, a circle's mean and each pair's. */
export function presentProposals(result: MatchingResult, n: BilingualNames): RunProposal[] {
  return result.proposals.map((p) => {
    const pairs = p.pairs.map((x) => pairView(x, n));
    const score = Math.round((pairs.reduce((s, x) => s + x.score, 0) / pairs.length) * 10) / 10;
    return { kind: p.kind, mentorId: p.mentorId, menteeIds: p.menteeIds, skillId: p.skillId, score, breakdown: p.kind === "tandem" ? pairs[0]!.breakdown : [], pairs };
  });
}

const idleMentorWords: Words = {
  fr: "Aucun mentoré de ce cycle ne demande ce qu'il enseigne, ou les règles l'en séparent.",
  en: "No mentee of this cycle asks for what they teach, or the rules keep them apart.",
};

/**
 * Everyone the run leaves without a proposal, with why: mentees the engine could not match (per requested skill),
 * people left out of the run (paused, no request, no offer, already matched), and mentors with places left whom no
 * mentee could take.
 */
export function presentUnmatched(result: MatchingResult, people: Pick<MatchingPerson, "id" | "programRoles">[], n: BilingualNames): RunUnmatched[] {
  const roles = new Map(people.map((p) => [p.id, p.programRoles]));
  const out: RunUnmatched[] = [];
  for (const u of result.unmatched) {
    out.push({
      personId: u.menteeId,
      role: "mentee",
      reasons: u.skills.map((s) => ({
        code: s.reason,
        skillId: s.skillId,
        words: { fr: describeShortfall(s, "fr", namesIn(n, "fr")), en: describeShortfall(s, "en", namesIn(n, "en")) },
      })),
    });
  }
  for (const x of result.excluded) {
    const reason: RunReason = { code: x.reason, skillId: null, words: { fr: describeRule(x.reason, "fr"), en: describeRule(x.reason, "en") } };
    for (const role of roleOf(x, roles.get(x.personId) ?? [])) out.push({ personId: x.personId, role, reasons: [reason] });
  }
  for (const m of result.mentors) {
    if (m.proposed === 0 && m.open < m.places) out.push({ personId: m.mentorId, role: "mentor", reasons: [{ code: "no_mentee_for_offers", skillId: null, words: idleMentorWords }] });
  }
  return out;
}

function roleOf(x: ExcludedPerson, roles: readonly string[]): ("mentor" | "mentee")[] {
  if (x.reason === "no_requests" || x.reason === "already_matched") return ["mentee"];
  if (x.reason === "no_offers") return ["mentor"];
  return (["mentor", "mentee"] as const).filter((r) => roles.includes(r));
}

// ---------------------------------------------------------------------------------------------------------------
// What changed since a run read its inputs.
// ---------------------------------------------------------------------------------------------------------------

const key = (t: MatchingInput["tandems"][number]) => `${t.cycleId} ${t.mentorId} ${[...t.menteeIds].sort().join(",")} ${t.status}`;

/** Compares what a run read with what storage holds now: the cycle's rules, each person's facts, the tandems. */
export function inputChanges(before: MatchingInput, after: MatchingInput): RunInputChange[] {
  const out: RunInputChange[] = [];
  if (JSON.stringify(before.cycle) !== JSON.stringify(after.cycle)) {
    out.push({ what: "cycle", ids: [before.cycle.id], words: { fr: "Les règles du cycle ont changé.", en: "The cycle's rules changed." } });
  }
  const was = new Map(before.people.map((p) => [p.id, canonical(p)]));
  const now = new Map(after.people.map((p) => [p.id, canonical(p)]));
  const people = [...new Set([...was.keys(), ...now.keys()])].filter((id) => was.get(id) !== now.get(id)).sort();
  if (people.length) {
    out.push({
      what: "people",
      ids: people.slice(0, 50),
      words: {
        fr: `${people.length} personne${people.length > 1 ? "s ont" : " a"} changé (profil, pause, demandes, offres ou place dans l'organisation).`,
        en: `${people.length} ${people.length > 1 ? "people" : "person"} changed (profile, pause, requests, offers or place in the organisation).`,
      },
    });
  }
  const count = (list: MatchingInput["tandems"]) => {
    const m = new Map<string, number>();
    for (const t of list) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
    return m;
  };
  const a = count(before.tandems);
  const b = count(after.tandems);
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
  if (differing.length) {
    const mentors = [...new Set(differing.map((k) => k.split(" ")[1]!))].sort();
    out.push({
      what: "tandems",
      ids: mentors.slice(0, 50),
      words: {
        fr: `Des tandems ou cercles ont été créés ou ont changé d'état depuis (mentors concernés : ${mentors.length}).`,
        en: `Tandems or circles were created or changed state since (mentors concerned: ${mentors.length}).`,
      },
    });
  }
  return out;
}

/** A person's facts in a stable order, whatever the order of their lists. */
function canonical(p: MatchingPerson): string {
  return JSON.stringify({
    ...p,
    offers: [...p.offers].sort((x, y) => x.skillId.localeCompare(y.skillId)),
    requests: [...p.requests].sort((x, y) => x.skillId.localeCompare(y.skillId)).map((r) => ({ skillId: r.skillId, urgency: r.urgency })),
    languages: [...p.languages].sort(),
    programRoles: [...p.programRoles].sort(),
  });
}

/** The input's fingerprint: the same facts in any order give the same text to hash. */
export function canonicalInput(input: MatchingInput): string {
  return JSON.stringify({
    cycle: input.cycle,
    people: input.people.map(canonical).sort(),
    tandems: input.tandems.map(key).sort(),
    pins: input.pins.map((p) => `${p.menteeId} ${p.mentorId}`).sort(),
    removals: input.removals.map((p) => `${p.menteeId} ${p.mentorId}`).sort(),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Demand and supply.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Per skill: the open requests of a cycle (enrolled mentees, not paused, not yet in an open tandem of the cycle or of
 * one that overlaps it) by
 * urgency, the mentors who offer it (enrolled, not paused), their places left (the cycle's maximum and their own
 * capacity, less their open tandems), and the gap between the two.
 */
export function demandOf(
  cycle: Pick<Cycle, "id" | "matching"> & Partial<Pick<Cycle, "enrolment">>,
  profiles: Profile[],
  tandems: Pick<Tandem, "cycleId" | "mentorId" | "menteeIds" | "status">[],
  skills: Skill[],
  overlapping: ReadonlySet<string> = new Set([cycle.id]),
): DemandReport {
  const open = tandems.filter((t) => OPEN_STATUSES.includes(t.status));
  const matched = new Set(open.filter((t) => overlapping.has(t.cycleId)).flatMap((t) => t.menteeIds));
  const held = new Map<string, number>();
  for (const t of open) held.set(t.mentorId, (held.get(t.mentorId) ?? 0) + t.menteeIds.length);
  type Row = { count: number; urgency: Record<(typeof urgencies)[number], number>; mentors: number; free: number };
  const rows = new Map<string, Row>();
  const row = (skillId: string) => {
    let r = rows.get(skillId);
    if (!r) rows.set(skillId, (r = { count: 0, urgency: { low: 0, medium: 0, high: 0 }, mentors: 0, free: 0 }));
    return r;
  };
  let mentors = 0;
  let freeCapacity = 0;
  for (const p of profiles) {
    if (p.paused) continue;
    const roles = cycleRolesOf(p, cycle);
    if (roles.includes("mentee") && !matched.has(p.id)) {
      for (const r of p.requests) {
        const x = row(r.skillId);
        x.count++;
        x.urgency[r.urgency]++;
      }
    }
    if (roles.includes("mentor") && p.offers.length > 0) {
      const free = Math.max(0, Math.min(p.capacity, cycle.matching.maxMenteesPerMentor) - (held.get(p.id) ?? 0));
      mentors++;
      freeCapacity += free;
      for (const o of p.offers) {
        const x = row(o.skillId);
        x.mentors++;
        x.free += free;
      }
    }
  }
  const labels = new Map(skills.map((s) => [s.id, s.label]));
  const list = [...rows]
    .map(([skillId, r]) => ({
      skillId,
      label: labels.get(skillId) ?? null,
      requests: { count: r.count, urgency: r.urgency },
      mentors: r.mentors,
      freeCapacity: r.free,
      gap: r.count - r.free,
    }))
    .sort((x, y) => y.gap - x.gap || x.skillId.localeCompare(y.skillId));
  return {
    cycleId: cycle.id,
    skills: list,
    totals: { requests: list.reduce((s, x) => s + x.requests.count, 0), mentors, freeCapacity },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A page of a run.
// ---------------------------------------------------------------------------------------------------------------

type Named = { id: string };

/**
 * One page of a run's result (`top` of each list from `skip`), as GET /matching/runs/{id} answers it: the people it
 * names, pins and removals included. Members of the program who did not enrol in the cycle are counted, not listed:
 * in a cycle with its own enrolment they are most of the program, and nothing a coordinator has to act on.
 */
export function runPage<P extends Named>(
  proposals: readonly RunProposal[],
  unmatched: readonly RunUnmatched[],
  adjusted: readonly { menteeId: string; mentorId: string }[],
  people: readonly P[],
  page: { top: number; skip: number },
) {
  const outside = (u: RunUnmatched) => u.reasons.some((r) => r.code === "not_enrolled");
  const listed = unmatched.filter((u) => !outside(u));
  const shown = { proposals: proposals.slice(page.skip, page.skip + page.top), unmatched: listed.slice(page.skip, page.skip + page.top) };
  const named = new Set([
    ...shown.proposals.flatMap((p) => [p.mentorId, ...p.menteeIds]),
    ...shown.unmatched.map((u) => u.personId),
    ...adjusted.flatMap((p) => [p.menteeId, p.mentorId]),
  ]);
  return {
    ...shown,
    people: people.filter((p) => named.has(p.id)),
    totals: { proposals: proposals.length, unmatched: listed.length },
    notEnrolled: new Set(unmatched.filter(outside).map((u) => u.personId)).size,
    more: page.skip + page.top < Math.max(proposals.length, listed.length),
  };
}
