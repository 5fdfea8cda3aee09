import { useId, useState } from "react";
import {
  Subtitle1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { ProgramReport } from "@tandem/core";
import { ErrorNotice, useResource } from "@tandem/ui";
import { useSession } from "../../../app/session";
import { useI18n } from "../../../i18n/i18n";
import { ViewSkeleton } from "../../../components/ViewSkeleton";
import { BarChart } from "../../reports/charts";
import { useNumbers } from "../../reports/format";
import { ActivityFigures, Breakdown, CsvButton, Figure, PeriodPicker, useReportStyles, type Period } from "../../reports/parts";
import { Trends } from "../../reports/trends";

/**
 * The program's health, for coordinators: the figures a manager sees, for the whole program, plus matching, demand
 * against supply by skill, ratings, mentor training, and the tandems at risk by name, so that someone can act.
 */
export default function HealthSection() {
  const s = useReportStyles();
  const { t, locale } = useI18n();
  const { call } = useSession();
  const [period, setPeriod] = useState<Period>(90);
  const report = useResource(async () => (await call("programReport", { query: { period } })).data, [call, period]);
  return (
    <div className={s.root}>
      <Text as="p" className={s.intro}>
        {t("health.intro")}
      </Text>
      <div className={s.toolbar}>
        <PeriodPicker value={period} onChange={setPeriod} />
        <CsvButton
          fileName={`tandem-${locale === "fr" ? "programme" : "program"}-${period}.csv`}
          fetchCsv={async () => (await call("programReportCsv", { query: { period, lang: locale } })).data}
        />
      </div>
      {report.error !== undefined && <ErrorNotice error={report.error} onRetry={report.reload} />}
      {report.loading && <ViewSkeleton cards={2} />}
      {report.data && !report.loading && <Health report={report.data} />}
    </div>
  );
}

function Health({ report }: { report: ProgramReport }) {
  const s = useReportStyles();
  const { t, locale } = useI18n();
  const n = useNumbers();
  const ids = { figures: useId(), demand: useId(), ratings: useId() };
  const min = report.minGroupSize;
  const hidden = report.total.hidden;
  const c = report.counts;
  const m = report.matching;
  return (
    <>
      <Text as="p" className={s.note}>
        {t("reports.range", { from: n.utcDay(report.from), to: n.day(report.to) })}
      </Text>
      <section className={s.section} aria-labelledby={ids.figures}>
        <Subtitle1 as="h2" id={ids.figures}>
          {t("reports.figures")}
        </Subtitle1>
        <div className={s.figures}>
          <Figure
            label={t("reports.figure.enrolled")}
            min={min}
            value={n.whole(c.enrolled)}
            detail={`${t("reports.figure.enrolled.detail", { mentors: n.whole(c.mentors), mentees: n.whole(c.mentees) })} · ${t("health.figure.paused", { count: c.paused })}`}
          />
          <Figure
            label={t("health.figure.matching")}
            min={min}
            value={m.rate === null ? "–" : n.percent(m.rate)}
            detail={
              m.rate === null
                ? t("health.figure.matching.none")
                : t("health.figure.matching.detail", {
                    mentees: n.whole(m.mentees.matched),
                    menteesEnrolled: n.whole(m.mentees.enrolled),
                    mentors: n.whole(m.mentors.matched),
                    mentorsEnrolled: n.whole(m.mentors.enrolled),
                  })
            }
          />
          <ActivityFigures total={report.total} min={min} />
          <Figure
            label={t("reports.figure.rating")}
            min={min}
            value={report.ratings.average === null ? "–" : t("reports.figure.rating.value", { rating: n.number(report.ratings.average) })}
            detail={report.ratings.average === null ? t("reports.figure.rating.none") : t("health.figure.ratings", { count: report.ratings.count })}
          />
          <Figure
            label={t("health.figure.training")}
            min={min}
            value={t("health.figure.training.value", { trained: n.whole(report.training.trained), mentors: n.whole(report.training.mentors) })}
            detail={report.training.mentors > 0 ? n.percent(report.training.trained / report.training.mentors) : undefined}
          />
          <Figure
            label={t("health.figure.survey")}
            min={min}
            hidden={report.surveys.hidden}
            value={t("health.figure.survey.value", { helped: n.whole(report.surveys.helped ?? 0), answered: n.whole(report.surveys.answered) })}
            detail={t("health.figure.survey.again", { again: n.whole(report.surveys.again ?? 0) })}
          />
          <Figure label={t("reports.figure.atRisk")} min={min} value={n.whole(report.atRisk)} detail={t("reports.figure.atRisk.detail")} />
        </div>
        <Text as="p" className={s.note}>
          {t("reports.minimum", { min })}
        </Text>
      </section>
      <AtRisk report={report} />
      {!hidden && <Trends months={report.months} />}
      <section className={s.section} aria-labelledby={ids.demand}>
        <Subtitle1 as="h2" id={ids.demand}>
          {t("health.demand")}
        </Subtitle1>
        {report.demand.length === 0 ? (
          <Text as="p">{t("health.demand.none")}</Text>
        ) : (
          <div className={s.wideChart}>
            <BarChart
              title={t("health.demand.chart")}
              categoryHeader={t("health.demand.skill")}
              categories={report.demand.map((d) => ({ label: d.label?.[locale] ?? d.skillId, long: d.label?.[locale] ?? d.skillId }))}
              series={[
                { key: "requests", label: t("health.demand.requests"), values: report.demand.map((d) => d.requests), look: "solid" },
                { key: "offers", label: t("health.demand.offers"), values: report.demand.map((d) => d.offers), look: "hatched" },
              ]}
              format={n.whole}
            />
          </div>
        )}
      </section>
      <section className={s.section} aria-labelledby={ids.ratings}>
        <Subtitle1 as="h2" id={ids.ratings}>
          {t("health.ratings")}
        </Subtitle1>
        <div className={s.narrowChart}>
          <BarChart
            title={t("health.ratings.chart")}
            categoryHeader={t("health.ratings.stars")}
            categories={[5, 4, 3, 2, 1].map((r) => ({ label: t("health.ratings.star", { n: r }), long: t("health.ratings.star", { n: r }) }))}
            series={[{ key: "count", label: t("health.ratings.count"), values: [4, 3, 2, 1, 0].map((i) => report.ratings.distribution[i] ?? 0), look: "solid" }]}
            format={n.whole}
          />
        </div>
      </section>
      <Breakdown report={report} wholeLabel={t("reports.breakdown.program")} />
    </>
  );
}

/** The tandems at risk, with their members' names: a coordinator acts on them. */
function AtRisk({ report }: { report: ProgramReport }) {
  const s = useReportStyles();
  const { t } = useI18n();
  const n = useNumbers();
  const id = useId();
  const atRisk = report.tandems.filter((x) => x.atRisk !== null);
  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("health.atRisk")}
      </Subtitle1>
      {atRisk.length === 0 ? (
        <Text as="p">{t("health.atRisk.none")}</Text>
      ) : (
        <div className={s.tableWrap}>
          <Table size="small" aria-labelledby={id}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("health.atRisk.members")}</TableHeaderCell>
                <TableHeaderCell>{t("health.atRisk.reason")}</TableHeaderCell>
                <TableHeaderCell>{t("health.atRisk.held")}</TableHeaderCell>
                <TableHeaderCell>{t("health.atRisk.last")}</TableHeaderCell>
                <TableHeaderCell>{t("health.atRisk.next")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {atRisk.map((x) => (
                <TableRow key={x.id} data-tandem={x.id}>
                  <TableCell>
                    {t("health.atRisk.tandem", {
                      kind: t(`health.atRisk.kind.${x.kind}`),
                      members: x.members.map((p) => t("health.atRisk.member", { name: p.displayName, role: t(`reports.role.${p.role}`) })).join(", "),
                    })}
                  </TableCell>
                  <TableCell>{t(`health.atRisk.reason.${x.atRisk!}`)}</TableCell>
                  <TableCell>{t("health.atRisk.heldOf", { held: n.whole(x.sessionsHeld), expected: n.number(x.sessionsExpected) })}</TableCell>
                  <TableCell>{x.lastSession ? n.day(x.lastSession) : t("health.atRisk.never")}</TableCell>
                  <TableCell>{x.nextSession ? n.day(x.nextSession) : t("health.atRisk.never")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
