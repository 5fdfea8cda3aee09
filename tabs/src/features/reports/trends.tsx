import { useId } from "react";
import { Subtitle1 } from "@fluentui/react-components";
import type { TeamReport } from "@tandem/core";
import { useI18n } from "../../i18n/i18n";
import { ColumnChart, type Category } from "./charts";
import { crossesYear, useNumbers } from "./format";
import { useReportStyles } from "./parts";

/** The report's months as charts: sessions held against the cadence's expectation, and hours. Shown months only. */
export function Trends({ months }: { months: TeamReport["months"] }) {
  const s = useReportStyles();
  const { t } = useI18n();
  const n = useNumbers();
  const id = useId();
  const shown = months.filter((m) => m.figures !== null);
  const withYear = crossesYear(shown);
  const categories: Category[] = shown.map((m) => ({ label: n.month(m.month, withYear), long: n.monthLong(m.month) }));
  const figures = shown.map((m) => m.figures!);
  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("reports.trends")}
      </Subtitle1>
      <div className={s.charts}>
        <ColumnChart
          title={t("reports.chart.sessions")}
          categoryHeader={t("reports.chart.category")}
          categories={categories}
          series={[
            { key: "held", label: t("reports.series.held"), values: figures.map((f) => f.held), look: "solid" },
            { key: "expected", label: t("reports.series.expected"), values: figures.map((f) => f.expected), look: "hatched" },
          ]}
          format={n.number}
        />
        <ColumnChart
          title={t("reports.chart.hours")}
          categoryHeader={t("reports.chart.category")}
          categories={categories}
          series={[{ key: "hours", label: t("reports.series.hours"), values: figures.map((f) => f.hours), look: "solid" }]}
          format={n.number}
        />
      </div>
    </section>
  );
}
