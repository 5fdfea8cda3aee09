import { Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { TandemView } from "@tandem/core";
import { useI18n } from "../../i18n/i18n";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalXS },
  parts: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "grid", gap: tokens.spacingVerticalXXS },
});

/**
 * Why a published matching run proposed this tandem or circle, beside accept and decline: each pair's score and its
 * parts in words. The api gives a mentee their own pair only, the mentor every pair of a circle.
 */
export default function ProposalWhy({ tandem }: { tandem: TandemView }) {
  const s = useStyles();
  const { t, locale } = useI18n();
  const why = tandem.why ?? [];
  const name = (id: string) => tandem.members.find((m) => m.id === id)?.displayName ?? "";
  const number = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
  return (
    <section className={s.root} aria-labelledby={`why-${tandem.id}`}>
      <Subtitle2 as="h3" id={`why-${tandem.id}`}>
        {t("why.title")}
      </Subtitle2>
      {why.map((pair) => (
        <div key={pair.menteeId} className={s.root}>
          <Text weight="semibold">
            {why.length > 1 ? t("why.pair", { name: name(pair.menteeId), score: number(pair.score) }) : t("why.score", { score: number(pair.score) })}
          </Text>
          <ul className={s.parts}>
            {pair.breakdown.map((p) => (
              <li key={p.part}>
                <Text>{p.words[locale]}</Text>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
