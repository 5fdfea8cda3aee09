import { teamsHighContrastTheme } from "@fluentui/react-components";

/** Fluent's high-contrast theme, in a chunk of its own (theme.ts loads it when the system asks for high contrast). */
export const contrastTheme = teamsHighContrastTheme;
