import { useId, type ReactNode } from "react";
import { Button, Subtitle1, Text } from "@fluentui/react-components";
import { Add20Regular, Delete20Regular } from "@fluentui/react-icons";
import type { Skill } from "@tandem/core";
import { useI18n } from "../../i18n/i18n";
import { changeRow, newRow, removeRow, withRows, type Row, type SkillList } from "./draft";
import { GroupError, SkillField } from "./fields";
import type { ProfileForm } from "./useProfileForm";
import { useProfileStyles } from "./useProfileStyles";

/**
 * What I can teach, or what I want to learn: a list of skills, each row with the skill, its own fields (`fields`)
 * and a button to remove it, and a button to add one.
 */
export function SkillRows<K extends SkillList>({
  list,
  form,
  skills,
  label,
  fields,
}: {
  list: K;
  form: ProfileForm;
  skills: Skill[];
  /** A skill's name, in the person's language. */
  label(skillId: string): string;
  fields(row: Row<K>, i: number, change: (patch: Partial<Row<K>>) => void): ReactNode;
}) {
  const styles = useProfileStyles();
  const { t } = useI18n();
  const hint = useId();
  const rows = form.draft[list] as Row<K>[];
  const addKey = `add-${list}`;
  return (
    <fieldset className={styles.fieldset} aria-describedby={hint}>
      <legend className={styles.legend}>
        <Subtitle1 as="h2">{t(`profile.${list}`)}</Subtitle1>
      </legend>
      <Text id={hint} size={200}>
        {t(`profile.${list}.hint`)}
      </Text>
      {rows.length === 0 && <Text>{t(`profile.${list}.none`)}</Text>}
      <ul className={styles.rows}>
        {rows.map((row, i) => {
          const change = (patch: Partial<Row<K>>) => form.update((d) => changeRow(d, list, row.key, patch));
          return (
            <li key={row.key} className={styles.row}>
              <SkillField
                value={row.skillId}
                taken={rows.filter((r) => r !== row).map((r) => r.skillId)}
                skills={skills}
                buttonRef={form.focusable(row.key)}
                onChange={(skillId) => change({ skillId } as Partial<Row<K>>)}
                {...form.field(`${list}.${i}.skillId`, `${list}.${i}`)}
              />
              {fields(row, i, change)}
              <Button
                icon={<Delete20Regular />}
                aria-label={t("profile.row.remove", { skill: row.skillId ? label(row.skillId) : t("profile.row.thisSkill") })}
                onClick={() => {
                  form.update((d) => removeRow(d, list, row.key));
                  form.focus(addKey);
                }}
              />
            </li>
          );
        })}
      </ul>
      <GroupError message={form.message(list)} />
      <Button
        className={styles.start}
        icon={<Add20Regular />}
        ref={form.focusable(addKey)}
        onClick={() => {
          const key = form.newKey();
          form.update((d) => withRows(d, list, (all) => [...all, newRow(list, key)]));
          form.focus(key);
        }}
      >
        {t(`profile.${list}.add`)}
      </Button>
    </fieldset>
  );
}
