import { checkInFieldMessages, defineMessages } from "@tandem/ui";

export const checkInMessages = defineMessages({
  en: {
    ...checkInFieldMessages.en,
    "checkin.title": "Check in",
    "checkin.intro": "Three questions, one minute: it anchors what you learned.",
    "checkin.action": "Check in",
    "checkin.edit": "Edit my check-in",
    "checkin.saved": "Check-in saved. Thank you!",
    "checkin.done": "You have checked in on this session. You can still change your answers.",
    "checkin.notYet": "You can check in once the session has started ({when}).",
    "checkin.cancelled": "This session was cancelled: there is nothing to check in.",
    "checkin.missed": "A member said this session did not take place: there is nothing to check in.",
  },
  fr: {
    ...checkInFieldMessages.fr,
    "checkin.title": "Faire le bilan",
    "checkin.intro": "Trois questions, une minute : cela ancre ce que vous avez appris.",
    "checkin.action": "Faire le bilan",
    "checkin.edit": "Modifier mon bilan",
    "checkin.saved": "Bilan enregistré. Merci !",
    "checkin.done": "Vous avez fait le bilan de cette séance. Vous pouvez encore modifier vos réponses.",
    "checkin.notYet": "Vous pourrez faire le bilan une fois la séance commencée ({when}).",
    "checkin.cancelled": "Cette séance a été annulée : il n'y a pas de bilan à faire.",
    "checkin.missed": "Un membre a indiqué que cette séance n'a pas eu lieu : il n'y a pas de bilan à faire.",
  },
});
