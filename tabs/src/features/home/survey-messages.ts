import { defineMessages } from "@tandem/ui";

/** The closing survey of a completed tandem. */
export const surveyMessages = defineMessages({
  en: {
    "survey.title": "Closing survey",
    "survey.intro": "Your tandem is completed. Three questions to close it, answered once.",
    "survey.helped": "Did this tandem help you?",
    "survey.again": "Would you do it again?",
    "survey.yes": "Yes",
    "survey.no": "No",
    "survey.learned": "What did you learn?",
    "survey.learned.hint": "Only you read this; coordinators see only how many said yes.",
    "survey.send": "Send my answers",
    "survey.sending": "Sending…",
    "survey.thanks": "Thank you: you answered the closing survey.",
    "survey.answered": "It helped: {helped}. Again: {again}.",
  },
  fr: {
    "survey.title": "Questionnaire de clôture",
    "survey.intro": "Votre tandem est terminé. Trois questions pour le clore, une seule fois.",
    "survey.helped": "Ce tandem vous a-t-il été utile\u202f?",
    "survey.again": "Le referiez-vous\u202f?",
    "survey.yes": "Oui",
    "survey.no": "Non",
    "survey.learned": "Qu’avez-vous appris\u202f?",
    "survey.learned.hint": "Personne d'autre ne le lit\u202f; l'équipe de coordination ne voit que combien de personnes ont dit oui.",
    "survey.send": "Envoyer mes réponses",
    "survey.sending": "Envoi…",
    "survey.thanks": "Merci\u202f: vous avez répondu au questionnaire de clôture.",
    "survey.answered": "Cela a aidé\u202f: {helped}. À refaire\u202f: {again}.",
  },
});
