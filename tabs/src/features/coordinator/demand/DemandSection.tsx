import { useId } from "react";
import { Subtitle1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles } from "@fluentui/react-components";
import type { DemandReport } from "@tandem/core";
import { ErrorNotice, useResource } from "@tandem/ui";
import { useSession } from "../../../app/session";
import { useI18n } from "../../../i18n/i18n";
import { ViewSkeleton } from "../../../components/ViewSkeleton";
import { BarChart } from "../../reports/charts";
import { useNumbers } from "../../reports/format";
import { useReportStyles } from "../../reports/parts";
import { CyclePicker, useChosenCycle, useCycles } from "../cycles";

const useStyles = makeStyles({
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
});

/** Demand and supply of a cycle, skill by skill: requests against the free places of the mentors who teach it. */
export default function DemandSection() {
  const s = useReportStyles();
  const { t } = useI18n();
  const { call } = useSession();
  const cycles = useCycles();
  const [cycleId, setCycleId] = useChosenCycle(cycles.data);
  const demand = useResource(async () => (cycleId ? (await call("programDemand", { query: { cycleId } })).data : undefined), [call, cycleId]);
  return (
    <div className={s.root}>
      <Text as="p" className={s.intro}>
        {t("demand.intro")}
      </Text>
      {cycles.error !== undefined && <ErrorNotice error={cycles.error} onRetry={cycles.reload} />}
      {cycles.data?.length === 0 && <Text as="p">{t("console.cycle.none")}</Text>}
      {cycles.data && cycles.data.length > 0 && (
        <div className={s.toolbar}>
          <CyclePicker cycles={cycles.data} value={cycleId} onChange={setCycleId} />
        </div>
      )}
      {demand.error !== undefined && <ErrorNotice error={demand.error} onRetry={demand.reload} />}
      {(cycles.loading || demand.loading) && <ViewSkeleton cards={2} />}
      {demand.data && !demand.loading && <Demand report={demand.data} />}
    </div>
  );
}

function Demand({ report }: { report: DemandReport }) {
  const s = useReportStyles();
  const st = useStyles();
  const { t, locale } = useI18n();
  const n = useNumbers();
  const id = useId();
  const label = (d: DemandReport["skills"][number]) => d.label?.[locale] ?? d.skillId;
  if (report.skills.length === 0) return <Text as="p">{t("demand.none")}</Text>;
  // The chart leaves out skills nobody asks for and nobody has a place for; the table keeps every skill.
  const charted = report.skills.filter((d) => d.requests.count > 0 || d.freeCapacity > 0);
  return (
    <>
      <Text as="p">
        {t("demand.totals", { requests: n.whole(report.totals.requests), mentors: n.whole(report.totals.mentors), free: n.whole(report.totals.freeCapacity) })}
      </Text>
      <div className={s.wideChart}>
        <BarChart
          title={t("demand.chart")}
          categoryHeader={t("demand.skill")}
          categories={charted.map((d) => ({ label: label(d), long: label(d) }))}
          series={[
            { key: "requests", label: t("demand.requests"), values: charted.map((d) => d.requests.count), look: "solid" },
            { key: "free", label: t("demand.free"), values: charted.map((d) => d.freeCapacity), look: "hatched" },
          ]}
          format={n.whole}
        />
      </div>
      <section className={s.section} aria-labelledby={id}>
        <Subtitle1 as="h2" id={id}>
          {t("demand.table")}
        </Subtitle1>
        <div className={s.tableWrap}>
          <Table size="small" aria-labelledby={id}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("demand.skill")}</TableHeaderCell>
                <TableHeaderCell className={st.number}>{t("demand.requests")}</TableHeaderCell>
                <TableHeaderCell>{t("demand.urgency")}</TableHeaderCell>
                <TableHeaderCell className={st.number}>{t("demand.mentors")}</TableHeaderCell>
                <TableHeaderCell className={st.number}>{t("demand.free")}</TableHeaderCell>
                <TableHeaderCell className={st.number}>{t("demand.gap")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.skills.map((d) => (
                <TableRow key={d.skillId}>
                  <TableCell>{label(d)}</TableCell>
                  <TableCell className={st.number}>{n.whole(d.requests.count)}</TableCell>
                  <TableCell>
                    {t("demand.urgencyValue", { high: n.whole(d.requests.urgency.high), medium: n.whole(d.requests.urgency.medium), low: n.whole(d.requests.urgency.low) })}
                  </TableCell>
                  <TableCell className={st.number}>{n.whole(d.mentors)}</TableCell>
                  <TableCell className={st.number}>{n.whole(d.freeCapacity)}</TableCell>
                  <TableCell className={st.number}>{d.gap > 0 ? `+${n.whole(d.gap)}` : n.whole(d.gap)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
    </>
  );
}
