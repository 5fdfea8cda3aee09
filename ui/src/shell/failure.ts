import { errorMessage } from "../errors/ErrorNotice";
import type { I18n, UiMessageKey } from "../i18n/react";
import { OutsideHost } from "./boot";

/**
 * Why the page could not start, in the person's words: outside its host, where to open Tandem from; an api
 * error, as ErrorNotice words it; anything else (the local api's development sign-in), as it came.
 */
export function bootFailureText(error: unknown, { t }: Pick<I18n<UiMessageKey>, "t">): string {
  if (error instanceof OutsideHost) return t("signin.outsideHost");
  const { key, detail } = errorMessage(error);
  const text = error instanceof Error && !("status" in error) ? error.message : t(key, { detail: detail ?? "" });
  return t("signin.failed", { detail: text });
}
