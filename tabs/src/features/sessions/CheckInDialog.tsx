import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Rating,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Session } from "@tandem/core";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useMyCheckIn } from "@tandem/ui";

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
  const form = useMyCheckIn({
    call,
    meId: me.id,
    tandemId: target.tandemId,
    sessionId: target.session.id,
    ratingNeeded: t("checkin.ratingNeeded"),
    onSaved,
  });

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => void form.submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>{t("checkin.title", { date: dateTime(target.session.start) })}</DialogTitle>
            <DialogContent className={styles.form}>
              {form.problem !== undefined && <ErrorNotice error={form.problem} onReload={onSaved} />}
              {!form.loaded ? (
                <Spinner size="small" label={t("common.loading")} />
              ) : (
                <>
                  <Field label={t("checkin.learned")} {...form.field("learned")}>
                    <Textarea value={form.learned} maxLength={2000} onChange={(_, d) => form.setLearned(d.value)} />
                  </Field>
                  <Field label={t("checkin.willTry")} {...form.field("willTry")}>
                    <Textarea value={form.willTry} maxLength={2000} onChange={(_, d) => form.setWillTry(d.value)} />
                  </Field>
                  <Field label={t("checkin.rating")} required {...form.field("rating")}>
                    <Rating
                      value={form.rating}
                      max={5}
                      onChange={(_, d) => form.setRating(d.value)}
                      itemLabel={(n) => t("checkin.ratingValue", { value: n })}
                    />
                  </Field>
                </>
              )}
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
