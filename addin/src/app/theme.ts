import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { Platform } from "@tandem/ui";
import { officeThemes, type OfficeTheme } from "../platform/office";

/**
 * The one place where Outlook's theme becomes a Fluent theme: Outlook itself is drawn with Fluent's web themes;
 * Fluent's one high-contrast theme (Teams') for the system's high contrast, in a chunk of its own, loaded only by
 * those who use it.
 */
const loaded: Partial<Record<OfficeTheme, Theme>> = { light: webLightTheme, dark: webDarkTheme };

/** Outlook as the shell sees it: the light and dark themes come with the pane. */
export const outlook: Platform<OfficeTheme> = {
  name: "outlook",
  themes: officeThemes,
  fluentTheme: {
    now: (name) => loaded[name],
    load: async (name) => (loaded[name] ??= (await import("./theme-contrast")).contrastTheme),
  },
};
