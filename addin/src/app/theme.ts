import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { OfficeTheme } from "../platform/office";

/** The one place where Outlook's theme becomes a Fluent theme: Outlook itself is drawn with Fluent's web themes. */
export const fluentTheme: Record<OfficeTheme, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
};
