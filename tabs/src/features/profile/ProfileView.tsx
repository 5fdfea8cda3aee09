import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import {
  Button,
  Card,
  Checkbox,
  Combobox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  SpinButton,
  Subtitle1,
  Switch,
  Text,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular, Delete20Regular, ErrorCircle16Regular } from "@fluentui/react-icons";
import {
  MAX_MENTEES_PER_MENTOR,
  ProfileInput,
  api,
  locales,
  offerLevels,
  programRoles,
  urgencies,
  type Locale as Language,
  type Me,
  type ProgramRole,
} from "@tandem/core";
import { useSession } from "../../app/session";
import { useSkills } from "../../app/skills";
import { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/en";
import { ErrorNotice } from "@tandem/ui";
import { ApiError, apiFieldErrors, fieldState, zodFieldErrors, type FieldErrors } from "@tandem/ui";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL, paddingBlock: tokens.spacingVerticalM, maxWidth: "820px" },
  header: { display: "grid", gap: tokens.spacingVerticalXS },
  join: { display: "grid", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  form: { display: "grid", gap: tokens.spacingVerticalXL },
  fieldset: { display: "grid", gap: tokens.spacingVerticalS, border: "none", margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
  rows: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: "none" },
  row: {
    display: "grid",
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr)) auto",
    alignItems: "end",
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  grid: { display: "grid", gap: tokens.spacingHorizontalL, gridTemplateColumns: "repeat(auto-fit, minmax(240px, 1fr))" },
  checks: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXL },
  groupError: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "center", color: tokens.colorPaletteRedForeground1 },
  actions: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center" },
  start: { justifySelf: "start" },
});

type Level = (typeof offerLevels)[number];
type Urgency = (typeof urgencies)[number];
interface OfferRow {
  key: string;
  skillId: string;
  level: Level;
}
interface RequestRow {
  key: string;
  skillId: string;
  why: string;
  urgency: Urgency;
}
interface Draft {
  programRoles: ProgramRole[];
  offers: OfferRow[];
  requests: RequestRow[];
  languages: Language[];
  timeZone: string;
  /** null while what was typed is not a number. */
  capacity: number | null;
  paused: boolean;
}

let rowSeq = 0;
const rowKey = () => `row-${++rowSeq}`;
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const languageNames: Record<Language, string> = { fr: "Français", en: "English" };

/** The saved profile, or for a newcomer a start prefilled from the directory (time zone, language). */
function draftOf(me: Me, uiLanguage: Language): Draft {
  const p = me.profile;
  if (p) {
    return {
      programRoles: [...p.programRoles],
      offers: p.offers.map((o) => ({ key: rowKey(), ...o })),
      requests: p.requests.map((r) => ({ key: rowKey(), ...r })),
      languages: [...p.languages],
      timeZone: p.timeZone,
      capacity: p.capacity,
      paused: p.paused,
    };
  }
  return {
    programRoles: [],
    offers: [],
    requests: [],
    languages: [me.directory?.preferredLanguage ?? uiLanguage],
    timeZone: me.directory?.timeZone ?? browserTimeZone(),
    capacity: 2,
    paused: false,
  };
}

function inputOf(d: Draft) {
  const mentor = d.programRoles.includes("mentor");
  return {
    programRoles: programRoles.filter((r) => d.programRoles.includes(r)),
    offers: d.offers.map(({ skillId, level }) => ({ skillId, level })),
    requests: d.requests.map(({ skillId, why, urgency }) => ({ skillId, why, urgency })),
    languages: locales.filter((l) => d.languages.includes(l)),
    timeZone: d.timeZone.trim(),
    // Capacity means something for mentors only; the field is hidden for others.
    capacity: mentor ? d.capacity : 0,
    paused: d.paused,
  };
}

