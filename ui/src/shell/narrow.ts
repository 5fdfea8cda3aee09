import { createContext, useContext, useSyncExternalStore } from "react";

/**
 * Whether the page is one narrow column (the add-in's 320 px task pane) rather than a wide tab: notices stack their
 * text under their title, and the local-mode bar folds its choices away.
 */
export const NarrowContext = createContext(false);

// A phone (Teams mobile is 375 px wide) is narrow too, whatever the app says.
const PHONE = "(max-width: 480px)";
const onPhoneChange = (changed: () => void) => {
  if (typeof matchMedia !== "function") return () => undefined;
  const query = matchMedia(PHONE);
  query.addEventListener?.("change", changed);
  return () => query.removeEventListener?.("change", changed);
};
const onPhone = () => typeof matchMedia === "function" && matchMedia(PHONE).matches;

export function useNarrow() {
  const asked = useContext(NarrowContext);
  const phone = useSyncExternalStore(onPhoneChange, onPhone, () => false);
  return asked || phone;
}
