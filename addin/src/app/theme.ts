import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { Platform } from "@tandem/ui";
import { officeThemes, type OfficeTheme } from "../platform/office";

/** The one place where Outlook's theme becomes a Fluent theme: Outlook itself is drawn with Fluent's web themes. */
export const fluentTheme: Record<OfficeTheme, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
};

/** Outlook as the shell sees it: both themes come with the pane. */
export const outlook: Platform<OfficeTheme> = {
  name: "outlook",
  themes: officeThemes,
  fluentTheme: { now: (name) => fluentTheme[name], load: async (name) => fluentTheme[name] },
};
