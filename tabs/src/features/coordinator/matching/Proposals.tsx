import { useId } from "react";
import {
  Badge,
  Card,
  Subtitle1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { FitPartView, MatchingRunView, RunProposal } from "@tandem/core";
import { useI18n } from "../../../i18n/i18n";
import { useSkills } from "../../../app/skills";
import { useNumbers } from "../../reports/format";
import { useReportStyles } from "../../reports/parts";
import type { Pair } from "./pairs";

/** What the coordinator can do to a proposed pair before the next run; absent once the run is published. */
export interface PairActions {
  pinned(p: Pair): boolean;
  removed(p: Pair): boolean;
  togglePin(p: Pair): void;
  toggleRemoval(p: Pair): void;
}

const useStyles = makeStyles({
  list: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: "none" },
  card: { display: "grid", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  head: { display: "flex", flexWrap: "wrap", alignItems: "baseline", gap: tokens.spacingHorizontalM },
  pairs: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: "none" },
  pair: { display: "grid", gap: tokens.spacingVerticalXS },
  pairHead: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  parts: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "grid", gap: tokens.spacingVerticalXXS },
  score: { fontVariantNumeric: "tabular-nums" },
  removed: { color: tokens.colorNeutralForeground2, textDecorationLine: "line-through" },
});

export function Parts({ parts }: { parts: readonly FitPartView[] }) {
  const st = useStyles();
  const { locale } = useI18n();
  return (
    <ul className={st.parts}>
      {parts.map((p) => (
        <li key={p.part}>
          <Text>{p.words[locale]}</Text>
        </li>
      ))}
    </ul>
  );
}

/** Every proposal of a run: who with whom, on which skill, the score and each part of it in words. */
export function Proposals({ run, actions }: { run: MatchingRunView; actions: PairActions | undefined }) {
  const s = useReportStyles();
  const st = useStyles();
  const { t } = useI18n();
  const id = useId();
  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("matching.proposals", { count: run.proposals.length })}
      </Subtitle1>
      {run.proposals.length === 0 ? (
        <Text as="p">{t("matching.proposals.none")}</Text>
      ) : (
        <ul className={st.list}>
          {run.proposals.map((p) => (
            <li key={`${p.mentorId}-${p.menteeIds.join("-")}`}>
              <Proposal run={run} proposal={p} actions={actions} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Proposal({ run, proposal: p, actions }: { run: MatchingRunView; proposal: RunProposal; actions: PairActions | undefined }) {
  const st = useStyles();
  const { t } = useI18n();
  const n = useNumbers();
  const { label } = useSkills();
  const id = useId();
  const name = (pid: string) => run.people.find((x) => x.id === pid)?.displayName ?? t("console.someone");
  const mentor = name(p.mentorId);
  return (
    <Card className={st.card} aria-labelledby={id} data-proposal={p.kind}>
      <div className={st.head}>
        <Subtitle2 as="h3" id={id}>
          {t("matching.proposal.title", { mentor, mentees: p.menteeIds.map(name).join(", ") })}
        </Subtitle2>
        <Badge appearance="outline">{t(`console.kind.${p.kind}`)}</Badge>
        <Text className={st.score} weight="semibold">
          {t("matching.score", { score: n.number(p.score) })}
        </Text>
      </div>
      <Text>{t("matching.proposal.skill", { skill: label(p.skillId) })}</Text>
      <ul className={st.pairs} aria-label={t("matching.parts")}>
        {p.pairs.map((pair) => {
          const ref = { mentorId: p.mentorId, menteeId: pair.menteeId };
          const mentee = name(pair.menteeId);
          const removed = actions?.removed(ref) ?? false;
          return (
            <li key={pair.menteeId} className={st.pair}>
              <div className={st.pairHead}>
                <Text weight="semibold" className={removed ? st.removed : undefined}>
                  {t("matching.pair", { mentee, score: n.number(pair.score) })}
                </Text>
                {pair.pinned && <Badge color="brand">{t("matching.pinnedBadge")}</Badge>}
                {actions && (
                  <>
                    <ToggleButton
                      size="small"
                      checked={actions.pinned(ref)}
                      aria-label={t("matching.pin.label", { mentor, mentee })}
                      onClick={() => actions.togglePin(ref)}
                    >
                      {t("matching.pin")}
                    </ToggleButton>
                    <ToggleButton
                      size="small"
                      checked={removed}
                      aria-label={t("matching.remove.label", { mentor, mentee })}
                      onClick={() => actions.toggleRemoval(ref)}
                    >
                      {t("matching.remove")}
                    </ToggleButton>
                  </>
                )}
              </div>
              <Parts parts={pair.breakdown} />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

/** Everyone the run left without a proposal, with each reason in words. */
export function Unmatched({ run }: { run: MatchingRunView }) {
  const s = useReportStyles();
  const { t, locale } = useI18n();
  const id = useId();
  const name = (pid: string) => run.people.find((x) => x.id === pid)?.displayName ?? t("console.someone");
  return (
    <section className={s.section} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id}>
        {t("matching.unmatched", { count: run.unmatched.length })}
      </Subtitle1>
      {run.unmatched.length === 0 ? (
        <Text as="p">{t("matching.unmatched.none")}</Text>
      ) : (
        <div className={s.tableWrap}>
          <Table size="small" aria-labelledby={id}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("matching.unmatched.person")}</TableHeaderCell>
                <TableHeaderCell>{t("matching.unmatched.role")}</TableHeaderCell>
                <TableHeaderCell>{t("matching.unmatched.reasons")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {run.unmatched.map((u) => (
                <TableRow key={`${u.personId}-${u.role}`}>
                  <TableCell>{name(u.personId)}</TableCell>
                  <TableCell>{t(`matching.role.${u.role}`)}</TableCell>
                  <TableCell>
                    {u.reasons.map((r, i) => (
                      <Text as="p" key={`${r.code}-${i}`} style={{ margin: 0 }}>
                        {r.words[locale]}
                      </Text>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
