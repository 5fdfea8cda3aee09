import { defineMessages } from "@tandem/ui";

/** The words around a proposal's reasons (the reasons themselves come from the api in both languages). */
export const whyMessages = defineMessages({
  en: {
    "why.title": "Why this proposal",
    "why.score": "Fit: {score} / 100",
    "why.pair": "With {name}: {score} / 100",
  },
  fr: {
    "why.title": "Pourquoi cette proposition",
    "why.score": "Affinité\u202f: {score} / 100",
    "why.pair": "Avec {name}\u202f: {score} / 100",
  },
});
