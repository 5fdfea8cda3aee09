import { Suspense } from "react";
import { makeStyles, Tab, TabList, tokens } from "@fluentui/react-components";
import { lazyView, reportMessages, useT } from "../i18n/i18n";
import { useSession } from "./session";
import { useView, type View } from "./router";
import { HomeView } from "../features/home/HomeView";
import { ViewSkeleton } from "../components/ViewSkeleton";

const SessionsView = lazyView(() => import("../features/sessions/SessionsView"));
const ProfileView = lazyView(() => import("../features/profile/ProfileView"));
const TrainingView = lazyView(() => import("../features/training/TrainingView"));
const JournalView = lazyView(() => import("../features/journal/JournalView"));
// The reports' views come in chunks of their own, with their strings, when opened: a participant never loads them.
const TeamView = lazyView(() => import("../features/reports/TeamView"), reportMessages);
const CoordinatorArea = lazyView(() => import("../features/coordinator/CoordinatorArea"), reportMessages);

const useStyles = makeStyles({
  nav: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    // A manager who coordinates and mentors has seven sections: on a phone they wrap onto a second line, in sight,
    // and the page never scrolls sideways.
    overflowX: "auto",
  },
  tabs: { flexWrap: "wrap" },
  main: {
    padding: tokens.spacingHorizontalL,
    maxWidth: "1100px",
    marginInline: "auto",
  },
});

/** Navigation that fits a Teams personal tab: sections as tabs along the top. */
export function Shell() {
  const t = useT();
  const styles = useStyles();
  const { me } = useSession();
  const [view, go] = useView();
  const mentor = me.roles.includes("mentor");
  // A manager (someone with reports in the synced directory, as /me says) sees their team; a coordinator (the
  // Entra app role) the program. The api refuses both reports to anyone else.
  const manager = me.roles.includes("manager");
  const coordinator = me.roles.includes("coordinator");
  const shown: View[] = [
    "home",
    "sessions",
    "profile",
    ...(mentor ? (["training"] as const) : []),
    "journal",
    ...(manager ? (["team"] as const) : []),
    ...(coordinator ? (["program"] as const) : []),
  ];
  const current = shown.includes(view) ? view : "home";
  return (
    <>
      <nav className={styles.nav} aria-label={t("nav.label")}>
        <TabList className={styles.tabs} selectedValue={current} onTabSelect={(_, d) => go(d.value as View)}>
          {shown.map((v) => (
            <Tab key={v} value={v}>
              {t(`nav.${v}`)}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        <Suspense fallback={<ViewSkeleton />}>
          {current === "home" && <HomeView />}
          {current === "sessions" && <SessionsView />}
          {current === "profile" && <ProfileView />}
          {current === "training" && <TrainingView />}
          {current === "journal" && <JournalView />}
          {current === "team" && <TeamView />}
          {current === "program" && <CoordinatorArea />}
        </Suspense>
      </main>
    </>
  );
}
