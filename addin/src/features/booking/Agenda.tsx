import { Text } from "@fluentui/react-components";
import type { GoalView, TandemView } from "@tandem/core";
import { useI18n } from "../../i18n/i18n";
import { activeGoals } from "./plan";
import { useBookingStyles } from "./useBookingStyles";

/** What the session will be about: the goals still being worked on, as the meeting's agenda will list them. */
export function Agenda({ tandem, goals }: { tandem: TandemView; goals: GoalView[] | undefined }) {
  const styles = useBookingStyles();
  const { t } = useI18n();
  if (!goals) return null;
  const active = activeGoals(goals);
  const nameOf = (id: string) => tandem.members.find((m) => m.id === id)?.displayName ?? "";
  return (
    <section className={styles.section} aria-labelledby="agenda-title">
      <h2 id="agenda-title" className={styles.heading}>
        {t("booking.agenda")}
      </h2>
      {active.length === 0 ? (
        <Text className={styles.muted}>{t("booking.agenda.none")}</Text>
      ) : (
        <>
          <Text className={styles.muted}>{t("booking.agenda.intro")}</Text>
          <ol className={styles.agenda}>
            {active.map((g) => (
              <li key={g.id}>{t("booking.agenda.goal", { title: g.title, name: nameOf(g.menteeId), progress: g.progress })}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

