import { defineMessages } from "../i18n/i18n";

/**
 * The local-mode bar's words. They come with the bar, which only local builds load: no production page carries
 * them.
 */
export const localMessages = defineMessages({
  en: {
    "local.banner": "Local mode",
    "local.persona": "Signed in as",
    "local.language": "Language",
    "local.theme": "Theme",
    "local.theme.default": "Light",
    "local.theme.light": "Light",
    "local.theme.dark": "Dark",
    "local.theme.contrast": "High contrast",
    "local.choosePersona": "Choose a person of the demo organisation to sign in as.",
    "local.change": "Change",
    "local.nobody": "Nobody yet",
  },
  fr: {
    "local.banner": "Mode local",
    "local.persona": "Session ouverte pour",
    "local.language": "Langue",
    "local.theme": "Thème",
    "local.theme.default": "Clair",
    "local.theme.light": "Clair",
    "local.theme.dark": "Sombre",
    "local.theme.contrast": "Contraste élevé",
    "local.choosePersona": "Choisissez une personne de l'organisation de démonstration pour vous connecter.",
    "local.change": "Changer",
    "local.nobody": "Personne pour l'instant",
  },
});
