import { defineMessages } from "../../i18n/messages";

export const profileMessages = defineMessages({ en: {}, fr: {} });
