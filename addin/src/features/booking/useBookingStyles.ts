import { makeStyles, tokens } from "@fluentui/react-components";

export const useBookingStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL, minWidth: 0 },
  section: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
  window: { display: "grid", gridTemplateColumns: "minmax(0, 3fr) minmax(0, 2fr)", gap: tokens.spacingHorizontalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  slots: { display: "grid", gap: tokens.spacingVerticalXS },
  slot: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  slotLabel: { display: "grid", gap: "2px", overflowWrap: "anywhere" },
  slotDay: { fontWeight: tokens.fontWeightSemibold },
  slotOther: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  slotWarn: { color: tokens.colorPaletteMarigoldForeground2, fontSize: tokens.fontSizeBase200 },
  agenda: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "grid", gap: tokens.spacingVerticalXS },
  done: { display: "grid", gap: tokens.spacingVerticalM },
  fullWidth: { width: "100%" },
});
