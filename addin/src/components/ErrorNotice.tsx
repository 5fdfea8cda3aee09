import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ApiError, errorKind } from "@tandem/ui";
import { useT } from "../i18n/i18n";
import type { MessageKey } from "../i18n/en";

/** Per call site: what a problem of a given status means there (booking's 503 is Outlook's calendars, say). */
export type ErrorWords = Partial<Record<number, MessageKey>>;

/** The one way an error is told to a person: what happened, in their words, and what they can do. */
export function errorMessage(error: unknown, words: ErrorWords = {}): { key: MessageKey; detail?: string } {
  const specific = error instanceof ApiError ? words[error.status] : undefined;
  if (specific) return { key: specific, detail: (error as ApiError).detail };
  const { kind, detail } = errorKind(error);
  return { key: `error.${kind}`, ...(detail ? { detail } : {}) };
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
