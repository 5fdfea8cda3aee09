import { useId, useState, type FormEvent } from "react";
import {
  Button,
  Field,
  Input,
  Select,
  Subtitle1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { CycleView, SkillView } from "@tandem/core";
import { ErrorNotice, apiFieldErrors, fieldState, useResource, type FieldErrors } from "@tandem/ui";
import { useSession } from "../../../app/session";
import { useI18n } from "../../../i18n/i18n";
import { ViewSkeleton } from "../../../components/ViewSkeleton";
import { useReportStyles } from "../../reports/parts";
import { useCycles } from "../cycles";

// Spelled out rather than imported from @tandem/core, whose values bring zod along.
const categories = ["software", "social-networks", "collaboration", "ai", "customer-experience", "ways-of-working"] as const satisfies readonly SkillView["category"][];

const useStyles = makeStyles({
  form: { display: "flex", flexWrap: "wrap", alignItems: "end", gap: tokens.spacingHorizontalL, maxWidth: "60rem" },
  field: { minWidth: "12rem" },
  small: { width: "8rem" },
  block: { display: "grid", gap: tokens.spacingVerticalS },
});

/** A skill's id from its English label: "Teams channels" → "teams-channels". */
export const skillIdOf = (label: string) =>
  label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);

/**
 * The catalogue: skills with their French and English labels (added, relabelled), cycles with their cadence (created;
 * the api has no route to change a cycle once it exists, so its rules are set at creation, with the defaults here).
 */
export default function CatalogueSection() {
  const s = useReportStyles();
  return (
    <div className={s.root}>
      <Skills />
      <Cycles />
    </div>
  );
}

