import { goalMessages } from "../features/goals/messages";
import { sessionMessages } from "../features/sessions/messages";
import { profileMessages } from "../features/profile/messages";
import { trainingMessages } from "../features/training/messages";
import { journalMessages } from "../features/journal/messages";
import { whyMessages } from "../features/home/why-messages";
import { surveyMessages } from "../features/home/survey-messages";
import { lifecycleMessages } from "../features/home/lifecycle-messages";

/** The strings of every view but the first screen, in both languages: one chunk, loaded with the first of them. */
export const more = {
  en: { ...goalMessages.en, ...sessionMessages.en, ...profileMessages.en, ...trainingMessages.en, ...journalMessages.en, ...whyMessages.en, ...surveyMessages.en, ...lifecycleMessages.en },
  fr: { ...goalMessages.fr, ...sessionMessages.fr, ...profileMessages.fr, ...trainingMessages.fr, ...journalMessages.fr, ...whyMessages.fr, ...surveyMessages.fr, ...lifecycleMessages.fr },
};
