import { useState } from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { MatchingRunView } from "@tandem/core";
import { useSession } from "../../../app/session";
import { useI18n } from "../../../i18n/i18n";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
});

/**
 * How much of a run is shown, and its next page on demand: GET /matching/runs/{id} answers a page at a time (its
 * `nextLink`), so a run of tens of thousands never arrives at once. `onPage` gets the run with the page appended.
 */
export function MorePages({ run, onPage, onError }: { run: MatchingRunView; onPage(run: MatchingRunView): void; onError(e: unknown): void }) {
  const s = useStyles();
  const { t } = useI18n();
  const { call } = useSession();
  const [busy, setBusy] = useState(false);

  const showMore = async () => {
    if (!run.nextLink) return;
    const next = new URL(run.nextLink, "http://localhost").searchParams;
    setBusy(true);
    try {
      const page = (await call("getMatchingRun", { params: { runId: run.id }, query: { top: Number(next.get("top")), skip: Number(next.get("skip")) } })).data;
      const known = new Set(run.people.map((p) => p.id));
      onPage({
        ...page,
        proposals: [...run.proposals, ...page.proposals],
        unmatched: [...run.unmatched, ...page.unmatched],
        people: [...run.people, ...page.people.filter((p) => !known.has(p.id))],
      });
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const partial = run.nextLink !== null || run.proposals.length < run.totals.proposals || run.unmatched.length < run.totals.unmatched;
  return (
    <>
      {run.notEnrolled > 0 && <Text as="p">{t("matching.notEnrolled", { count: run.notEnrolled })}</Text>}
      {partial && (
        <div className={s.row}>
          <Text role="status">
            {t("matching.shown", {
              proposals: run.proposals.length,
              totalProposals: run.totals.proposals,
              unmatched: run.unmatched.length,
              totalUnmatched: run.totals.unmatched,
            })}
          </Text>
          {run.nextLink && (
            <Button disabled={busy} onClick={() => void showMore()}>
              {t("matching.more")}
            </Button>
          )}
        </div>
      )}
    </>
  );
}
