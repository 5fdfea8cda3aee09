/** Mentor training: short modules a junior completes before mentoring a senior (DESIGN.md, "Mentor training"). */
export const trainingModules = ["listening", "no-jargon", "patience", "show-dont-do", "privacy"] as const;
