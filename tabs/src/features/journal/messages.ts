import { defineMessages } from "../../i18n/messages";

export const journalMessages = defineMessages({ en: {}, fr: {} });