function Skills() {
  const s = useReportStyles();
  const st = useStyles();
  const { t, locale } = useI18n();
  const { call } = useSession();
  const id = useId();
  const skills = useResource(async () => (await call("listSkills")).data.items, [call]);
  const [editing, setEditing] = useState<SkillView>();
  const [fr, setFr] = useState("");
  const [en, setEn] = useState("");
  const [category, setCategory] = useState<SkillView["category"]>("software");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState("");
  // The api's problems, each next to its field; the notice above the form only for what no field shows.
  const fields = apiFieldErrors(error, t);

  const edit = (x: SkillView | undefined) => {
    setEditing(x);
    setFr(x?.label.fr ?? "");
    setEn(x?.label.en ?? "");
    setCategory(x?.category ?? "software");
    setSaved("");
    setError(undefined);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const label = { fr: fr.trim(), en: en.trim() };
      if (editing) {
        await call("replaceSkill", { params: { skillId: editing.id }, body: { label, category, retired: editing.retired }, ifMatch: editing.etag });
      } else {
        await call("createSkill", { body: { id: skillIdOf(label.en), label, category, retired: false } });
      }
      edit(undefined);
      setSaved(t("catalogue.skill.saved", { skill: label[locale] }));
      skills.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("catalogue.skills")}
      </Subtitle1>
      <Text as="p" className={s.intro}>
        {t("catalogue.skills.intro")}
      </Text>
      {skills.error !== undefined && <ErrorNotice error={skills.error} onRetry={skills.reload} />}
      {skills.loading && <ViewSkeleton cards={1} />}
      {skills.data && (
        <div className={s.tableWrap}>
          <Table size="small" aria-labelledby={id}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("catalogue.skill.en")}</TableHeaderCell>
                <TableHeaderCell>{t("catalogue.skill.fr")}</TableHeaderCell>
                <TableHeaderCell>{t("catalogue.skill.category")}</TableHeaderCell>
                <TableHeaderCell>{t("catalogue.skill.actions")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {skills.data.map((x) => (
                <TableRow key={x.id}>
                  <TableCell>{x.label.en}</TableCell>
                  <TableCell lang="fr">{x.label.fr}</TableCell>
                  <TableCell>
                    {t(`catalogue.category.${x.category}`)}
                    {x.retired ? ` · ${t("catalogue.skill.retired")}` : ""}
                  </TableCell>
                  <TableCell>
                    <Button size="small" onClick={() => edit(x)}>
                      {t("catalogue.skill.edit", { skill: x.label[locale] })}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <form className={st.block} onSubmit={(e) => void save(e)} aria-labelledby={`${id}-form`} noValidate>
        <Subtitle2 as="h3" id={`${id}-form`}>
          {editing ? t("catalogue.skill.editing", { skill: editing.label[locale] }) : t("catalogue.skill.new")}
        </Subtitle2>
        <div className={st.form}>
          <Field label={t("catalogue.skill.en")} required className={st.field} {...fieldState(fields["label.en"] ?? fields.id)}>
            <Input value={en} onChange={(_, d) => setEn(d.value)} maxLength={120} />
          </Field>
          <Field label={t("catalogue.skill.fr")} required className={st.field} {...fieldState(fields["label.fr"])}>
            <Input lang="fr" value={fr} onChange={(_, d) => setFr(d.value)} maxLength={120} />
          </Field>
          <Field label={t("catalogue.skill.category")} className={st.field} {...fieldState(fields.category)}>
            <Select value={category} onChange={(_, d) => setCategory(d.value as SkillView["category"])}>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {t(`catalogue.category.${c}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" appearance="primary" disabled={busy || !fr.trim() || !en.trim()}>
            {editing ? t("common.save") : t("catalogue.skill.add")}
          </Button>
          {editing && <Button onClick={() => edit(undefined)}>{t("common.cancel")}</Button>}
        </div>
        {error !== undefined && Object.keys(fields).length === 0 && <ErrorNotice error={error} />}
        <div aria-live="polite">{saved && <Text>{saved}</Text>}</div>
      </form>
    </section>
  );
}

function Cycles() {
  const s = useReportStyles();
  const st = useStyles();
  const { t, date } = useI18n();
  const { call } = useSession();
  const id = useId();
  const cycles = useCycles();
  const [name, setName] = useState("");
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [everyWeeks, setEveryWeeks] = useState("2");
  const [minutes, setMinutes] = useState("45");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState("");
  const [checked, setChecked] = useState<FieldErrors>({});
  const fields = { ...apiFieldErrors(error, t), ...checked };
  const cadence = (c: CycleView) => t("catalogue.cycle.cadenceValue", { count: c.cadence.everyWeeks, minutes: c.cadence.sessionMinutes });

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved("");
    const ends: FieldErrors = endsOn && startsOn && endsOn <= startsOn ? { endsOn: t("catalogue.cycle.endsAfter") } : {};
    setChecked(ends);
    if (ends.endsOn) return;
    setBusy(true);
    try {
      const created = (
        await call("createCycle", {
          body: {
            name: name.trim(),
            startsOn,
            endsOn,
            cadence: { everyWeeks: Number(everyWeeks), sessionMinutes: Number(minutes) },
            // The program's usual rules; the matching section shows them for each cycle.
            matching: { maxMenteesPerMentor: 3, allowSameDepartment: false, requireCommonLanguage: true, allowCircles: true },
          },
        })
      ).data;
      setSaved(t("catalogue.cycle.saved", { name: created.name }));
      setName("");
      cycles.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("catalogue.cycles")}
      </Subtitle1>
      <Text as="p" className={s.intro}>
        {t("catalogue.cycles.intro")}
      </Text>
      {cycles.error !== undefined && <ErrorNotice error={cycles.error} onRetry={cycles.reload} />}
      {cycles.loading && <ViewSkeleton cards={1} />}
      {cycles.data && (
        <div className={s.tableWrap}>
          <Table size="small" aria-labelledby={id}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("catalogue.cycle.name")}</TableHeaderCell>
                <TableHeaderCell>{t("catalogue.cycle.dates")}</TableHeaderCell>
                <TableHeaderCell>{t("catalogue.cycle.cadence")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {cycles.data.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{c.name}</TableCell>
                  <TableCell>{t("console.cycle.dates", { from: date(c.startsOn), to: date(c.endsOn) })}</TableCell>
                  <TableCell>{cadence(c)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <form className={st.block} onSubmit={(e) => void create(e)} aria-labelledby={`${id}-form`} noValidate>
        <Subtitle2 as="h3" id={`${id}-form`}>
          {t("catalogue.cycle.new")}
        </Subtitle2>
        <div className={st.form}>
          <Field label={t("catalogue.cycle.name")} required className={st.field} {...fieldState(fields.name)}>
            <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={80} />
          </Field>
          <Field label={t("catalogue.cycle.starts")} required {...fieldState(fields.startsOn)}>
            <Input type="date" value={startsOn} onChange={(_, d) => setStartsOn(d.value)} />
          </Field>
          <Field label={t("catalogue.cycle.ends")} required {...fieldState(fields.endsOn)}>
            <Input type="date" value={endsOn} onChange={(_, d) => setEndsOn(d.value)} />
          </Field>
          <Field label={t("catalogue.cycle.everyWeeks")} {...fieldState(fields["cadence.everyWeeks"])}>
            <Input className={st.small} type="number" min={1} max={8} value={everyWeeks} onChange={(_, d) => setEveryWeeks(d.value)} />
          </Field>
          <Field label={t("catalogue.cycle.minutes")} {...fieldState(fields["cadence.sessionMinutes"])}>
            <Input className={st.small} type="number" min={15} max={180} step={5} value={minutes} onChange={(_, d) => setMinutes(d.value)} />
          </Field>
          <Button type="submit" appearance="primary" disabled={busy || !name.trim() || !startsOn || !endsOn}>
            {t("catalogue.cycle.add")}
          </Button>
        </div>
        {error !== undefined && Object.keys(fields).length === 0 && <ErrorNotice error={error} />}
        <div aria-live="polite">{saved && <Text>{saved}</Text>}</div>
      </form>
    </section>
  );
}
