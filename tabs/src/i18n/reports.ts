import { reportMessages } from "../features/reports/messages";

/** The reports' strings in both languages: a chunk of their own, loaded with the team and program views only. */
export const reports = { en: reportMessages.en, fr: reportMessages.fr };
