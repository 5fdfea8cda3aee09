import type { Locale } from "../common";
import type { FitPart, PairRule, SkillShortfall, UnmatchedMentee, UnmatchedReason, WhyNot } from "./input";

/**
 * The matching's words for participants and coordinators, in French and English: each part of a fit, each reason
 * someone has no proposal, each rule. The tab's i18n layer shows these; names and skill labels come from the caller.
 */
export interface Names {
  skill?: (skillId: string) => string;
  person?: (personId: string) => string;
}

const levelWords = {
  fr: { beginner: "débutant", intermediate: "intermédiaire", advanced: "avancé", expert: "expert" },
  en: { beginner: "beginner", intermediate: "intermediate", advanced: "advanced", expert: "expert" },
} as const;
const urgencyWords = {
  fr: { low: "Demande peu urgente", medium: "Demande assez urgente", high: "Demande urgente" },
  en: { low: "Request not urgent", medium: "Request fairly urgent", high: "Urgent request" },
} as const;
const languageNames = { fr: { fr: "français", en: "anglais" }, en: { fr: "French", en: "English" } } as const;

const hours = (h: number, locale: Locale) => (locale === "fr" ? String(h).replace(".", ",") : String(h));
const points = (p: number, locale: Locale) => (locale === "fr" ? String(p).replace(".", ",") : String(p));
const list = (items: string[], locale: Locale) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${locale === "fr" ? "et" : "and"} ${items.at(-1)}`;

/** One part of a pair's fit, as a participant reads it: "Teaches Copilot at expert level (+40 / 40)". */
export function describeFitPart(part: FitPart, locale: Locale, names: Names = {}): string {
  const skill = (id: string) => names.skill?.(id) ?? id;
  const score = ` (+${points(part.points, locale)} / ${points(part.max, locale)})`;
  switch (part.part) {
    case "skill":
      return (locale === "fr" ? `Enseigne ${skill(part.skillId)} au niveau ${levelWords.fr[part.level]}` : `Teaches ${skill(part.skillId)} at ${levelWords.en[part.level]} level`) + score;
    case "urgency":
      return urgencyWords[locale][part.urgency] + score;
    case "crossDepartment":
      return (part.different ? (locale === "fr" ? "Services différents" : "Different departments") : locale === "fr" ? "Même service" : "Same department") + score;
    case "language":
      return (
        (part.languages.length
          ? locale === "fr"
            ? `Langue commune : ${list(part.languages.map((l) => languageNames.fr[l]), locale)}`
            : `Common language: ${list(part.languages.map((l) => languageNames.en[l]), locale)}`
          : locale === "fr"
            ? "Aucune langue commune"
            : "No common language") + score
      );
    case "overlap":
      return (locale === "fr" ? `${hours(part.hoursPerWeek, locale)} h de travail en commun par semaine` : `${hours(part.hoursPerWeek, locale)} h of working time in common each week`) + score;
  }
}

const ruleWords: Record<Locale, Record<PairRule, string>> = {
  fr: {
    unknown_person: "Cette personne n'est pas dans le programme.",
    not_enrolled: "Pas inscrit à ce cycle.",
    paused: "En pause.",
    not_a_mentee: "N'est pas mentoré dans le programme.",
    not_a_mentor: "N'est pas mentor dans le programme.",
    no_requests: "N'a exprimé aucune demande d'apprentissage.",
    no_offers: "Ne propose aucune compétence à enseigner.",
    same_person: "C'est la même personne.",
    already_matched: "Déjà en tandem ou en cercle dans ce cycle.",
    no_common_skill: "Le mentor n'enseigne aucune des compétences demandées.",
    reporting_chain: "L'un est dans la ligne hiérarchique de l'autre.",
    same_department: "Même service, et le cycle demande des services différents.",
    no_common_language: "Aucune langue commune, et le cycle en demande une.",
    no_common_working_hours: "Pas assez d'heures de travail en commun chaque semaine pour ce cycle.",
    paired_before: "Ils ont déjà fait équipe lors d'un cycle précédent.",
    removed: "Paire retirée par la coordination.",
    mentor_full: "Le mentor n'a plus de place.",
    mentee_pinned_elsewhere: "Le mentoré est déjà fixé avec un autre mentor.",
    mentor_places_pinned: "Les places du mentor sont prises par des paires fixées.",
  },
  en: {
    unknown_person: "This person is not in the program.",
    not_enrolled: "Not enrolled in this cycle.",
    paused: "Paused.",
    not_a_mentee: "Not a mentee in the program.",
    not_a_mentor: "Not a mentor in the program.",
    no_requests: "Has no learning request.",
    no_offers: "Offers no skill to teach.",
    same_person: "It is the same person.",
    already_matched: "Already in a tandem or circle this cycle.",
    no_common_skill: "The mentor teaches none of the requested skills.",
    reporting_chain: "One is in the other's reporting chain.",
    same_department: "Same department, and the cycle asks for different ones.",
    no_common_language: "No common language, and the cycle asks for one.",
    no_common_working_hours: "Not enough working hours in common each week for this cycle.",
    paired_before: "They were paired in an earlier cycle.",
    removed: "Pair removed by the coordinator.",
    mentor_full: "The mentor has no place left.",
    mentee_pinned_elsewhere: "The mentee is pinned to another mentor.",
    mentor_places_pinned: "The mentor's places are taken by pinned pairs.",
  },
};

export const describeRule = (rule: PairRule, locale: Locale): string => ruleWords[locale][rule];

const reasonWords: Record<Locale, Record<UnmatchedReason, (s: string, n: number) => string>> = {
  fr: {
    no_mentor_offers_skill: (s) => `${s} : aucun mentor ne l'enseigne dans ce cycle.`,
    mentors_full: (s, n) => `${s} : ${n === 1 ? "le mentor qui l'enseigne est complet" : `les ${n} mentors qui l'enseignent sont complets`}.`,
    reporting_chain: (s) => `${s} : les seuls mentors sont dans votre ligne hiérarchique.`,
    same_department: (s) => `${s} : les seuls mentors sont de votre service.`,
    no_common_language: (s) => `${s} : aucun mentor ne parle une de vos langues.`,
    no_common_working_hours: (s) => `${s} : aucun mentor n'a assez d'heures de travail en commun avec vous.`,
    paired_before: (s) => `${s} : vous avez déjà fait équipe avec chaque mentor.`,
    removed: (s) => `${s} : la coordination a retiré ces paires.`,
  },
  en: {
    no_mentor_offers_skill: (s) => `${s}: no mentor teaches it this cycle.`,
    mentors_full: (s, n) => `${s}: ${n === 1 ? "the mentor who teaches it is full" : `the ${n} mentors who teach it are full`}.`,
    reporting_chain: (s) => `${s}: the only mentors are in your reporting chain.`,
    same_department: (s) => `${s}: the only mentors are in your department.`,
    no_common_language: (s) => `${s}: no mentor speaks one of your languages.`,
    no_common_working_hours: (s) => `${s}: no mentor has enough working hours in common with you.`,
    paired_before: (s) => `${s}: you were paired with each mentor before.`,
    removed: (s) => `${s}: the coordinator removed these pairs.`,
  },
};

