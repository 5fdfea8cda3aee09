import { appMessages } from "../app/messages";
import { homeMessages } from "../features/home/messages";
import type { goalMessages } from "../features/goals/messages";
import type { sessionMessages } from "../features/sessions/messages";
import type { profileMessages } from "../features/profile/messages";
import type { trainingMessages } from "../features/training/messages";
import type { journalMessages } from "../features/journal/messages";
import type { reportMessages } from "../features/reports/messages";
import type { consoleMessages } from "../features/coordinator/messages";
import type { whyMessages } from "../features/home/why-messages";
import type { surveyMessages } from "../features/home/survey-messages";
import type { lifecycleMessages } from "../features/home/lifecycle-messages";

/**
 * The first screen's strings in English: the shell's and the home view's. The other views' strings come with
 * them (./more.ts, loaded by `lazyView`), out of the first load. Each feature owns its messages beside its code.
 */
export const en = {
  ...appMessages.en,
  ...homeMessages.en,
};

type English<M extends { en: object }> = M["en"];

/** Every string the tab shows, whichever view it belongs to. */
export type MessageKey = keyof (typeof en &
  English<typeof goalMessages> &
  English<typeof sessionMessages> &
  English<typeof profileMessages> &
  English<typeof trainingMessages> &
  English<typeof journalMessages> &
  English<typeof reportMessages> &
  English<typeof consoleMessages> &
  English<typeof whyMessages> &
  English<typeof surveyMessages> &
  English<typeof lifecycleMessages>);
