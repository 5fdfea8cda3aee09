import { useId, useState } from "react";
import {
  Button,
  Card,
  Checkbox,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  SpinButton,
  Subtitle1,
  Switch,
  Text,
  Textarea,
  Title2,
} from "@fluentui/react-components";
import { MAX_MENTEES_PER_MENTOR, locales, offerLevels, urgencies, type Locale as Language } from "@tandem/core";
import { ErrorNotice } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useSkills } from "../../app/skills";
import { useI18n } from "../../i18n/i18n";
import { toggle, withRole, type Level, type Urgency } from "./draft";
import { GroupError, TimeZoneField } from "./fields";
import { SkillRows } from "./SkillRows";
import { useProfileForm } from "./useProfileForm";
import { useProfileStyles } from "./useProfileStyles";
import { CycleEnrolment } from "./CycleEnrolment";

const languageNames: Record<Language, string> = { fr: "Français", en: "English" };

/** The profile view: re-mounted on each new version of the profile, so the form always starts from it. */
export default function ProfileView() {
  const { me } = useSession();
  const [saved, setSaved] = useState(false);
  return (
    <ProfileForm
      key={me.profile?.etag ?? "new"}
      saved={saved}
      onSaved={() => setSaved(true)}
      onEdit={() => setSaved(false)}
    />
  );
}

