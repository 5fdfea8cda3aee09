import { teamsDarkTheme, teamsHighContrastTheme } from "@fluentui/react-components";

/** Teams' dark and high-contrast themes, in a chunk of their own (theme.ts loads it when one is asked for). */
export const themes = { dark: teamsDarkTheme, contrast: teamsHighContrastTheme };
