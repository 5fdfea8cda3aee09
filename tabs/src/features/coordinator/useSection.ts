import { useEffect, useState } from "react";
import { hashParts, type View } from "../../app/router";

/**
 * A view's own sections, the hash's second part (the coordinator's area: `#/program/health`): a reload or a shared
 * link opens the same section. An unknown or missing section reads as the first one. Here rather than in the
 * router, so that the first load does not carry it.
 */
export function useSection<S extends string>(view: View, sections: readonly S[]): [S, (s: S) => void] {
  const readSection = (): S => {
    const s = hashParts()[1];
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
