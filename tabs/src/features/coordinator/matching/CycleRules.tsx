import { useId } from "react";
import { Subtitle1, Table, TableBody, TableCell, TableRow, Text } from "@fluentui/react-components";
import type { CycleView, FitWeights } from "@tandem/core";
import { useI18n } from "../../../i18n/i18n";
import { useNumbers } from "../../reports/format";
import { useReportStyles } from "../../reports/parts";

const weightKeys = ["skill", "urgency", "crossDepartment", "language", "overlap"] as const satisfies readonly (keyof FitWeights)[];

/**
 * The cycle's weights and hard rules, read-only: the api has no route to change a cycle once created (they are part
 * of what a run's publication checks has not changed).
 */
export function CycleRules({ cycle }: { cycle: CycleView }) {
  const s = useReportStyles();
  const { t } = useI18n();
  const n = useNumbers();
  const id = useId();
  const m = cycle.matching;
  const total = weightKeys.reduce((sum, k) => sum + m.weights[k], 0) || 1;
  const yesNo = (b: boolean) => t(b ? "matching.yes" : "matching.no");
  const rows: [string, string][] = [
    [t("matching.rule.objective"), t(`matching.objective.${m.objective}`)],
    // Weights are relative: their share of the fit is what counts; the weight itself only when it differs.
    ...weightKeys.map((k) => {
      const share = m.weights[k] / total;
      const value = Math.round(share * 100) === m.weights[k] ? n.percent(share) : t("matching.weight.value", { share: n.percent(share), weight: m.weights[k] });
      return [t(`matching.weight.${k}`), value] as [string, string];
    }),
    [t("matching.rule.max"), n.whole(m.maxMenteesPerMentor)],
    [t("matching.rule.sameDepartment"), yesNo(m.allowSameDepartment)],
    [t("matching.rule.language"), yesNo(m.requireCommonLanguage)],
    [t("matching.rule.circles"), yesNo(m.allowCircles)],
    [t("matching.rule.repeat"), yesNo(m.allowRepeatPairs)],
    [t("matching.rule.overlap"), m.minWeeklyOverlapHours > 0 ? t("matching.rule.overlap.value", { hours: m.minWeeklyOverlapHours }) : t("matching.rule.overlap.none")],
  ];
  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("matching.rules")}
      </Subtitle1>
      <Text as="p" className={s.note}>
        {t("matching.rules.readOnly")}
      </Text>
      <div className={s.tableWrap}>
        <Table size="small" aria-labelledby={id} style={{ maxWidth: "40rem" }}>
          <TableBody>
            {rows.map(([label, value]) => (
              <TableRow key={label}>
                <TableCell>
                  <Text weight="semibold">{label}</Text>
                </TableCell>
                <TableCell>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
