import { createContext, useContext } from "react";

/**
 * Whether the page is one narrow column (the add-in's 320 px task pane) rather than a wide tab: notices stack their
 * text under their title, and the local-mode bar folds its choices away.
 */
export const NarrowContext = createContext(false);

export const useNarrow = () => useContext(NarrowContext);
