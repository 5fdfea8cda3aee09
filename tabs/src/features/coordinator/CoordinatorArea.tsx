import { Suspense, useMemo } from "react";
import { Tab, TabList, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../../i18n/i18n";
import { useSection } from "./useSection";
import { ViewSkeleton } from "../../components/ViewSkeleton";
import { coordinatorSections } from "./sections";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalM, paddingBlockStart: tokens.spacingVerticalM, minWidth: 0 },
  // Five sections: in a narrow tab they scroll sideways on their own, as the tab's own sections do; the page does not.
  nav: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowX: "auto", minWidth: 0 },
});

/**
 * "Program": the coordinator's area, its sections (sections.ts) side by side, each at `#/program/<section>`.
 * The Shell shows it to coordinators only; the api refuses its data to anyone else.
 */
export default function CoordinatorArea() {
  const s = useStyles();
  const { t } = useI18n();
  const ids = useMemo(() => coordinatorSections.map((x) => x.id), []);
  const [current, go] = useSection("program", ids);
  const section = coordinatorSections.find((x) => x.id === current) ?? coordinatorSections[0]!;
  return (
    <div className={s.root}>
      <Title2 as="h1">{t("program.title")}</Title2>
      {coordinatorSections.length > 1 && (
        <nav className={s.nav} aria-label={t("program.sections")}>
          <TabList size="small" selectedValue={section.id} onTabSelect={(_, d) => go(String(d.value))}>
            {coordinatorSections.map((x) => (
              <Tab key={x.id} value={x.id}>
                {t(x.label)}
              </Tab>
            ))}
          </TabList>
        </nav>
      )}
      <Suspense fallback={<ViewSkeleton />}>
        <section.View />
      </Suspense>
    </div>
  );
}
