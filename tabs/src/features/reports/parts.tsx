import { useId, useState, type ReactNode } from "react";
import {
  Button,
  Card,
  Field,
  Radio,
  RadioGroup,
  Subtitle1,
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
import { ArrowDownload20Regular, EyeOff16Regular } from "@fluentui/react-icons";
import type { ReportCell, TeamReport } from "@tandem/core";
import { ErrorNotice } from "@tandem/ui";
import { useI18n } from "../../i18n/i18n";
import { useNumbers } from "./format";

export const periods = [30, 90, 365] as const;
export type Period = (typeof periods)[number];

export const useReportStyles = makeStyles({
  // One column that never grows past the page: a wide child (a table, a long select) scrolls or wraps inside it.
  root: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: tokens.spacingVerticalXL, paddingBlock: tokens.spacingVerticalM, minWidth: 0 },
  header: { display: "grid", gap: tokens.spacingVerticalS },
  intro: { margin: 0, maxWidth: "80ch" },
  toolbar: { display: "flex", flexWrap: "wrap", alignItems: "end", justifyContent: "space-between", gap: tokens.spacingHorizontalL },
  section: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: tokens.spacingVerticalM, minWidth: 0 },
  figures: { display: "grid", gap: tokens.spacingHorizontalM, gridTemplateColumns: "repeat(auto-fill, minmax(200px, 1fr))", margin: 0, padding: 0 },
  figure: { display: "grid", gap: tokens.spacingVerticalXXS, alignContent: "start", padding: tokens.spacingHorizontalM },
  figureLabel: { color: tokens.colorNeutralForeground2 },
  figureValue: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  hiddenValue: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  detail: { color: tokens.colorNeutralForeground2 },
  charts: {
    display: "grid",
    gap: tokens.spacingVerticalXXL,
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 420px), 1fr))",
    alignItems: "start",
  },
  narrowChart: { maxWidth: "640px" },
  wideChart: { maxWidth: "960px" },
  tableWrap: { overflowX: "auto" },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums", "& .fui-TableHeaderCell__button": { justifyContent: "flex-end", textAlign: "end" } },
  hiddenCell: { color: tokens.colorNeutralForeground2 },
  note: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: "80ch" },
});

/** The period of a report: three choices, arrow keys move between them. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange(p: Period): void }) {
  const { t } = useI18n();
  return (
    <Field label={t("reports.period")}>
      <RadioGroup layout="horizontal" value={String(value)} onChange={(_, d) => onChange(Number(d.value) as Period)}>
        {periods.map((p) => (
          <Radio key={p} value={String(p)} label={t(`reports.period.${p}`)} />
        ))}
      </RadioGroup>
    </Field>
  );
}

/**
 * Downloads the report as the api writes it for Excel (the person's language: `;` and decimal commas in French),
 * with their token, and saves it as a file.
 */
