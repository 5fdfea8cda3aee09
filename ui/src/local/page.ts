import type { Locale } from "../i18n/i18n";

/**
 * What a local page's address asks for: `?theme=` (one of the host's themes) and `?lang=`. The local-mode bar
 * writes its choices there (`setPageParam`), so a reload or a copied link keeps them. Without `?theme=`, the
 * system's high contrast (forced colors) picks the host's "contrast" theme, as the hosts do.
 */
export function askedLook<T extends string>(themes: readonly [T, ...T[]]): { theme: T; lang: Locale | null } {
  const params = new URL(window.location.href).searchParams;
  return {
    theme: themes.find((t) => t === params.get("theme")) ?? (forcedColors() ? themes.find((t) => t === "contrast") : undefined) ?? themes[0],
    lang: (["fr", "en"] as const).find((l) => l === params.get("lang")) ?? null,
  };
}

const forcedColors = () => typeof matchMedia === "function" && matchMedia("(forced-colors: active)").matches;

export function setPageParam(name: string, value: string) {
  const url = new URL(window.location.href);
  url.searchParams.set(name, value);
  // Office.js replaces history.replaceState with null on load; the prototype's method is intact.
  History.prototype.replaceState.call(window.history, null, "", url);
}
