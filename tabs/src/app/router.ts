import { useEffect, useState } from "react";

export const views = ["home", "sessions", "profile", "training", "journal", "team", "program"] as const;
export type View = (typeof views)[number];

const parts = () => window.location.hash.replace(/^#\/?/, "").split("/");

const read = (): View => {
  const v = parts()[0];
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

/**
 * A view's own sections (the coordinator's area: `#/program/health`), the hash's second part: a reload or a shared
 * link opens the same section. An unknown or missing section reads as the first one.
 */
export function useSection<S extends string>(view: View, sections: readonly S[]): [S, (s: S) => void] {
  const readSection = (): S => {
    const s = parts()[1];
    return (sections as readonly string[]).includes(s ?? "") ? (s as S) : sections[0]!;
  };
  const [section, setSection] = useState<S>(readSection);
  useEffect(() => {
    const on = () => setSection(readSection());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sections]);
  return [section, (s) => (window.location.hash = `/${view}/${s}`)];
}
