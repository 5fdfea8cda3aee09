import { defineMessages } from "../i18n/i18n";

/** The check-in's three questions, as the tab's dialog and the add-in's form both ask them. */
export const checkInFieldMessages = defineMessages({
  en: {
    "checkin.learned": "What I learned",
    "checkin.willTry": "What I will try before next time",
    "checkin.rating": "How useful was this session?",
    "checkin.ratingValue": "{value} out of 5",
    "checkin.ratingNeeded": "Choose a rating, from 1 to 5.",
  },
  fr: {
    "checkin.learned": "Ce que j'ai appris",
    "checkin.willTry": "Ce que je vais essayer d'ici la prochaine fois",
    "checkin.rating": "Cette séance vous a-t-elle été utile ?",
    "checkin.ratingValue": "{value} sur 5",
    "checkin.ratingNeeded": "Choisissez une note, de 1 à 5.",
  },
});

export type CheckInMessageKey = keyof typeof checkInFieldMessages.en;
