import { defineMessages } from "./i18n";

/**
 * The words the tab and the add-in say alike: the app's name, common actions, what went wrong (one message per
 * `ErrorKind`), signing in, and people's roles. Each app spreads these into its own catalogs, with the words it
 * gives in its host's terms (`HostWordedKey`).
 */
export const sharedMessages = defineMessages({
  en: {
    "app.name": "Tandem",
    "common.loading": "Loading…",
    "common.retry": "Try again",
    "common.reload": "Reload",
    "common.save": "Save",
    "common.saving": "Saving…",
    "common.cancel": "Cancel",
    "error.title": "Something went wrong",
    "error.network": "Tandem cannot be reached. Check your connection and try again.",
    "error.conflict": "This was changed elsewhere in the meantime. Reload to see the latest version, then make your change again.",
    "error.consent": "Tandem needs your organisation's consent to work with your Outlook calendar. Ask your IT admin to grant it to Tandem (Microsoft Entra admin center, Enterprise applications, Tandem, Permissions).",
    "error.forbidden": "You are not allowed to do this.",
    "error.notFound": "This no longer exists.",
    "error.notNow": "This can no longer be done at this stage. Reload to see where things stand.",
    "error.clash": "This clashes with something that already exists or was just done elsewhere. Reload to see it, then try again if need be.",
    "error.tooLarge": "This is too long to send. Shorten it, then try again.",
    "error.fieldsTitle": "Check your answers",
    "error.fields": "Tandem could not accept some answers: see the fields marked.",
    "error.unavailable": "Tandem is temporarily unavailable. Try again in a moment.",
    "error.unknown": "Something went wrong on our side. Try again.",
    "signin.failed": "We could not sign you in to Tandem: {detail}",
    "role.mentor": "Mentor",
    "role.mentee": "Mentee",
    "role.manager": "Manager",
    "role.coordinator": "Coordinator",
    "field.required": "Fill this in.",
    "field.tooShort": "Write at least {count} characters.",
    "field.tooLong": "Keep it to {count} characters or fewer.",
    "field.tooLow": "Enter {limit} or more.",
    "field.tooHigh": "Enter {limit} or less.",
    "field.tooFew": "Choose at least {count}.",
    "field.tooMany": "Choose {count} at most.",
    "field.tooEarly": "Choose a later date.",
    "field.tooLate": "Choose an earlier date.",
    "field.url": "Enter a full web address, starting with https://",
    "field.date": "Enter a valid date.",
    "field.email": "Enter an email address.",
    "field.number": "Enter a number.",
    "field.choose": "Choose one of the options.",
    "field.duplicate": "This is already in the list.",
    "field.invalid": "Check this answer.",
  },
  fr: {
    "app.name": "Tandem",
    "common.loading": "Chargement…",
    "common.retry": "Réessayer",
    "common.reload": "Recharger",
    "common.save": "Enregistrer",
    "common.saving": "Enregistrement…",
    "common.cancel": "Annuler",
    "error.title": "Un problème est survenu",
    "error.network": "Tandem est injoignable. Vérifiez votre connexion et réessayez.",
    "error.conflict": "Cet élément a été modifié ailleurs entre-temps. Rechargez pour voir la dernière version, puis refaites votre modification.",
    "error.consent": "Tandem a besoin de l'accord de votre organisation pour travailler avec votre calendrier Outlook. Demandez à votre administrateur informatique de l'accorder à Tandem (centre d'administration Microsoft Entra, Applications d'entreprise, Tandem, Autorisations).",
    "error.forbidden": "Vous n'avez pas l'autorisation de faire cela.",
    "error.notFound": "Cet élément n'existe plus.",
    "error.notNow": "Ce n’est plus possible à ce stade. Rechargez pour voir où en sont les choses.",
    "error.clash": "Cela entre en conflit avec un élément qui existe déjà ou qui vient d’être fait ailleurs. Rechargez pour le voir, puis réessayez si besoin.",
    "error.tooLarge": "C’est trop long pour être envoyé. Raccourcissez, puis réessayez.",
    "error.fieldsTitle": "Vérifiez vos réponses",
    "error.fields": "Tandem n'a pas pu accepter certaines réponses : voir les champs signalés.",
    "error.unavailable": "Tandem est momentanément indisponible. Réessayez dans un instant.",
    "error.unknown": "Un problème est survenu de notre côté. Réessayez.",
    "signin.failed": "Impossible de vous connecter à Tandem : {detail}",
    "role.mentor": "Mentor",
    "role.mentee": "Personne mentorée",
    "role.manager": "Manager",
    "role.coordinator": "Coordination",
    "field.required": "Renseignez ce champ.",
    "field.tooShort": "Écrivez au moins {count} caractères.",
    "field.tooLong": "{count} caractères au plus.",
    "field.tooLow": "Indiquez {limit} ou plus.",
    "field.tooHigh": "Indiquez {limit} ou moins.",
    "field.tooFew": "Choisissez-en au moins {count}.",
    "field.tooMany": "Choisissez-en {count} au plus.",
    "field.tooEarly": "Choisissez une date plus tardive.",
    "field.tooLate": "Choisissez une date plus proche.",
    "field.url": "Saisissez une adresse web complète, commençant par https://",
    "field.date": "Saisissez une date valide.",
    "field.email": "Saisissez une adresse e-mail.",
    "field.number": "Saisissez un nombre.",
    "field.choose": "Choisissez l'une des options.",
    "field.duplicate": "Cet élément figure déjà dans la liste.",
    "field.invalid": "Vérifiez cette réponse.",
  },
});

/**
 * Words the shell needs that each app gives in its host's terms: how to sign in again (close the pane, reload the
 * tab), and where to open Tandem from.
 */
export type HostWordedKey = "error.unauthenticated" | "signin.outsideHost";

/** Every key the shell's own components translate; each app's catalogs must hold them. */
export type ShellMessageKey = keyof typeof sharedMessages.en | HostWordedKey;
