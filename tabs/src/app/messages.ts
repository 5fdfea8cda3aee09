import { defineMessages, sharedMessages } from "@tandem/ui";

/** The shell's words, and the tab's own: its sections, and how it speaks of Teams. */
export const appMessages = defineMessages({
  en: {
    ...sharedMessages.en,
    "nav.label": "Tandem sections",
    "nav.home": "Home",
    "nav.sessions": "Sessions",
    "nav.profile": "My profile",
    "nav.training": "Mentor training",
    "nav.journal": "Take stock",
    "common.close": "Close",
    "common.delete": "Delete",
    "common.edit": "Edit",
    "common.saved": "Saved",
    "error.unauthenticated": "Your sign-in has expired. Reload Tandem to sign in again.",
    "signin.outsideHost": "Open Tandem from Microsoft Teams.",
    "signin.teamsSilent": "Microsoft Teams did not answer. Reload Tandem.",
  },
  fr: {
    ...sharedMessages.fr,
    "nav.label": "Rubriques de Tandem",
    "nav.home": "Accueil",
    "nav.sessions": "Séances",
    "nav.profile": "Mon profil",
    "nav.training": "Formation des mentors",
    "nav.journal": "Faire le point",
    "common.close": "Fermer",
    "common.delete": "Supprimer",
    "common.edit": "Modifier",
    "common.saved": "Enregistré",
    "error.unauthenticated": "Votre connexion a expiré. Rechargez Tandem pour vous reconnecter.",
    "signin.outsideHost": "Ouvrez Tandem depuis Microsoft Teams.",
    "signin.teamsSilent": "Microsoft Teams n'a pas répondu. Rechargez Tandem.",
  },
});
