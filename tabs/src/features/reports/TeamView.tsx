import { useId, useState } from "react";
import {
  Badge,
  Card,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ProgramRole, TeamReport } from "@tandem/core";
import { ApiError, ErrorNotice, useResource } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { ViewSkeleton } from "../../components/ViewSkeleton";
import { useNumbers } from "./format";
import { ActivityFigures, Breakdown, CsvButton, Figure, PeriodPicker, useReportStyles, type Period } from "./parts";
import { Trends } from "./trends";

const useStyles = makeStyles({
  steps: { display: "grid", gap: tokens.spacingHorizontalM, gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 320px), 1fr))" },
  step: { display: "grid", gap: tokens.spacingVerticalS, alignContent: "start", padding: tokens.spacingHorizontalL },
  stepGroup: { display: "grid", gap: tokens.spacingVerticalS },
  reasons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  paragraph: { margin: 0, maxWidth: "75ch" },
  heading: { margin: 0 },
  questions: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "grid", gap: tokens.spacingVerticalXS },
});

/** A person's roles in the program, in words. */
export const rolesText = (roles: readonly ProgramRole[], t: (k: "reports.role.both" | "reports.role.mentor" | "reports.role.mentee") => string) =>
  roles.length === 2 ? t("reports.role.both") : roles.length === 1 ? t(`reports.role.${roles[0]!}`) : "";

/**
 * "My team": a manager's direct and indirect reports, as the api's team report gives them. Per person only whether
 * they are enrolled and as what; everything else is a team figure, hidden (and said so) when it is about fewer
 * than the minimum group size, with the steps a manager can take when participation is low.
 */
export default function TeamView() {
  const s = useReportStyles();
  const { t, locale } = useI18n();
  const { call } = useSession();
  const [period, setPeriod] = useState<Period>(90);
  const report = useResource(async () => (await call("teamReport", { query: { period } })).data, [call, period]);
  const noTeam = (report.error instanceof ApiError && report.error.status === 403) || report.data?.counts.people === 0;

  return (
    <div className={s.root}>
      <header className={s.header}>
        <Title2 as="h1">{t("team.title")}</Title2>
        <Text as="p" className={s.intro}>
          {t("team.intro")}
        </Text>
      </header>
      {noTeam ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("team.none.title")}</MessageBarTitle>
            {t("team.none")}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <div className={s.toolbar}>
            <PeriodPicker value={period} onChange={setPeriod} />
            <CsvButton
              fileName={`tandem-${locale === "fr" ? "equipe" : "team"}-${period}.csv`}
              fetchCsv={async () => (await call("teamReportCsv", { query: { period, lang: locale } })).data}
            />
          </div>
          {report.error !== undefined && <ErrorNotice error={report.error} onRetry={report.reload} />}
          {report.loading && <ViewSkeleton cards={2} />}
          {report.data && !report.loading && <TeamReportBody report={report.data} period={period} />}
        </>
      )}
    </div>
  );
}

