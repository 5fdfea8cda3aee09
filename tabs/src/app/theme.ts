import { teamsLightTheme, type Theme } from "@fluentui/react-components";
import type { TeamsTheme } from "../platform/teams";

/**
 * The one place where the Teams theme becomes a Fluent theme. Teams' light theme ships with the first screen;
 * the dark and high-contrast themes, which Fluent builds when their module is evaluated, load only for those
 * who use them.
 */
const loaded: Partial<Record<TeamsTheme, Theme>> = { default: teamsLightTheme };

/** The Fluent theme for a Teams theme, if it is already loaded. */
export const fluentThemeNow = (name: TeamsTheme): Theme | undefined => loaded[name];

export async function loadFluentTheme(name: TeamsTheme): Promise<Theme> {
  const now = loaded[name];
  if (now) return now;
  const { themes } = await import("./themes-dark");
  Object.assign(loaded, themes);
  return loaded[name] ?? teamsLightTheme;
}
