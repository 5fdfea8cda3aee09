import { appMessages } from "../app/messages";
import { homeMessages } from "../features/home/messages";
import { goalMessages } from "../features/goals/messages";
import { sessionMessages } from "../features/sessions/messages";
import { profileMessages } from "../features/profile/messages";
import { trainingMessages } from "../features/training/messages";
import { journalMessages } from "../features/journal/messages";
import type { MessageKey } from "./en";

/** Every string the tab shows, in French: the type makes a missing translation a compile error. */
export const fr: Record<MessageKey, string> = {
  ...appMessages.fr,
  ...homeMessages.fr,
  ...goalMessages.fr,
  ...sessionMessages.fr,
  ...profileMessages.fr,
  ...trainingMessages.fr,
  ...journalMessages.fr,
};
