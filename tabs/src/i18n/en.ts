import { appMessages } from "../app/messages";
import { homeMessages } from "../features/home/messages";
import { goalMessages } from "../features/goals/messages";
import { sessionMessages } from "../features/sessions/messages";
import { profileMessages } from "../features/profile/messages";
import { trainingMessages } from "../features/training/messages";
import { journalMessages } from "../features/journal/messages";

/** Every string the tab shows, in English; each feature owns its messages beside its code. */
export const en = {
  ...appMessages.en,
  ...homeMessages.en,
  ...goalMessages.en,
  ...sessionMessages.en,
  ...profileMessages.en,
  ...trainingMessages.en,
  ...journalMessages.en,
};
export type MessageKey = keyof typeof en;
