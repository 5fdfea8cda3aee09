import { Skeleton, SkeletonItem, makeStyles, tokens } from "@fluentui/react-components";
import { useT } from "../i18n/i18n";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalM, paddingBlock: tokens.spacingVerticalL },
  card: { display: "grid", gap: tokens.spacingVerticalS, gridTemplateColumns: "48px 1fr", alignItems: "center" },
});

/** What a view shows while its data loads: the shape of what is coming, announced to screen readers. */
export function ViewSkeleton({ cards = 2 }: { cards?: number }) {
  const styles = useStyles();
  const t = useT();
  return (
    <Skeleton className={styles.root} aria-label={t("common.loading")} aria-busy="true">
      {Array.from({ length: cards }, (_, i) => (
        <div key={i} className={styles.card}>
          <SkeletonItem shape="circle" size={48} />
          <SkeletonItem size={24} />
          <span />
          <SkeletonItem size={16} />
          <span />
          <SkeletonItem size={16} />
        </div>
      ))}
    </Skeleton>
  );
}
