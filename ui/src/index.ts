export * from "./api-client";
export * from "./use-resource";
export * from "./settling";
export * from "./field-errors";
export * from "./i18n";
export * from "./i18n-react";
export * from "./errors";
export * from "./check-in";
