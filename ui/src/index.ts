// The api: a typed client, data loading for views.
export * from "./api/api-client";
export * from "./api/settling";
export * from "./api/use-resource";
// Words and formats.
export * from "./i18n/i18n";
export * from "./i18n/react";
export * from "./i18n/messages";
export * from "./i18n/distinct";
// Forms and errors, told alike everywhere.
export * from "./forms/field-errors";
export * from "./forms/use-submit";
export * from "./errors/error-kind";
export * from "./errors/ErrorNotice";
// The check-in, asked alike in the tab and the add-in.
export * from "./check-in/messages";
export * from "./check-in/use-my-check-in";
export * from "./check-in/CheckInFields";
// The web shell: signing in, the host's theme and language, the page around the app.
export * from "./shell/api-url";
export * from "./shell/host";
export * from "./shell/boot";
export * from "./shell/look";
export * from "./shell/session";
export * from "./shell/narrow";
export * from "./shell/ShellProviders";
export * from "./shell/WebShell";
