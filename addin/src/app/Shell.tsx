import { useState } from "react";
import { Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { useSession } from "./session";
import { useT } from "../i18n/i18n";
import { BookView } from "../features/booking/BookView";
import { MeetingView } from "../features/meeting/MeetingView";

type View = "book" | "meeting";

const useStyles = makeStyles({
  main: {
    display: "grid",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}`,
    minWidth: 0,
  },
  tabs: { marginInline: `calc(-1 * ${tokens.spacingHorizontalS})` },
  panel: { minWidth: 0 },
  // The pane's title for assistive technology: Outlook already shows "Tandem" above the pane.
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
});

/**
 * One column that fits a 320 px task pane. Opened on a meeting, the pane starts on that meeting and offers
 * booking beside it; otherwise it books.
 */
export function Shell() {
  const styles = useStyles();
  const t = useT();
  const { item } = useSession();
  const meetingId = item?.itemType === "appointment" ? item.eventId : null;
  const [view, setView] = useState<View>(meetingId ? "meeting" : "book");
  const current: View = meetingId ? view : "book";

  return (
    <main className={styles.main}>
      <h1 className={styles.hidden}>{t("nav.label")}</h1>
      {meetingId && (
        <TabList
          className={styles.tabs}
          selectedValue={current}
          onTabSelect={(_, d) => setView(d.value as View)}
          aria-label={t("nav.label")}
          size="small"
        >
          <Tab value="meeting" id="tab-meeting" aria-controls="panel">
            {t("nav.meeting")}
          </Tab>
          <Tab value="book" id="tab-book" aria-controls="panel">
            {t("nav.book")}
          </Tab>
        </TabList>
      )}
      <div
        id="panel"
        className={styles.panel}
        {...(meetingId ? { role: "tabpanel", "aria-labelledby": `tab-${current}` } : {})}
      >
        {current === "meeting" && meetingId ? <MeetingView eventId={meetingId} onBook={() => setView("book")} /> : <BookView />}
      </div>
    </main>
  );
}
