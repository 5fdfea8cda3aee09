import { z } from "zod";

/**
 * What the source article asks of managers, offered where their team's participation is low: small steps (ask the
 * seniors what they want to learn, make time for sessions) and big steps (systematic sessions, training the junior
 * mentors, recruiting juniors whose skills feed the program, with questions for their interviews). Both languages
 * travel with each suggestion, so that the tab and the CSV need no other catalogue.
 */

export const Bilingual = z.strictObject({ fr: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

export const suggestionIds = ["ask-requests", "make-time", "systematic-sessions", "train-mentors", "recruit-juniors"] as const;
export const suggestionReasons = ["low_enrolment", "below_cadence", "quiet_tandems", "few_mentors"] as const;
export type SuggestionReason = (typeof suggestionReasons)[number];

export const Suggestion = z
  .strictObject({
    id: z.enum(suggestionIds),
    step: z.enum(["small", "big"]),
    /** What in the team's shown figures called for it. */
    reasons: z.array(z.enum(suggestionReasons)),
    title: Bilingual,
    body: Bilingual,
    /** Ready-made questions (recruiting juniors): asked in interviews. */
    questions: z.strictObject({ fr: z.array(z.string()), en: z.array(z.string()) }).nullable(),
  })
  .meta({ id: "ReportSuggestion" });
export type Suggestion = z.infer<typeof Suggestion>;

type Text = Omit<Suggestion, "reasons">;

const catalogue: Record<(typeof suggestionIds)[number], Text> = {
  "ask-requests": {
    id: "ask-requests",
    step: "small",
    title: { en: "Ask your seniors what they would like to learn", fr: "Demandez à vos collègues seniors ce qui leur plairait d'apprendre" },
    body: {
      en: "In your next team meeting or one-to-ones, ask: “What would you like to learn from a younger colleague?” A tool, a social network, a way of working. Invite them to write it in Tandem as a learning request: matching starts from there.",
      fr: "Lors de votre prochaine réunion d'équipe ou de vos entretiens individuels, posez la question : « Qu'aimeriez-vous apprendre d'un collègue plus jeune ? » Un outil, un réseau social, une façon de travailler. Invitez-les à l'inscrire dans Tandem comme demande d'apprentissage : la mise en relation part de là.",
    },
    questions: null,
  },
  "make-time": {
    id: "make-time",
    step: "small",
    title: { en: "Make time for sessions", fr: "Dégagez du temps pour les séances" },
    body: {
      en: "Tell your team that mentoring sessions are work time, and protect them in calendars: 45 minutes every two weeks. When a tandem has gone quiet, ask its members how they are doing, not what they talked about.",
      fr: "Dites à votre équipe que les séances de mentorat sont du temps de travail, et protégez-les dans les agendas : 45 minutes toutes les deux semaines. Quand un tandem s'est tu, demandez à ses membres comment ils vont, pas de quoi ils ont parlé.",
    },
    questions: null,
  },
  "systematic-sessions": {
    id: "systematic-sessions",
    step: "big",
    title: { en: "Make sessions systematic", fr: "Rendez les séances systématiques" },
    body: {
      en: "Sessions held at a fixed cadence anchor what is learned; sessions held when there is time fade away. Ask each tandem to book the whole series at the cycle's cadence from the Outlook add-in, and keep those slots free of other meetings.",
      fr: "Des séances à un rythme fixe ancrent ce qui est appris ; des séances « quand on a le temps » s'étiolent. Demandez à chaque tandem de réserver toute la série au rythme du cycle depuis le complément Outlook, et gardez ces créneaux libres d'autres réunions.",
    },
    questions: null,
  },
  "train-mentors": {
    id: "train-mentors",
    step: "big",
    title: { en: "Train the junior mentors", fr: "Formez les jeunes mentors" },
    body: {
      en: "Juniors who mentor a senior need a little preparation: listening, no jargon, patience, showing rather than doing, and discretion. Give them the time to complete Tandem's mentor training before their first session.",
      fr: "Un junior qui accompagne un senior a besoin d'un peu de préparation : écouter, éviter le jargon, être patient, montrer plutôt que faire, et rester discret. Donnez-leur le temps de suivre la formation des mentors de Tandem avant leur première séance.",
    },
    questions: null,
  },
  "recruit-juniors": {
    id: "recruit-juniors",
    step: "big",
    title: { en: "Recruit juniors whose skills feed the program", fr: "Recrutez des juniors dont les compétences nourrissent le programme" },
    body: {
      en: "When you hire, look for juniors who can pass on what your seniors ask for, and who want to. These questions help in an interview.",
      fr: "Quand vous recrutez, cherchez des juniors capables de transmettre ce que vos seniors demandent, et qui en ont envie. Ces questions vous aideront en entretien.",
    },
    questions: {
      en: [
        "Which digital tool do you use every day that most of your colleagues do not know yet?",
        "Tell us about a time you taught someone older or more senior than you to use a tool. How did you go about it?",
        "How would you explain what a prompt is to someone who has never used an AI assistant?",
        "Someone asks you the same question for the third time. What do you do?",
        "Which social network or way of collaborating would you show our managers first, and why?",
        "What would you like to learn from a senior colleague in return?",
      ],
      fr: [
        "Quel outil numérique utilisez-vous tous les jours que la plupart de vos collègues ne connaissent pas encore ?",
        "Racontez une fois où vous avez appris à quelqu'un de plus âgé ou de plus expérimenté que vous à utiliser un outil. Comment avez-vous procédé ?",
        "Comment expliqueriez-vous ce qu'est un prompt à quelqu'un qui n'a jamais utilisé d'assistant d'IA ?",
        "Quelqu'un vous pose la même question pour la troisième fois. Que faites-vous ?",
        "Quel réseau social ou quelle façon de collaborer montreriez-vous d'abord à nos managers, et pourquoi ?",
        "Qu'aimeriez-vous apprendre d'un collègue senior en retour ?",
      ],
    },
  },
};

const answers: Record<SuggestionReason, (typeof suggestionIds)[number][]> = {
  low_enrolment: ["ask-requests", "recruit-juniors"],
  below_cadence: ["make-time", "systematic-sessions"],
  quiet_tandems: ["make-time", "systematic-sessions"],
  few_mentors: ["train-mentors", "recruit-juniors"],
};

/** What a team's shown figures say; hidden figures never feed a suggestion, or it would give them away. */
export interface ParticipationSignals {
  people: number;
  enrolled: number;
  mentors: number;
  mentees: number;
  /** null when hidden. */
  held: number | null;
  expected: number | null;
  atRisk: number | null;
}

/** Below this share of the team enrolled, enrolment is low. */
export const LOW_ENROLMENT = 0.25;
/** Below this share of the sessions the cadence expects, sessions are behind. */
export const BELOW_CADENCE = 0.6;

export function reasonsFor(s: ParticipationSignals): SuggestionReason[] {
  const out: SuggestionReason[] = [];
  if (s.people > 0 && s.enrolled / s.people < LOW_ENROLMENT) out.push("low_enrolment");
  if (s.held !== null && s.expected !== null && s.expected >= 1 && s.held < BELOW_CADENCE * s.expected) out.push("below_cadence");
  if (s.atRisk !== null && s.atRisk > 0) out.push("quiet_tandems");
  if (s.mentees > 0 && s.mentors * 2 < s.mentees) out.push("few_mentors");
  return out;
}

/** The steps to suggest, small ones first, each with the reasons that call for it. */
export function suggestionsFor(s: ParticipationSignals): Suggestion[] {
  const reasons = reasonsFor(s);
  return suggestionIds
    .map((id) => ({ ...catalogue[id], reasons: reasons.filter((r) => answers[r].includes(id)) }))
    .filter((x) => x.reasons.length > 0)
    .sort((a, b) => (a.step === b.step ? 0 : a.step === "small" ? -1 : 1));
}
