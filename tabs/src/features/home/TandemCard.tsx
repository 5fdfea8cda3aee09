import { Suspense, useState } from "react";
import {
  Badge,
  Button,
  Card,
  CardHeader,
  Skeleton,
  SkeletonItem,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Chat20Regular, CalendarLtr20Regular } from "@fluentui/react-icons";
import type { TandemAction, TandemStatus, TandemView } from "@tandem/core";
import { useSession } from "../../app/session";
import { useResource } from "@tandem/ui";
import { lazyView, useI18n } from "../../i18n/i18n";
import { ErrorNotice } from "@tandem/ui";
import { Initials } from "../../components/Initials";
import { chatLink } from "../../platform/teams";
import { hasItems, loadTandemItems } from "./load";
import type { ConfirmedAction } from "./LifecycleDialog";

const DeclineDialog = lazyView(() => import("./DeclineDialog"));
const LifecycleDialog = lazyView(() => import("./LifecycleDialog"));
const ProposalWhy = lazyView(() => import("./ProposalWhy"));
const ClosingSurvey = lazyView(() => import("./ClosingSurvey"));
// Goals come after the card's header: their controls (slider, progress bars) load while the goals do.
const GoalList = lazyView(() => import("../goals/GoalList").then((m) => ({ default: m.GoalList })));

const useStyles = makeStyles({
  card: { display: "grid", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  badges: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  members: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXL },
  member: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  memberText: { display: "grid" },
  section: { display: "grid", gap: tokens.spacingVerticalS },
  next: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export const statusColor: Record<TandemStatus, "brand" | "success" | "warning" | "danger" | "informative" | "subtle"> = {
  proposed: "informative",
  accepted: "brand",
  active: "success",
  paused: "warning",
  declined: "danger",
  completed: "subtle",
  withdrawn: "subtle",
};

/** Pausing, ending, reopening and withdrawing ask first (LifecycleDialog); the other steps are taken at once. */
export const asksFirst = (a: TandemAction): a is ConfirmedAction =>
  a === "pause" || a === "complete" || a === "reopen" || a === "withdraw";

export function TandemCard({ tandem, onChanged }: { tandem: TandemView; onChanged(): void }) {
  const styles = useStyles();
  const { t, dateTime, relativeDays } = useI18n();
  const { call, me, openLink } = useSession();
  const items = useResource(() => loadTandemItems(call, tandem), [call, tandem.id, tandem.etag]);
  const next = items.data?.next ?? null;
  const [declining, setDeclining] = useState(false);
  const [confirming, setConfirming] = useState<ConfirmedAction | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const others = tandem.members.filter((m) => m.id !== me.id);
  const headingId = `tandem-${tandem.id}`;

  const act = async (action: TandemAction, why?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await call("transitionTandem", {
        params: { id: tandem.id },
        body: { action, ...(why ? { reason: why } : {}) },
        ifMatch: tandem.etag,
      });
      setDeclining(false);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className={styles.card} aria-labelledby={headingId}>
      <CardHeader
        header={
          <Subtitle2 as="h2" id={headingId}>
            {others.map((m) => m.displayName).join(", ")}
          </Subtitle2>
        }
        description={
          <div className={styles.badges}>
            <Badge appearance="outline">{t(`tandem.kind.${tandem.kind}`)}</Badge>
            <Badge appearance="tint" color={statusColor[tandem.status]}>
              {t(`tandem.status.${tandem.status}`)}
            </Badge>
            <Text size={200}>{t(`tandem.you.${tandem.myRelation}`)}</Text>
          </div>
        }
      />
      <div className={styles.section} role="group" aria-label={t("tandem.members")}>
        <div className={styles.members}>
          {others.map((m) => (
            <div key={m.id} className={styles.member}>
              <Initials name={m.displayName} colourKey={m.id} />
              <div className={styles.memberText}>
                <Text weight="semibold">{m.displayName}</Text>
                <Text size={200}>{t(`role.${m.role}`)}</Text>
              </div>
              {m.mail && (
                <Button
                  appearance="subtle"
                  icon={<Chat20Regular />}
                  aria-label={t("tandem.chat", { name: m.displayName })}
                  title={t("tandem.chat", { name: m.displayName })}
                  onClick={() => openLink(chatLink([m.mail!]))}
                />
              )}
            </div>
          ))}
        </div>
      </div>
      {tandem.status === "declined" && tandem.declineReason && <Text>{t("tandem.declined", { reason: tandem.declineReason })}</Text>}
      {tandem.status === "withdrawn" && <Text>{t("tandem.withdrawn")}</Text>}
      {tandem.status === "proposed" && tandem.acceptedBy.includes(me.id) && <Text>{t("tandem.waiting")}</Text>}
      {(tandem.status === "active" || tandem.status === "accepted" || tandem.status === "paused") && (
        <section className={styles.section}>
          <Subtitle2 as="h3">{t("tandem.nextSession")}</Subtitle2>
          <div className={styles.next}>
            <CalendarLtr20Regular aria-hidden />
            {items.data ? (
              <Text>{next ? `${dateTime(next.start)} (${relativeDays(next.start)})` : t("tandem.noSession")}</Text>
            ) : (
              <Skeleton aria-label={t("common.loading")} style={{ width: "16em" }}>
                <SkeletonItem size={16} />
              </Skeleton>
            )}
          </div>
        </section>
      )}
      {hasItems(tandem.status) && items.error !== undefined && <ErrorNotice error={items.error} onRetry={items.reload} />}
      {hasItems(tandem.status) && items.data && (
        <Suspense
          fallback={
            <Skeleton aria-label={t("common.loading")}>
              <SkeletonItem size={16} />
            </Skeleton>
          }
        >
          <GoalList tandem={tandem} items={items} />
        </Suspense>
      )}
      {tandem.status === "proposed" && tandem.why && (
        <Suspense fallback={null}>
          <ProposalWhy tandem={tandem} />
        </Suspense>
      )}
      {tandem.status === "completed" && tandem.myRelation !== "coordinator" && (
        <Suspense fallback={null}>
          <ClosingSurvey tandem={tandem} />
        </Suspense>
      )}
      {error !== undefined && !declining && <ErrorNotice error={error} onReload={onChanged} />}
      {tandem.allowedActions.length > 0 && (
        <div className={styles.actions}>
          {tandem.allowedActions.map((a) => (
            <Button
              key={a}
              disabled={busy}
              appearance={a === "accept" || a === "activate" ? "primary" : "secondary"}
              onClick={() => (a === "decline" ? setDeclining(true) : asksFirst(a) ? setConfirming(a) : void act(a))}
            >
              {t(`tandem.action.${a}`)}
            </Button>
          ))}
        </div>
      )}
      {declining && (
        <Suspense fallback={null}>
          <DeclineDialog
            busy={busy}
            error={error}
            onCancel={() => {
              setDeclining(false);
              setError(undefined);
            }}
            onDecline={(reason) => void act("decline", reason)}
          />
        </Suspense>
      )}
      {confirming && (
        <Suspense fallback={null}>
          <LifecycleDialog
            tandem={tandem}
            action={confirming}
            onCancel={() => setConfirming(null)}
            onDone={() => {
              setConfirming(null);
              onChanged();
            }}
          />
        </Suspense>
      )}
    </Card>
  );
}
