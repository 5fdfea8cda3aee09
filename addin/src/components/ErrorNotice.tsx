import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ApiError } from "../api/client";
import { useT } from "../i18n/i18n";
import type { MessageKey } from "../i18n/en";

/** Per call site: what a problem of a given status means there (booking's 503 is Outlook's calendars, say). */
export type ErrorWords = Partial<Record<number, MessageKey>>;

/** The one way an error is told to a person: what happened, in their words, and what they can do. */
export function errorMessage(error: unknown, words: ErrorWords = {}): { key: MessageKey; detail?: string } {
  if (!(error instanceof ApiError)) return { key: "error.unknown" };
  const specific = words[error.status];
  if (specific) return { key: specific, detail: error.detail };
  if (error.status === 0) return { key: "error.network" };
  if (error.status === 412) return { key: "error.conflict" };
  if (error.status === 401) return { key: "error.unauthenticated" };
  if (error.status === 403) return { key: "error.forbidden" };
  if (error.status === 404) return { key: "error.notFound" };
  if (error.status === 400 || error.status === 409 || error.status === 413 || error.status === 422) {
    return { key: "error.invalid", detail: error.detail };
  }
  if (error.status === 503) return { key: "error.unavailable" };
  return { key: "error.unknown" };
}

export function ErrorNotice({
  error,
  words,
  onRetry,
  onReload,
}: {
  error: unknown;
  words?: ErrorWords;
  onRetry?: () => void;
  onReload?: () => void;
}) {
  const t = useT();
  const { key, detail } = errorMessage(error, words);
  const conflict = error instanceof ApiError && error.isConflict;
  const action = conflict ? onReload : onRetry;
  return (
    <MessageBar intent={conflict ? "warning" : "error"} role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t("error.title")}</MessageBarTitle>
        <div>{t(key, { detail: detail ?? "" })}</div>
      </MessageBarBody>
      {action && (
        <MessageBarActions>
          <Button onClick={action}>{t(conflict ? "common.reload" : "common.retry")}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
