import { defineMessages, sharedMessages } from "@tandem/ui";

/** The shell's words, and the pane's own: its sections, and how it speaks of Outlook. */
export const appMessages = defineMessages({
  en: {
    ...sharedMessages.en,
    "nav.label": "Tandem in Outlook",
    "nav.book": "Book a session",
    "nav.meeting": "This meeting",
    "error.unauthenticated": "Your sign-in has expired. Close and reopen Tandem to sign in again.",
    "signin.office": "Outlook could not sign you in to Tandem (error {code}). Close the pane, check that you are signed in to Outlook with your work account, and open Tandem again. If it happens again, give this error number to your IT admin: Tandem may need their consent for your organisation.",
    "signin.outsideHost": "Open Tandem from Outlook: on a message or a meeting, choose Tandem in the ribbon.",
  },
  fr: {
    ...sharedMessages.fr,
    "nav.label": "Tandem dans Outlook",
    "nav.book": "Réserver une séance",
    "nav.meeting": "Cette réunion",
    "error.unauthenticated": "Votre connexion a expiré. Fermez puis rouvrez Tandem pour vous reconnecter.",
    "signin.office": "Outlook n'a pas pu vous connecter à Tandem (erreur {code}). Fermez le volet, vérifiez que votre session Outlook est ouverte avec votre compte professionnel, puis rouvrez Tandem. Si cela se reproduit, donnez ce numéro d'erreur à votre administrateur informatique : Tandem attend peut-être son accord pour votre organisation.",
    "signin.outsideHost": "Ouvrez Tandem depuis Outlook : sur un message ou une réunion, choisissez Tandem dans le ruban.",
  },
});
