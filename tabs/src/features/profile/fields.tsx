import { useMemo, useState } from "react";
import { Combobox, Dropdown, Field, Option, Text } from "@fluentui/react-components";
import { ErrorCircle16Regular } from "@fluentui/react-icons";
import type { Skill } from "@tandem/core";
import { useI18n } from "../../i18n/i18n";
import { useProfileStyles } from "./useProfileStyles";

interface FieldState {
  validationState?: "error";
  validationMessage?: string;
}

/** An error about a group of checkboxes or a whole list: text and icon, never colour alone. */
export function GroupError({ id, message }: { id?: string; message: string | undefined }) {
  const styles = useProfileStyles();
  return (
    <div id={id}>
      {message && (
        <Text className={styles.groupError}>
          <ErrorCircle16Regular aria-hidden />
          {message}
        </Text>
      )}
    </div>
  );
}

/** A skill of the catalogue; retired ones only where already chosen, and those of the other rows not twice. */
export function SkillField({
  value,
  taken,
  skills,
  buttonRef,
  onChange,
  ...field
}: {
  value: string;
  taken: string[];
  skills: Skill[];
  buttonRef(el: HTMLElement | null): void;
  onChange(skillId: string): void;
} & FieldState) {
  const { t, locale } = useI18n();
  const offered = skills.filter((s) => !s.retired || s.id === value);
  const current = skills.find((s) => s.id === value);
  return (
    <Field label={t("profile.field.skill")} required {...field}>
      <Dropdown
        ref={buttonRef as (el: HTMLButtonElement | null) => void}
        value={current?.label[locale] ?? value}
        selectedOptions={value ? [value] : []}
        onOptionSelect={(_, d) => onChange(d.optionValue ?? "")}
      >
        {offered.map((s) => (
          <Option key={s.id} value={s.id} disabled={taken.includes(s.id)}>
            {s.label[locale]}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** An IANA time zone, typed to search among those the browser knows. */
export function TimeZoneField({ value, onChange, ...field }: { value: string; onChange(timeZone: string): void } & FieldState) {
  const { t } = useI18n();
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf("timeZone");
    return all.includes(value) || value === "" ? all : [value, ...all];
    // The list is read once; a saved zone missing from it stays selectable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [query, setQuery] = useState(value);
  const needle = query.trim().toLowerCase().replaceAll("_", " ");
  const shown = query === value && zones.includes(value) ? zones : zones.filter((z) => z.toLowerCase().replaceAll("_", " ").includes(needle));
  return (
    <Field label={t("profile.timeZone")} hint={t("profile.timeZone.hint")} required {...field}>
      <Combobox
        freeform
        value={query}
        selectedOptions={zones.includes(value) ? [value] : []}
        onChange={(e) => {
          setQuery(e.target.value);
          onChange(e.target.value);
        }}
        onOptionSelect={(_, d) => {
          if (!d.optionValue) return;
          setQuery(d.optionValue);
          onChange(d.optionValue);
        }}
      >
        {shown.map((z) => (
          <Option key={z} value={z}>
            {z}
          </Option>
        ))}
        {shown.length === 0 && (
          <Option value="" disabled text={t("profile.timeZone.none")}>
            {t("profile.timeZone.none")}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
