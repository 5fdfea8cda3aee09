import { useEffect, useState, type FormEvent } from "react";
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
import { CheckInInput, type Session } from "@tandem/core";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { ErrorNotice } from "../../components/ErrorNotice";
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from "@tandem/ui";

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
  const [learned, setLearned] = useState("");
  const [willTry, setWillTry] = useState("");
  const [rating, setRating] = useState(0);
  const [etag, setEtag] = useState<string | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const params = { id: target.tandemId, sessionId: target.session.id };

  useEffect(() => {
    let live = true;
    call("listCheckIns", { params }).then(
      (r) => {
        if (!live) return;
        const mine = r.data.items.find((c) => c.personId === me.id);
        if (mine) {
          setLearned(mine.learned ?? "");
          setWillTry(mine.willTry ?? "");
          setRating(mine.rating);
          setEtag(mine.etag);
        }
        setLoaded(true);
      },
      (e: unknown) => {
        if (!live) return;
        setProblem(e);
        setLoaded(true);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target.session.id]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = CheckInInput.safeParse({ learned, willTry, rating });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setProblem(undefined);
    setSaving(true);
    try {
      await call("putMyCheckIn", { params, body: parsed.data, ...(etag ? { ifMatch: etag } : {}) });
      onSaved();
    } catch (err) {
      setErrors(apiFieldErrors(err));
      setProblem(err);
    } finally {
      setSaving(false);
    }
  };
  const err = (k: string) => (errors[k] ? { validationState: "error" as const, validationMessage: errors[k] } : {});

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>{t("checkin.title", { date: dateTime(target.session.start) })}</DialogTitle>
            <DialogContent className={styles.form}>
              {problem !== undefined && <ErrorNotice error={problem} onReload={onSaved} />}
              {!loaded ? (
                <Spinner size="small" label={t("common.loading")} />
              ) : (
                <>
              <Field label={t("checkin.learned")} {...err("learned")}>
                <Textarea value={learned} maxLength={2000} onChange={(_, d) => setLearned(d.value)} />
              </Field>
              <Field label={t("checkin.willTry")} {...err("willTry")}>
                <Textarea value={willTry} maxLength={2000} onChange={(_, d) => setWillTry(d.value)} />
              </Field>
              <Field label={t("checkin.rating")} required {...err("rating")}>
                <Rating
                  value={rating}
                  max={5}
                  onChange={(_, d) => setRating(d.value)}
                  itemLabel={(n) => t("checkin.ratingValue", { value: n })}
                />
              </Field>
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose}>{t("common.cancel")}</Button>
              <Button type="submit" appearance="primary" disabled={saving || !loaded}>
                {saving ? t("common.saving") : t("common.save")}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
