import { useState } from "react";
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Skeleton,
  SkeletonItem,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { TandemKind } from "@tandem/core";
import { isAheadAndBooked } from "@tandem/core/client";
import { ErrorNotice, useResource, useSubmit } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useT } from "../../i18n/i18n";

/** The lifecycle steps that ask before they are taken: they change the tandem for everyone in it. */
export type ConfirmedAction = "pause" | "complete" | "reopen" | "withdraw";

const useStyles = makeStyles({
  content: { display: "grid", gap: tokens.spacingVerticalM },
  meetings: { display: "grid", gap: tokens.spacingVerticalS },
});

interface Target {
  id: string;
  kind: TandemKind;
  /** The version the person saw, when known: a tandem changed meanwhile is not overwritten. */
  etag?: string;
  /** Names of the members, to say who booked what. */
  members: { id: string; displayName: string }[];
}

/**
 * Asks before pausing, ending, reopening or withdrawing, with an optional reason kept in the tandem's history. Pausing
 * and ending say what becomes of the sessions booked ahead, and offer to cancel those the person booked (the api
 * cancels each in Outlook through its one way to cancel); those someone else booked are theirs to cancel.
 */
export default function LifecycleDialog({
  tandem,
  action,
  onCancel,
  onDone,
}: {
  tandem: Target;
  action: ConfirmedAction;
  onCancel(): void;
  onDone(): void;
}) {
  const t = useT();
  const styles = useStyles();
  const { call, me } = useSession();
  const [reason, setReason] = useState("");
  const [cancelMine, setCancelMine] = useState(true);
  const { sending: busy, problem: error, send } = useSubmit();
  const windingDown = action === "pause" || action === "complete";
  const ahead = useResource(async () => {
    if (!windingDown) return [];
    const now = new Date().toISOString();
    return (await call("listSessions", { params: { id: tandem.id } })).data.items.filter((s) => isAheadAndBooked(s, now));
  }, [call, tandem.id, windingDown]);
  const mine = (ahead.data ?? []).filter((s) => s.bookedBy === null || s.bookedBy === me.id);
  const others = (ahead.data ?? []).filter((s) => !mine.includes(s));
  const bookers = [...new Set(others.map((s) => s.bookedBy))].map((id) => tandem.members.find((m) => m.id === id)?.displayName ?? "").filter(Boolean);
  const kind = t(`lifecycle.kind.${tandem.kind}`);

  const confirm = async () => {
    const done = await send(async () => {
      await call("transitionTandem", {
        params: { id: tandem.id },
        body: { action, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(windingDown && cancelMine && mine.length ? { cancelUpcoming: true } : {}) },
        ...(tandem.etag ? { ifMatch: tandem.etag } : {}),
      });
    });
    if (done) onDone();
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && onCancel()}>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <DialogBody>
            <DialogTitle>{t(`lifecycle.${action}.title`, { kind })}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text>{t(`lifecycle.${action}.body`)}</Text>
              {windingDown && (
                <section className={styles.meetings} aria-labelledby="lifecycle-meetings">
                  <Subtitle2 as="h3" id="lifecycle-meetings">
                    {t("lifecycle.meetings.title")}
                  </Subtitle2>
                  {ahead.error !== undefined && <ErrorNotice error={ahead.error} onRetry={ahead.reload} />}
                  {!ahead.data && ahead.error === undefined && (
                    <Skeleton aria-label={t("common.loading")}>
                      <SkeletonItem size={16} />
                    </Skeleton>
                  )}
                  {ahead.data?.length === 0 && <Text>{t("lifecycle.meetings.none")}</Text>}
                  {ahead.data && ahead.data.length > 0 && <Text>{t("lifecycle.meetings.stay", { count: ahead.data.length })}</Text>}
                  {mine.length > 0 && (
                    <Checkbox
                      checked={cancelMine}
                      onChange={(_, d) => setCancelMine(d.checked === true)}
                      label={t("lifecycle.meetings.cancelMine", { count: mine.length })}
                    />
                  )}
                  {others.length > 0 && <Text>{t("lifecycle.meetings.others", { count: others.length, names: bookers.join(", ") })}</Text>}
                </section>
              )}
              <Field label={t("lifecycle.reason")} hint={t("lifecycle.reason.hint", { kind })}>
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={500} />
              </Field>
              {error !== undefined && <ErrorNotice error={error} />}
            </DialogContent>
            <DialogActions>
              <Button onClick={onCancel} disabled={busy}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" appearance="primary" disabled={busy || (windingDown && !ahead.data && ahead.error === undefined)}>
                {t(`lifecycle.confirm.${action}`)}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
