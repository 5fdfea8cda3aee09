import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Session } from "@tandem/core";
import { CheckInFields, ErrorNotice, useMyCheckIn } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";

export interface SessionRef {
  tandemId: string;
  session: Session;
}

const useStyles = makeStyles({ form: { display: "grid", gap: tokens.spacingVerticalM } });

/** Three questions, one minute: what I learned, what I will try, how useful it was. */
export function CheckInDialog({ target, onClose, onSaved }: { target: SessionRef; onClose(): void; onSaved(): void }) {
  const styles = useStyles();
  const { t, dateTime } = useI18n();
  const { call, me } = useSession();
  const form = useMyCheckIn({ call, meId: me.id, tandemId: target.tandemId, sessionId: target.session.id, onSaved });

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => void form.submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>{t("checkin.title", { date: dateTime(target.session.start) })}</DialogTitle>
            <DialogContent className={styles.form}>
              {form.problem !== undefined && <ErrorNotice error={form.problem} onReload={onSaved} />}
              {form.loaded ? <CheckInFields form={form} /> : <Spinner size="small" label={t("common.loading")} />}
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose}>{t("common.cancel")}</Button>
              <Button type="submit" appearance="primary" disabled={form.saving || !form.loaded}>
                {form.saving ? t("common.saving") : t("common.save")}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
