import { useId, useState } from "react";
import { Button, Checkbox, Field, Input, Text } from "@fluentui/react-components";
import type { ProgramRole } from "@tandem/core";
import type { MessageKey } from "../../i18n/en";
import { useI18n } from "../../i18n/i18n";
import { useJournalStyles } from "./useJournalStyles";

const menteeBenefits = ["tool", "time", "confidence", "team", "generations", "projects"] as const;
const mentorBenefits = ["explain", "business", "network", "confidence", "recognition"] as const;

/** The benefits the source practice lists for a role, as keys of the journal's messages. */
export function benefitKeys(roles: readonly ProgramRole[]): MessageKey[] {
  const mentor = roles.includes("mentor") || !roles.includes("mentee");
  const mentee = roles.includes("mentee") || !roles.includes("mentor");
  return [
    ...(mentee ? menteeBenefits.map((b) => `journal.benefit.mentee.${b}` as const) : []),
    ...(mentor ? mentorBenefits.map((b) => `journal.benefit.mentor.${b}` as const) : []),
  ];
}

/** What the entry says: one ticked benefit a line. */
export const benefitsBody = (ticked: readonly string[]) => ticked.map((b) => `• ${b}`).join("\n");

/**
 * The benefits as a list one ticks, and adds to: the suggestions that fit the person's roles, then their own
 * (ticked as they add them). Each change gives the entry's text.
 */
export function BenefitsList({ roles, label, hint, error, onChange }: { roles: readonly ProgramRole[]; label: string; hint: string; error?: string; onChange(body: string): void }) {
  const styles = useJournalStyles();
  const { t } = useI18n();
  const id = useId();
  const suggested = benefitKeys(roles).map((k) => t(k));
  const [own, setOwn] = useState<string[]>([]);
  const [ticked, setTicked] = useState<string[]>([]);
  const [typed, setTyped] = useState("");
  const all = [...suggested, ...own];
  const tick = (item: string, on: boolean) => {
    const next = all.filter((b) => (b === item ? on : ticked.includes(b)));
    setTicked(next);
    onChange(benefitsBody(next));
  };
  const add = () => {
    const item = typed.trim();
    if (!item) return;
    setTyped("");
    if (all.includes(item)) return tick(item, true);
    setOwn([...own, item]);
    const next = [...all.filter((b) => ticked.includes(b)), item];
    setTicked(next);
    onChange(benefitsBody(next));
  };
  return (
    <div role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`} className={styles.form}>
      <Text id={`${id}-label`} weight="semibold">
        {label}
      </Text>
      <Text id={`${id}-hint`} size={200}>
        {hint}
      </Text>
      <div className={styles.benefits}>
        {all.map((b) => (
          <Checkbox key={b} label={b} checked={ticked.includes(b)} onChange={(_, d) => tick(b, d.checked === true)} />
        ))}
      </div>
      <div className={styles.actions}>
        <Field label={t("journal.benefits.add")} validationState={error ? "error" : "none"} validationMessage={error} className={styles.grow}>
          <Input
            value={typed}
            maxLength={200}
            onChange={(_, d) => setTyped(d.value)}
            onKeyDown={(e) => {
              // Enter adds the benefit, rather than saving the entry.
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
        </Field>
        <Button onClick={add} className={styles.end}>
          {t("journal.benefits.addButton")}
        </Button>
      </div>
    </div>
  );
}
