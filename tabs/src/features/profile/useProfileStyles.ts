import { makeStyles, tokens } from "@fluentui/react-components";

export const useProfileStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL, paddingBlock: tokens.spacingVerticalM, maxWidth: "820px" },
  header: { display: "grid", gap: tokens.spacingVerticalXS },
  join: { display: "grid", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  form: { display: "grid", gap: tokens.spacingVerticalXL },
  fieldset: { display: "grid", gap: tokens.spacingVerticalS, border: "none", margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
  rows: { display: "grid", gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: "none" },
  row: {
    display: "grid",
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr)) auto",
    alignItems: "end",
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  grid: { display: "grid", gap: tokens.spacingHorizontalL, gridTemplateColumns: "repeat(auto-fit, minmax(240px, 1fr))" },
  checks: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXL },
  groupError: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "center", color: tokens.colorPaletteRedForeground1 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "center" },
  saved: { width: "auto" },
  start: { justifySelf: "start" },
});
