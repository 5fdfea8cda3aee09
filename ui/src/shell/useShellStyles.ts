import { makeStyles, tokens } from "@fluentui/react-components";

/** The page around the app: its colours, and the room around a notice shown instead of the app. */
export const useShellStyles = makeStyles({
  page: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  notice: { padding: tokens.spacingHorizontalL },
  noticeNarrow: { padding: tokens.spacingHorizontalM },
});
