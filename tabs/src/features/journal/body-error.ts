import type { MessageKey } from "../../i18n/en";

/** What is wrong with an entry's body, in the person's words, by zod's issue code. */
export function bodyError(issues: readonly { code: string }[]): MessageKey {
  const issue = issues[0];
  if (issue?.code === "too_small") return "journal.error.empty";
  if (issue?.code === "too_big") return "journal.error.tooLong";
  return "journal.error.invalid";
}
