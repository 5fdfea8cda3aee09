import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from "@fluentui/react-components";
import type { TeamsTheme } from "../platform/teams";

/** The one place where the Teams theme becomes a Fluent theme. */
export const fluentTheme: Record<TeamsTheme, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};