export function CsvButton({ fetchCsv, fileName }: { fetchCsv(): Promise<string>; fileName: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const [done, setDone] = useState("");
  const download = async () => {
    setBusy(true);
    setProblem(undefined);
    setDone("");
    try {
      const text = await fetchCsv();
      const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(t("reports.csv.done", { file: fileName }));
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Button icon={<ArrowDownload20Regular />} disabled={busy} onClick={() => void download()}>
        {busy ? t("reports.csv.busy") : t("reports.csv")}
      </Button>
      <div role="status">{done && <Text size={200}>{done}</Text>}</div>
      {problem !== undefined && <ErrorNotice error={problem} />}
    </div>
  );
}

/** Why a figure is hidden, in a few words: never a zero in its place. */
export function HiddenFigure({ reason, min }: { reason: NonNullable<ReportCell["hidden"]> | "goals"; min: number }) {
  const s = useReportStyles();
  const { t } = useI18n();
  return (
    <>
      <span className={s.hiddenValue} data-hidden={reason}>
        <EyeOff16Regular aria-hidden="true" />
        {t("reports.hidden")}
      </span>
      <Text size={200} className={s.detail}>
        {t(reason === "goals" ? "reports.hidden.goals" : `reports.hidden.${reason}`, { min })}
      </Text>
    </>
  );
}

/** One key figure: its name, its value (or why it is hidden), a line of detail. */
export function Figure({ label, value, detail, hidden, min }: { label: string; value?: ReactNode; detail?: ReactNode; hidden?: NonNullable<ReportCell["hidden"]> | "goals" | null; min: number }) {
  const s = useReportStyles();
  const id = useId();
  return (
    <Card className={s.figure} appearance="outline" role="group" aria-labelledby={id} data-figure={label}>
      <Text id={id} className={s.figureLabel} weight="semibold">
        {label}
      </Text>
      {hidden ? (
        <HiddenFigure reason={hidden} min={min} />
      ) : (
        <>
          <Text className={s.figureValue}>{value}</Text>
          {detail && (
            <Text size={200} className={s.detail}>
              {detail}
            </Text>
          )}
        </>
      )}
    </Card>
  );
}

/** The report's cuts: the whole, each department, each role, with hidden ones said so. */
export function Breakdown({ report, wholeLabel }: { report: Pick<TeamReport, "total" | "byDepartment" | "byRole" | "minGroupSize">; wholeLabel: string }) {
  const s = useReportStyles();
  const { t } = useI18n();
  const n = useNumbers();
  const id = useId();
  const rows: { key: string; label: string; cell: ReportCell }[] = [
    { key: "total", label: wholeLabel, cell: report.total },
    ...report.byDepartment.map((d) => ({ key: `d-${d.department}`, label: t("reports.breakdown.department", { name: d.department }), cell: d })),
    ...report.byRole.map((r) => ({ key: `r-${r.role}`, label: t(`reports.breakdown.role.${r.role}`), cell: r })),
  ];
  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("reports.breakdown")}
      </Subtitle1>
      <div className={s.tableWrap}>
        <Table size="small" aria-labelledby={id}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("reports.breakdown.cut")}</TableHeaderCell>
              <TableHeaderCell className={s.number}>{t("reports.breakdown.people")}</TableHeaderCell>
              <TableHeaderCell className={s.number}>{t("reports.breakdown.held")}</TableHeaderCell>
              <TableHeaderCell className={s.number}>{t("reports.breakdown.expected")}</TableHeaderCell>
              <TableHeaderCell className={s.number}>{t("reports.breakdown.hours")}</TableHeaderCell>
              <TableHeaderCell className={s.number}>{t("reports.breakdown.goals")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ key, label, cell }) => {
              const f = cell.figures;
              return (
                <TableRow key={key}>
                  <TableCell>{label}</TableCell>
                  <TableCell className={s.number}>{n.whole(cell.people)}</TableCell>
                  {f ? (
                    <>
                      <TableCell className={s.number}>{n.whole(f.held)}</TableCell>
                      <TableCell className={s.number}>{n.number(f.expected)}</TableCell>
                      <TableCell className={s.number}>{n.number(f.hours)}</TableCell>
                      <TableCell className={s.number}>{f.goalsAchieved === null ? t("reports.hidden") : n.whole(f.goalsAchieved)}</TableCell>
                    </>
                  ) : (
                    <TableCell colSpan={4} className={s.hiddenCell}>
                      {`${t("reports.hidden")} (${t(`reports.hidden.short.${cell.hidden ?? "fewer_than_minimum"}`, { min: report.minGroupSize })})`}
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {rows.some((r) => r.cell.figures?.goalsAchieved === null) && (
        <Text as="p" className={s.note}>
          {t("reports.breakdown.goalsHidden", { min: report.minGroupSize })}
        </Text>
      )}
    </section>
  );
}

/**
 * The activity figures a team and the whole program show alike: sessions held against what the cadence expects,
 * hours, goals achieved. Each is hidden with the total's reason (or, for goals, their own) under the minimum.
 */
export function ActivityFigures({ total, min }: { total: TeamReport["total"]; min: number }) {
  const { t } = useI18n();
  const n = useNumbers();
  const f = total.figures;
  const hidden = total.hidden;
  return (
    <>
      <Figure
        label={t("reports.figure.held")}
        min={min}
        hidden={hidden}
        value={f && n.whole(f.held)}
        detail={
          f &&
          (f.expected > 0
            ? t("reports.figure.held.detail", { expected: n.number(f.expected), share: n.percent(f.held / f.expected) })
            : t("reports.figure.held.noCadence"))
        }
      />
      <Figure label={t("reports.figure.hours")} min={min} hidden={hidden} value={f && n.number(f.hours)} detail={f && t("reports.figure.cancelled", { count: f.cancelled })} />
      <Figure
        label={t("reports.figure.goals")}
        min={min}
        hidden={hidden ?? (f?.goalsAchieved === null ? "goals" : null)}
        value={f?.goalsAchieved != null && n.whole(f.goalsAchieved)}
      />
    </>
  );
}
