export * from "./sign-in";
export * from "./pickers";