/** Field errors arrive in English (zod, the api): each field gets a message in the person's language. */
function localized(key: string, raw: string): MessageKey | null {
  if (/^(offers|requests)\.\d+$/.test(key)) return "profile.error.duplicate";
  if (key === "offers" || key === "requests") return "profile.error.tooMany";
  const field = key.split(".").pop();
  switch (field) {
    case "skillId":
      return /twice/.test(raw) ? "profile.error.duplicate" : "profile.error.skill";
    case "level":
    case "urgency":
      return "profile.error.choose";
    case "why":
      return "profile.error.why";
    case "programRoles":
      return "profile.error.roles";
    case "languages":
      return "profile.error.languages";
    case "timeZone":
      return "profile.error.timeZone";
    case "capacity":
      return "profile.error.capacity";
    default:
      return null;
  }
}

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

function ProfileForm({ saved, onSaved, onEdit }: { saved: boolean; onSaved(): void; onEdit(): void }) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const { me, call, refreshMe } = useSession();
  const { skills, label } = useSkills();
  const [draft, setDraft] = useState<Draft>(() => draftOf(me, locale));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const ids = { roles: useId(), languages: useId(), pause: useId(), offers: useId(), requests: useId() };

  // Keyboard users land on what they just added, or back on the add button after removing a row.
  const focusables = useRef(new Map<string, HTMLElement | null>());
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    focusables.current.get(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);
  const focusable = (key: string) => (el: HTMLElement | null) => void focusables.current.set(key, el);

  const update = (change: (d: Draft) => Draft) => {
    setDraft(change);
    onEdit();
  };
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));
  const mentor = draft.programRoles.includes("mentor");

  const message = (key: string): string | undefined => {
    const raw = errors[key];
    if (raw === undefined) return undefined;
    const k = localized(key, raw);
    return k ? t(k) : raw;
  };
  const err = (...keys: string[]) => fieldState(keys.map(message).find((x) => x !== undefined));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    const parsed = ProfileInput.safeParse(inputOf(draft));
    const found: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
    // The contract allows no role at all, but such a profile could never be matched.
    if (draft.programRoles.length === 0) found.programRoles ??= "required";
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await call("putMyProfile", { body: parsed.data, ...(me.profile ? { ifMatch: me.profile.etag } : {}) });
      onSaved();
      // The new version re-mounts this form from what was saved.
      await refreshMe();
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setProblem(error);
    } finally {
      setSaving(false);
    }
  };

  const conflict = problem instanceof ApiError && problem.isConflict;
  const hasFieldErrors = Object.keys(errors).length > 0;

  /** What I can teach and what I want to learn: the same list of skills, each row with its own fields. */
  const skillRows = <K extends "offers" | "requests">(
    kind: K,
    o: {
      newRow(key: string): Draft[K][number];
      fields(row: Draft[K][number], i: number, change: (patch: Partial<Draft[K][number]>) => void): ReactNode;
    },
  ) => {
    const rows: Draft[K][number][] = draft[kind];
    const setRows = (change: (rows: Draft[K][number][]) => Draft[K][number][]) =>
      update((x) => ({ ...x, [kind]: change(x[kind]) }));
    const addKey = `add-${kind}`;
    return (
      <fieldset className={styles.fieldset} aria-describedby={`${ids[kind]}-hint`}>
        <legend className={styles.legend}>
          <Subtitle1 as="h2">{t(`profile.${kind}`)}</Subtitle1>
        </legend>
        <Text id={`${ids[kind]}-hint`} size={200}>
          {t(`profile.${kind}.hint`)}
        </Text>
        {rows.length === 0 && <Text>{t(`profile.${kind}.none`)}</Text>}
        <ul className={styles.rows}>
          {rows.map((row, i) => {
            const change = (patch: Partial<Draft[K][number]>) =>
              setRows((all) => all.map((r) => (r.key === row.key ? { ...r, ...patch } : r)));
            return (
              <li key={row.key} className={styles.row}>
                <SkillField
                  value={row.skillId}
                  taken={rows.filter((r) => r !== row).map((r) => r.skillId)}
                  skills={skills}
                  buttonRef={focusable(row.key)}
                  onChange={(skillId) => change({ skillId } as Partial<Draft[K][number]>)}
                  {...err(`${kind}.${i}.skillId`, `${kind}.${i}`)}
                />
                {o.fields(row, i, change)}
                <Button
                  icon={<Delete20Regular />}
                  aria-label={t("profile.row.remove", { skill: row.skillId ? label(row.skillId) : t("profile.row.thisSkill") })}
                  onClick={() => {
                    setRows((all) => all.filter((r) => r.key !== row.key));
                    setFocusTarget(addKey);
                  }}
                />
              </li>
            );
          })}
        </ul>
        <GroupError message={message(kind)} />
        <Button
          className={styles.start}
          icon={<Add20Regular />}
          ref={focusable(addKey)}
          onClick={() => {
            const key = rowKey();
            setRows((all) => [...all, o.newRow(key)]);
            setFocusTarget(key);
          }}
        >
          {t(`profile.${kind}.add`)}
        </Button>
      </fieldset>
    );
  };

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Title2 as="h1">{t("profile.title")}</Title2>
        <Text>{t("profile.intro")}</Text>
      </header>

      {!me.profile && (
        <Card className={styles.join}>
          <Subtitle1 as="h2">{t("profile.join.title")}</Subtitle1>
          <Text as="p">{t("profile.join.body")}</Text>
          <Text as="p" size={200}>
            {t("profile.join.prefilled")}
          </Text>
        </Card>
      )}

      {saved && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{t("profile.saved")}</MessageBarBody>
        </MessageBar>
      )}
      {problem !== undefined && <ErrorNotice error={problem} onReload={conflict ? () => void refreshMe() : undefined} />}
      {hasFieldErrors && problem === undefined && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t("error.title")}</MessageBarTitle>
            {t("profile.check")}
          </MessageBarBody>
        </MessageBar>
      )}

      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
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
                  onChange={(_, d) =>
                    update((x) => ({
                      ...x,
                      programRoles: toggle(x.programRoles, role, d.checked === true),
                      // Someone who starts teaching can take at least one mentee.
                      capacity: role === "mentor" && d.checked === true && x.capacity === 0 ? 1 : x.capacity,
                    }))
                  }
                />
                <Text as="p" id={`${ids.roles}-${role}`} size={200}>
                  {t(`profile.role.${role}.hint`)}
                </Text>
              </div>
            ))}
          </div>
          <GroupError id={`${ids.roles}-error`} message={message("programRoles")} />
        </fieldset>

        {skillRows("offers", {
          newRow: (key) => ({ key, skillId: "", level: "intermediate" }),
          fields: (row, i, change) => (
            <Field label={t("profile.field.level")} {...err(`offers.${i}.level`)}>
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
          ),
        })}

        {skillRows("requests", {
          newRow: (key) => ({ key, skillId: "", why: "", urgency: "medium" }),
          fields: (row, i, change) => (
            <>
              <Field label={t("profile.field.why")} hint={t("profile.field.why.hint")} {...err(`requests.${i}.why`)}>
                <Input value={row.why} maxLength={500} onChange={(_, d) => change({ why: d.value })} />
              </Field>
              <Field label={t("profile.field.urgency")} {...err(`requests.${i}.urgency`)}>
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
          ),
        })}

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
            <GroupError id={`${ids.languages}-error`} message={message("languages")} />
          </fieldset>
          <div className={styles.grid}>
            <TimeZoneField
              value={draft.timeZone}
              onChange={(timeZone) => update((x) => ({ ...x, timeZone }))}
              {...err("timeZone")}
            />
            {mentor && (
              <Field label={t("profile.capacity")} hint={t("profile.capacity.hint")} {...err("capacity")}>
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
          <Button type="submit" appearance="primary" disabled={saving}>
            {saving ? t("common.saving") : t("profile.save")}
          </Button>
        </div>
      </form>
    </div>
  );
}

/** An error about a group of checkboxes or a whole list: text and icon, never colour alone. */
function GroupError({ id, message }: { id?: string; message: string | undefined }) {
  const styles = useStyles();
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

interface FieldState {
  validationState?: "error";
  validationMessage?: string;
}

function SkillField({
  value,
  taken,
  skills,
  buttonRef,
  onChange,
  ...field
}: {
  value: string;
  taken: string[];
  skills: ReturnType<typeof useSkills>["skills"];
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

function TimeZoneField({ value, onChange, ...field }: { value: string; onChange(timeZone: string): void } & FieldState) {
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
