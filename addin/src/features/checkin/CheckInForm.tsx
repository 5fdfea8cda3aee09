import { useEffect, useState, type FormEvent } from "react";
import { Button, Field, Rating, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { CheckInInput, type Session } from "@tandem/core";
import { useSession } from "../../app/session";
import { useT } from "../../i18n/i18n";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Loading } from "../../components/Loading";
import { ApiError } from "@tandem/ui";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

type FieldErrors = Record<string, string>;

/**
 * The same three questions as in the tab (what I learned, what I will try, how useful it was), inline: a task
 * pane is too narrow for a dialog. An earlier check-in of mine is loaded to be edited, with its ETag.
 */
export function CheckInForm({
  tandemId,
  session,
  onSaved,
  onCancel,
}: {
  tandemId: string;
  session: Pick<Session, "id">;
  onSaved(): void;
  onCancel(): void;
}) {
  const styles = useStyles();
  const t = useT();
  const { call, me } = useSession();
  const [learned, setLearned] = useState("");
  const [willTry, setWillTry] = useState("");
  const [rating, setRating] = useState(0);
  const [etag, setEtag] = useState<string | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const params = { id: tandemId, sessionId: session.id };

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
  }, [tandemId, session.id]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = CheckInInput.safeParse({ learned, willTry, rating });
    if (!parsed.success) {
      const out: FieldErrors = {};
      for (const issue of parsed.error.issues) out[issue.path.map(String).join(".")] ??= issue.message;
      if (out.rating) out.rating = t("checkin.ratingNeeded");
      setErrors(out);
      return;
    }
    setErrors({});
    setProblem(undefined);
    setSaving(true);
    try {
      await call("putMyCheckIn", { params, body: parsed.data, ...(etag ? { ifMatch: etag } : {}) });
      onSaved();
    } catch (err) {
      if (err instanceof ApiError) {
        const out: FieldErrors = {};
        for (const f of err.fields) if (f.pointer) out[f.pointer.replace(/^\//, "")] ??= f.detail;
        setErrors(out);
      }
      setProblem(err);
    } finally {
      setSaving(false);
    }
  };
  const err = (k: string) => (errors[k] ? { validationState: "error" as const, validationMessage: errors[k] } : {});

  if (!loaded) return <Loading />;
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={t("checkin.title")}>
      {problem !== undefined && <ErrorNotice error={problem} />}
      <Field label={t("checkin.learned")} {...err("learned")}>
        <Textarea value={learned} maxLength={2000} resize="vertical" onChange={(_, d) => setLearned(d.value)} />
      </Field>
      <Field label={t("checkin.willTry")} {...err("willTry")}>
        <Textarea value={willTry} maxLength={2000} resize="vertical" onChange={(_, d) => setWillTry(d.value)} />
      </Field>
      <Field label={t("checkin.rating")} required {...err("rating")}>
        <Rating value={rating} max={5} onChange={(_, d) => setRating(d.value)} itemLabel={(n) => t("checkin.ratingValue", { value: n })} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving}>
          {saving ? t("common.saving") : t("common.save")}
        </Button>
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
}
