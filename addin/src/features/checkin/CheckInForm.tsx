import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Session } from "@tandem/core";
import { CheckInFields, ErrorNotice, useMyCheckIn } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useT } from "../../i18n/i18n";
import { Loading } from "../../components/Loading";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

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
  const form = useMyCheckIn({ call, meId: me.id, tandemId, sessionId: session.id, onSaved });

  if (!form.loaded) return <Loading />;
  return (
    <form className={styles.form} onSubmit={(e) => void form.submit(e)} noValidate aria-label={t("checkin.title")}>
      {form.problem !== undefined && <ErrorNotice error={form.problem} />}
      <CheckInFields form={form} resize="vertical" />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={form.saving}>
          {form.saving ? t("common.saving") : t("common.save")}
        </Button>
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
}