/** What a person says about themselves in the program; the state is useProfileForm's, the draft draft.ts's. */
function ProfileForm({ saved, onSaved, onEdit }: { saved: boolean; onSaved(): void; onEdit(): void }) {
  const styles = useProfileStyles();
  const { t } = useI18n();
  const { skills, label } = useSkills();
  const form = useProfileForm({ onSaved, onEdit });
  const { draft, update } = form;
  const ids = { roles: useId(), languages: useId(), pause: useId() };

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Title2 as="h1">{t("profile.title")}</Title2>
        <Text>{t("profile.intro")}</Text>
      </header>

      <CycleEnrolment />

      {!form.me.profile && (
        <Card className={styles.join}>
          <Subtitle1 as="h2">{t("profile.join.title")}</Subtitle1>
          <Text as="p">{t("profile.join.body")}</Text>
          <Text as="p" size={200}>
            {t("profile.join.prefilled")}
          </Text>
        </Card>
      )}

      {form.problem !== undefined && <ErrorNotice error={form.problem} onReload={form.conflict ? form.reload : undefined} />}
      {form.hasProblems && form.problem === undefined && (
        <MessageBar layout="multiline" intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t("error.fieldsTitle")}</MessageBarTitle>
            {t("profile.check")}
          </MessageBarBody>
        </MessageBar>
      )}

      <form className={styles.form} onSubmit={(e) => void form.submit(e)} noValidate>
        <fieldset className={styles.fieldset} aria-describedby={`${ids.roles}-hint ${ids.roles}-error`}>
          <legend className={styles.legend}>
            <Subtitle1 as="h2">{t("profile.roles")}</Subtitle1>
          </legend>
          <Text id={`${ids.roles}-hint`} size={200}>
            {t("profile.roles.hint")}
          </Text>
          <div className={styles.grid}>
            {(["mentee", "mentor"] as const).map((role) => (
              <div key={role}>
                <Checkbox
                  label={t(`profile.role.${role}`)}
                  checked={draft.programRoles.includes(role)}
                  aria-describedby={`${ids.roles}-${role}`}
                  onChange={(_, d) => update((x) => withRole(x, role, d.checked === true))}
                />
                <Text as="p" id={`${ids.roles}-${role}`} size={200}>
                  {t(`profile.role.${role}.hint`)}
                </Text>
              </div>
            ))}
          </div>
          <GroupError id={`${ids.roles}-error`} message={form.message("programRoles")} />
        </fieldset>

        <SkillRows
          list="offers"
          form={form}
          skills={skills}
          label={label}
          fields={(row, i, change) => (
            <Field label={t("profile.field.level")} {...form.field(`offers.${i}.level`)}>
              <Dropdown
                value={t(`profile.level.${row.level}`)}
                selectedOptions={[row.level]}
                onOptionSelect={(_, d) => change({ level: (d.optionValue ?? row.level) as Level })}
              >
                {offerLevels.map((l) => (
                  <Option key={l} value={l}>
                    {t(`profile.level.${l}`)}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          )}
        />

        <SkillRows
          list="requests"
          form={form}
          skills={skills}
          label={label}
          fields={(row, i, change) => (
            <>
              <Field label={t("profile.field.why")} hint={t("profile.field.why.hint")} {...form.field(`requests.${i}.why`)}>
                <Textarea value={row.why} maxLength={500} rows={2} resize="vertical" onChange={(_, d) => change({ why: d.value })} />
              </Field>
              <Field label={t("profile.field.urgency")} {...form.field(`requests.${i}.urgency`)}>
                <Dropdown
                  value={t(`profile.urgency.${row.urgency}`)}
                  selectedOptions={[row.urgency]}
                  onOptionSelect={(_, d) => change({ urgency: (d.optionValue ?? row.urgency) as Urgency })}
                >
                  {urgencies.map((u) => (
                    <Option key={u} value={u}>
                      {t(`profile.urgency.${u}`)}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            </>
          )}
        />

        <section className={styles.fieldset} aria-labelledby={`${ids.languages}-practical`}>
          <Subtitle1 as="h2" id={`${ids.languages}-practical`}>
            {t("profile.practical")}
          </Subtitle1>
          <fieldset className={styles.fieldset} aria-describedby={`${ids.languages}-error`}>
            <legend className={styles.legend}>
              <Text weight="semibold">{t("profile.languages")}</Text>
            </legend>
            <div className={styles.checks}>
              {locales.map((l) => (
                <Checkbox
                  key={l}
                  label={<span lang={l}>{languageNames[l]}</span>}
                  checked={draft.languages.includes(l)}
                  onChange={(_, d) => update((x) => ({ ...x, languages: toggle(x.languages, l, d.checked === true) }))}
                />
              ))}
            </div>
            <GroupError id={`${ids.languages}-error`} message={form.message("languages")} />
          </fieldset>
          <div className={styles.grid}>
            <TimeZoneField value={draft.timeZone} onChange={(timeZone) => update((x) => ({ ...x, timeZone }))} {...form.field("timeZone")} />
            {draft.programRoles.includes("mentor") && (
              <Field label={t("profile.capacity")} hint={t("profile.capacity.hint")} {...form.field("capacity")}>
                <SpinButton
                  min={0}
                  max={MAX_MENTEES_PER_MENTOR}
                  value={draft.capacity}
                  onChange={(_, d) => {
                    const typed = d.value ?? (d.displayValue === undefined ? null : Number(d.displayValue.trim()));
                    const capacity = typed === null || Number.isNaN(typed) ? null : typed;
                    update((x) => ({ ...x, capacity }));
                  }}
                />
              </Field>
            )}
          </div>
        </section>

        <section className={styles.fieldset} aria-labelledby={`${ids.pause}-title`}>
          <Subtitle1 as="h2" id={`${ids.pause}-title`}>
            {t("profile.pause")}
          </Subtitle1>
          <Switch
            label={t("profile.pause.label")}
            checked={draft.paused}
            aria-describedby={ids.pause}
            onChange={(_, d) => update((x) => ({ ...x, paused: d.checked }))}
          />
          <Text as="p" id={ids.pause} size={200}>
            {t("profile.pause.explain")}
          </Text>
        </section>

        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={form.saving}>
            {form.saving ? t("common.saving") : t("profile.save")}
          </Button>
          {/* Beside the button just pressed, where the person is looking, not at the top of a long form. */}
          {saved && (
            <MessageBar layout="multiline" intent="success" role="status" className={styles.saved}>
              <MessageBarBody>{t("profile.saved")}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      </form>
    </div>
  );
}
