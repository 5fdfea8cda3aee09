import { useEffect, useMemo, useState } from "react";
import type { Skill } from "@tandem/core";
import type { Call } from "@tandem/ui";
import { useSession } from "./session";
import { useI18n } from "../i18n/i18n";

const cache = new WeakMap<Call, Promise<Skill[]>>();

/** The skill catalogue, loaded once per signed-in session, in the reader's alphabetical order ("Élan" after "E"). */
export function useSkills(): { skills: Skill[]; label(id: string): string } {
  const { call } = useSession();
  const { locale, tag } = useI18n();
  const [skills, setSkills] = useState<Skill[]>([]);
  useEffect(() => {
    let p = cache.get(call);
    if (!p) {
      p = call("listSkills").then((r) => r.data.items);
      cache.set(call, p);
      p.catch(() => cache.delete(call));
    }
    let live = true;
    p.then((s) => live && setSkills(s), () => undefined);
    return () => {
      live = false;
    };
  }, [call]);
  const sorted = useMemo(() => {
    const collator = new Intl.Collator(tag, { sensitivity: "base", numeric: true });
    return [...skills].sort((a, b) => collator.compare(a.label[locale], b.label[locale]));
  }, [skills, locale, tag]);
  return {
    skills: sorted,
    label: (id) => skills.find((s) => s.id === id)?.label[locale] ?? id,
  };
}