function TeamReportBody({ report, period }: { report: TeamReport; period: Period }) {
  const s = useReportStyles();
  const { t } = useI18n();
  const n = useNumbers();
  const ids = { figures: useId() };
  const min = report.minGroupSize;
  const f = report.total.figures;
  const hidden = report.total.hidden;
  const c = report.counts;
  return (
    <>
      <Text as="p" className={s.note} data-period={period}>
        {t("reports.range", { from: n.utcDay(report.from), to: n.day(report.to) })}
      </Text>
      {hidden && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("team.underMinimum.title")}</MessageBarTitle>
            {t("team.underMinimum", { people: report.total.people, min })}
          </MessageBarBody>
        </MessageBar>
      )}
      <section className={s.section} aria-labelledby={ids.figures}>
        <Subtitle1 as="h2" id={ids.figures}>
          {t("reports.figures")}
        </Subtitle1>
        <div className={s.figures}>
          <Figure
            label={t("reports.figure.enrolled")}
            min={min}
            value={t("reports.figure.enrolled.value", { enrolled: n.whole(c.enrolled), people: n.whole(c.people) })}
            detail={t("reports.figure.enrolled.detail", { mentors: n.whole(c.mentors), mentees: n.whole(c.mentees) })}
          />
          <ActivityFigures total={report.total} min={min} />
          <Figure
            label={t("reports.figure.atRisk")}
            min={min}
            hidden={report.atRisk === null ? (hidden ?? "fewer_than_minimum") : null}
            value={report.atRisk !== null && n.whole(report.atRisk)}
            detail={t("reports.figure.atRisk.detail")}
          />
          <Figure
            label={t("reports.figure.rating")}
            min={min}
            hidden={hidden}
            value={f && (f.ratingAverage === null ? "–" : t("reports.figure.rating.value", { rating: n.number(f.ratingAverage) }))}
            detail={f && f.ratingAverage === null ? t("reports.figure.rating.none") : undefined}
          />
        </div>
        <Text as="p" className={s.note}>
          {t("reports.minimum", { min })}
        </Text>
      </section>
      {!hidden && <Trends months={report.months} />}
      {report.suggestions.length > 0 && <Suggestions suggestions={report.suggestions} />}
      {!hidden && <Breakdown report={report} wholeLabel={t("reports.breakdown.team")} />}
      <People report={report} />
    </>
  );
}

function Suggestions({ suggestions }: { suggestions: TeamReport["suggestions"] }) {
  const s = useReportStyles();
  const st = useStyles();
  const { t, locale } = useI18n();
  const id = useId();
  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("team.suggestions")}
      </Subtitle1>
      <Text as="p" className={s.intro}>
        {t("team.suggestions.intro")}
      </Text>
      {(["small", "big"] as const).map((step) => {
        const of = suggestions.filter((x) => x.step === step);
        if (of.length === 0) return null;
        return (
          <div key={step} className={st.stepGroup}>
            <Subtitle2 as="h3">{t(`team.suggestions.${step}`)}</Subtitle2>
            <div className={st.steps}>
              {of.map((x) => (
                <Card key={x.id} className={st.step} appearance="filled-alternative" data-suggestion={x.id}>
                  <Text as="h4" weight="semibold" size={400} className={st.heading}>
                    {x.title[locale]}
                  </Text>
                  <div className={st.reasons}>
                    {x.reasons.map((r) => (
                      <Badge key={r} appearance="tint" color="informative" shape="rounded">
                        {t(`team.suggestions.reason.${r}`)}
                      </Badge>
                    ))}
                  </div>
                  <Text as="p" className={st.paragraph}>
                    {x.body[locale]}
                  </Text>
                  {x.questions && (
                    <>
                      <Text as="h5" weight="semibold" className={st.heading}>
                        {t("team.suggestions.questions")}
                      </Text>
                      <ol className={st.questions}>
                        {x.questions[locale].map((q) => (
                          <li key={q}>
                            <Text>{q}</Text>
                          </li>
                        ))}
                      </ol>
                    </>
                  )}
                </Card>
              ))}
            </div>
          </div>
        );
      })}
    </section>
  );
}

/** Everyone in the team: enrolled or not, as mentor or mentee. Nothing else about a person. */
function People({ report }: { report: TeamReport }) {
  const s = useReportStyles();
  const { t } = useI18n();
  const id = useId();
  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("team.people")}
      </Subtitle1>
      <Text as="p" className={s.note}>
        {t("team.people.count", { count: report.counts.people, enrolled: report.counts.enrolled })}
      </Text>
      <div className={s.tableWrap}>
        <Table size="small" aria-labelledby={id}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("team.people.name")}</TableHeaderCell>
              <TableHeaderCell>{t("team.people.department")}</TableHeaderCell>
              <TableHeaderCell>{t("team.people.enrolled")}</TableHeaderCell>
              <TableHeaderCell>{t("team.people.as")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.people.map((p) => (
              <TableRow key={p.personId}>
                <TableCell>{p.displayName}</TableCell>
                <TableCell>{p.department}</TableCell>
                <TableCell>{t(p.enrolled ? "reports.yes" : "reports.no")}</TableCell>
                <TableCell>{rolesText(p.roles, t)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
