export * from "./aggregate";
export * from "./rows";
export * from "./evaluate";
export * from "./suppression";
export * from "./suggestions";
export * from "./report";
export * from "./csv";
