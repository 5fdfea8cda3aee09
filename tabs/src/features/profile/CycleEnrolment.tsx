import { useEffect, useId, useState } from "react";
import { Button, Card, Checkbox, Subtitle1, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { CycleView, ProgramRole } from "@tandem/core";
import { ErrorNotice, useResource } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";

const useStyles = makeStyles({
  card: { display: "grid", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL, justifyItems: "start" },
  roles: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, border: "none", margin: 0, padding: 0 },
});

/** At most this many cycles open for enrolment are offered at once, the latest first. */
const SHOWN = 3;

/**
 * Enrolment in the cycles open for matching (not ended) that match only the people who enrolled in them: enrol as the
 * roles of one's profile (both, or one of them), or withdraw (PUT|DELETE /me/enrolments/{cycleId}).
 */
export function CycleEnrolment() {
  const { call, me, refreshMe } = useSession();
  const cycles = useResource(async () => (await call("listCycles")).data.items, [call]);
  if (!me.profile || me.profile.programRoles.length === 0) return null;
  if (cycles.error !== undefined) return <ErrorNotice error={cycles.error} onRetry={cycles.reload} />;
  const today = new Date().toISOString().slice(0, 10);
  const open = (cycles.data ?? [])
    .filter((c) => c.enrolment === "cycle" && c.endsOn >= today)
    .sort((a, b) => b.startsOn.localeCompare(a.startsOn))
    .slice(0, SHOWN);
  const roles = me.profile.programRoles;
  return (
    <>
      {open.map((cycle) => (
        <EnrolmentCard key={cycle.id} cycle={cycle} roles={roles} enrolled={me.enrolments.find((e) => e.cycleId === cycle.id)?.roles ?? null} onChanged={refreshMe} call={call} />
      ))}
    </>
  );
}

function EnrolmentCard({
  cycle,
  roles,
  enrolled,
  onChanged,
  call,
}: {
  cycle: CycleView;
  roles: ProgramRole[];
  enrolled: ProgramRole[] | null;
  onChanged(): Promise<void>;
  call: ReturnType<typeof useSession>["call"];
}) {
  const s = useStyles();
  const { t, date } = useI18n();
  const id = useId();
  const [chosen, setChosen] = useState<ProgramRole[]>(enrolled ?? roles);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => setChosen(enrolled ?? roles), [enrolled, roles]);

  // The profile's version changes with an enrolment: the profile view starts again from the new one, and the enrolled
  // line (a status) says what happened.
  const act = async (what: "enrol" | "leave") => {
    setBusy(true);
    setError(undefined);
    try {
      if (what === "enrol") await call("enrolInCycle", { params: { cycleId: cycle.id }, body: { roles: chosen } });
      else await call("leaveCycle", { params: { cycleId: cycle.id } });
      await onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className={s.card} role="region" aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("enrolment.title", { cycle: cycle.name })}
      </Subtitle1>
      <Text as="p">{t("enrolment.dates", { from: date(cycle.startsOn), to: date(cycle.endsOn) })}</Text>
      <Text as="p" role="status" weight={enrolled ? "semibold" : "regular"}>
        {enrolled ? t("enrolment.enrolled", { roles: enrolled.map((r) => t(`enrolment.role.${r}`)).join(t("enrolment.and")) }) : t("enrolment.intro")}
      </Text>
      {!enrolled && roles.length > 1 && (
        <fieldset className={s.roles}>
          <legend>
            <Text>{t("enrolment.as")}</Text>
          </legend>
          {roles.map((r) => (
            <Checkbox
              key={r}
              label={t(`enrolment.role.${r}`)}
              checked={chosen.includes(r)}
              onChange={(_, d) => setChosen((c) => (d.checked ? [...c, r] : c.filter((x) => x !== r)))}
            />
          ))}
        </fieldset>
      )}
      {enrolled ? (
        <Button disabled={busy} onClick={() => void act("leave")}>
          {t("enrolment.leave")}
        </Button>
      ) : (
        <Button appearance="primary" disabled={busy || chosen.length === 0} onClick={() => void act("enrol")}>
          {t("enrolment.enrol")}
        </Button>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </Card>
  );
}
