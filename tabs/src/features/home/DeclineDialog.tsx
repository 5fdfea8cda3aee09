import { useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Textarea } from "@fluentui/react-components";
import { ErrorNotice, apiFieldErrors, fieldState } from "@tandem/ui";
import { useT } from "../../i18n/i18n";

/**
 * Declining a proposal needs a reason: the coordinators read it to find a better match. What the api refused is
 * told in the dialog, the reason's problem next to it, like every other form.
 */
export default function DeclineDialog({
  busy,
  error,
  onCancel,
  onDecline,
}: {
  busy: boolean;
  error: unknown;
  onCancel(): void;
  onDecline(reason: string): void;
}) {
  const t = useT();
  const [reason, setReason] = useState("");
  const fields = apiFieldErrors(error, t);
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onDecline(reason.trim());
          }}
        >
          <DialogBody>
            <DialogTitle>{t("tandem.decline.title")}</DialogTitle>
            <DialogContent>
              <Field label={t("tandem.decline.reason")} required {...fieldState(fields.reason)}>
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={500} />
              </Field>
              {error !== undefined && <ErrorNotice error={error} />}
            </DialogContent>
            <DialogActions>
              <Button onClick={onCancel}>{t("common.cancel")}</Button>
              <Button type="submit" appearance="primary" disabled={busy || reason.trim() === ""}>
                {t("tandem.action.decline")}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