/** Why one requested skill found no mentor: "Copilot: the only mentors are in your reporting chain." */
export function describeShortfall(s: SkillShortfall, locale: Locale, names: Names = {}): string {
  return reasonWords[locale][s.reason](names.skill?.(s.skillId) ?? s.skillId, s.full + s.taken);
}

/** Why a mentee has no proposal, one sentence per requested skill. */
export const describeUnmatched = (u: UnmatchedMentee, locale: Locale, names: Names = {}): string[] =>
  u.skills.map((s) => describeShortfall(s, locale, names));

/** The answer to "why not this pair", for the coordinator. */
export function describeWhyNot(w: WhyNot, locale: Locale, names: Names = {}): string {
  const fr = locale === "fr";
  switch (w.status) {
    case "proposed":
      return fr ? `Cette paire est proposée${w.pinned ? " (fixée)" : ""}.` : `This pair is proposed${w.pinned ? " (pinned)" : ""}.`;
    case "ruled_out":
      return w.rules.map((r) => describeRule(r, locale)).join(" ");
    case "not_chosen": {
      const person = (id: string) => names.person?.(id) ?? id;
      const parts: string[] = [];
      if (w.wouldUnmatch > 0) {
        parts.push(fr ? `La proposer laisserait ${w.wouldUnmatch} personne${w.wouldUnmatch > 1 ? "s" : ""} de plus sans mentor.` : `Proposing it would leave ${w.wouldUnmatch} more ${w.wouldUnmatch > 1 ? "people" : "person"} without a mentor.`);
      } else if (w.fitShortfall > 0) {
        parts.push(fr ? `Il faudrait une adéquation supérieure d'au moins ${points(w.fitShortfall, locale)} points (elle est de ${points(w.pair.score, locale)}).` : `Its fit would need to be at least ${points(w.fitShortfall, locale)} points higher (it is ${points(w.pair.score, locale)}).`);
      } else {
        parts.push(fr ? "Une autre répartition tout aussi bonne a été retenue." : "Another, equally good set of proposals was chosen.");
      }
      const moves = w.changes.filter((c) => c.menteeId !== w.pair.menteeId);
      if (moves.length) {
        const what = moves.map((c) =>
          c.to === null
            ? fr ? `${person(c.menteeId)} n'aurait plus de mentor` : `${person(c.menteeId)} would have no mentor`
            : c.from === null
              ? fr ? `${person(c.menteeId)} aurait ${person(c.to)}` : `${person(c.menteeId)} would get ${person(c.to)}`
              : fr ? `${person(c.menteeId)} passerait de ${person(c.from)} à ${person(c.to)}` : `${person(c.menteeId)} would move from ${person(c.from)} to ${person(c.to)}`,
        );
        parts.push(fr ? `Pour la faire : ${list(what, locale)}.` : `To make it: ${list(what, locale)}.`);
      }
      return parts.join(" ");
    }
  }
}
