import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ApiError } from "../api/api-client";
import { usePageI18n } from "../i18n/react";
import { useNarrow } from "../shell/narrow";
import { errorKind, type ErrorKind } from "./error-kind";

/**
 * Per call site: what a problem of a given status means there (booking's 503 is Outlook's calendars, say), as a
 * key of the app's messages.
 */
export type ErrorWords<K extends string = string> = Partial<Record<number, K>>;

/** The one way an error is told to a person: what happened, in their words, and what they can do. */
export function errorMessage<K extends string = never>(error: unknown, words: ErrorWords<K> = {}): { key: K | `error.${ErrorKind}`; detail?: string } {
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
  const { t } = usePageI18n();
  const narrow = useNarrow();
  const { key, detail } = errorMessage(error, words);
  const conflict = error instanceof ApiError && error.isConflict;
  // A form's answers to correct are no failure: a warning, titled as such.
  const intent = conflict || key === "error.fields" ? "warning" : "error";
  const action = conflict ? onReload : onRetry;
  const text = t(key, { detail: detail ?? "" });
  return (
    <MessageBar intent={intent} role="alert" {...(narrow ? { layout: "multiline" as const } : {})}>
      <MessageBarBody>
        <MessageBarTitle>{t(key === "error.fields" ? "error.fieldsTitle" : "error.title")}</MessageBarTitle>
        {narrow ? <div>{text}</div> : text}
      </MessageBarBody>
      {action && (
        <MessageBarActions>
          <Button onClick={action}>{t(conflict ? "common.reload" : "common.retry")}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
