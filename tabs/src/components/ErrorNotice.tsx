import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ApiError } from "../api/client";
import { useT } from "../i18n/i18n";
import type { MessageKey } from "../i18n/en";

/** The one way an error is told to a person: what happened, in their words, and what they can do. */
export function errorMessage(error: unknown): { key: MessageKey; detail?: string } {
  if (!(error instanceof ApiError)) return { key: "error.unknown" };
  if (error.status === 0) return { key: "error.network" };
  if (error.status === 412) return { key: "error.conflict" };
  if (error.status === 401) return { key: "error.unauthenticated" };
  if (error.status === 403) return { key: "error.forbidden" };
  if (error.status === 404) return { key: "error.notFound" };
  if (error.status === 400 || error.status === 409 || error.status === 413) return { key: "error.invalid", detail: error.detail };
  if (error.status === 503) return { key: "error.unavailable" };
  return { key: "error.unknown" };
}

export function ErrorNotice({ error, onRetry, onReload }: { error: unknown; onRetry?: () => void; onReload?: () => void }) {
  const t = useT();
  const { key, detail } = errorMessage(error);
  const conflict = error instanceof ApiError && error.isConflict;
  const action = conflict ? onReload : onRetry;
  return (
    <MessageBar intent={conflict ? "warning" : "error"} role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t("error.title")}</MessageBarTitle>
        {t(key, { detail: detail ?? "" })}
      </MessageBarBody>
      {action && (
        <MessageBarActions>
          <Button onClick={action}>{t(conflict ? "common.reload" : "common.retry")}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
