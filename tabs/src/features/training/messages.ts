import { defineMessages } from "../../i18n/messages";

export const trainingMessages = defineMessages({ en: {}, fr: {} });
