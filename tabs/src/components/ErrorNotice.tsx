import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ApiError, errorKind } from "@tandem/ui";
import { useT } from "../i18n/i18n";
import type { MessageKey } from "../i18n/en";

/** The one way an error is told to a person: what happened, in their words, and what they can do. */
export function errorMessage(error: unknown): { key: MessageKey; detail?: string } {
  const { kind, detail } = errorKind(error);
  return { key: `error.${kind}`, ...(detail ? { detail } : {}) };
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
