import { useEffect, useState } from "react";

export const views = ["home", "sessions", "profile", "training", "journal", "team", "program"] as const;
export type View = (typeof views)[number];

/** The hash's parts: `#/program/health` is ["program", "health"]. */
export const hashParts = () => window.location.hash.replace(/^#\/?/, "").split("/");

const read = (): View => {
  const v = hashParts()[0];
  return (views as readonly string[]).includes(v ?? "") ? (v as View) : "home";
};

/** The current view lives in the URL hash, so a reload or a shared link opens the same view. */
export function useView(): [View, (v: View) => void] {
  const [view, setView] = useState<View>(read);
  useEffect(() => {
    const on = () => setView(read());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return [view, (v) => (window.location.hash = `/${v}`)];
}
