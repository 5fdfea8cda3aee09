import { appMessages } from "../app/messages";
import { homeMessages } from "../features/home/messages";
import type { en } from "./en";

/** The first screen's strings in French: the type makes a missing translation a compile error. */
export const fr: Record<keyof typeof en, string> = {
  ...appMessages.fr,
  ...homeMessages.fr,
};
