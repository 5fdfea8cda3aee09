import { makeStyles, tokens } from "@fluentui/react-components";

export const useJournalStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalXL, paddingBlock: tokens.spacingVerticalM, maxWidth: "960px" },
  header: { display: "grid", gap: tokens.spacingVerticalS, justifyItems: "start" },
  section: { display: "grid", gap: tokens.spacingVerticalM },
  prompts: { display: "grid", gap: tokens.spacingHorizontalL, gridTemplateColumns: "repeat(auto-fit, minmax(280px, 1fr))" },
  card: { display: "grid", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  form: { display: "grid", gap: tokens.spacingVerticalS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  saved: { display: "inline-flex", gap: tokens.spacingHorizontalXS, alignItems: "center" },
  list: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: "none" },
  body: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  benefits: { display: "grid" },
  grow: { flexGrow: 1, minWidth: "10rem" },
  end: { alignSelf: "end" },
});
