import { useState } from "react";
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Text } from "@fluentui/react-components";
import type { Slot, TandemView } from "@tandem/core";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { Suggestions } from "./flow";
import { othersOf } from "./plan";
import { useBookingStyles } from "./useBookingStyles";

/** A short list first: a task pane is narrow, and the first times are usually the ones people pick. */
const FIRST_SLOTS = 5;

/** The times found, each in my clock and in every other member's; or why there is none. */
export function SlotList({
  suggestions,
  tandem,
  value,
  onChange,
}: {
  suggestions: Suggestions;
  tandem: TandemView;
  value: string | null;
  onChange(start: string): void;
}) {
  const styles = useBookingStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const [all, setAll] = useState(false);
  if (suggestions.slots.length === 0) {
    const reason = suggestions.emptyReason ?? "unknown";
    return (
      <MessageBar intent="warning" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>{t("booking.empty.title")}</MessageBarTitle>
          <div>{t(`booking.empty.${reason}`)}</div>
        </MessageBarBody>
      </MessageBar>
    );
  }
  const others = othersOf(tandem, me.id).filter((m) => m.timeZone && m.timeZone !== i18n.timeZone);
  const nameOf = (id: string) => tandem.members.find((m) => m.id === id)?.displayName ?? "";
  return (
    <section className={styles.section} aria-labelledby="slots-title">
      <h2 id="slots-title" className={styles.heading}>
        {t("booking.slots")}
      </h2>
      <Text className={styles.muted} size={200}>
        {t("booking.slots.hint", { zone: i18n.place(i18n.timeZone) })}
      </Text>
      <RadioGroup
        value={value ?? ""}
        onChange={(_, d) => onChange(d.value)}
        aria-labelledby="slots-title"
        className={styles.slots}
      >
        {(all ? suggestions.slots : suggestions.slots.slice(0, FIRST_SLOTS)).map((s: Slot) => {
          const tentative = s.attendees.filter((a) => a.availability === "tentative" && a.id !== me.id).map((a) => nameOf(a.id));
          return (
            <Radio
              key={s.start}
              value={s.start}
              className={styles.slot}
              label={
                <span className={styles.slotLabel}>
                  <span className={styles.slotDay}>{i18n.dayTitle(s.start)}</span>
                  <span>{t("booking.slot.mine", { time: i18n.timeRange(s.start, s.end) })}</span>
                  {others.map((m) => (
                    <span key={m.id} className={styles.slotOther}>
                      {t("booking.slot.theirs", { time: i18n.timeIn(s.start, m.timeZone!), name: m.displayName, place: i18n.place(m.timeZone!) })}
                    </span>
                  ))}
                  {tentative.length > 0 && (
                    <span className={styles.slotWarn}>{t("booking.slot.tentative", { names: tentative.join(", ") })}</span>
                  )}
                </span>
              }
            />
          );
        })}
      </RadioGroup>
      {!all && suggestions.slots.length > FIRST_SLOTS && (
        <Button appearance="subtle" onClick={() => setAll(true)}>
          {t("booking.more", { count: suggestions.slots.length - FIRST_SLOTS })}
        </Button>
      )}
    </section>
  );
}

