import { devRoutes } from "@tandem/core/dev/routes";
import type { Persona } from "@tandem/core";

/**
 * Local mode only (npm start and tests, in a plain browser): sign in as a person of the demo organisation with a
 * development token from the local api. The tab and the add-in import this behind __TANDEM_LOCAL__, so no
 * production bundle contains it (a test builds one and looks).
 */
const KEY = "tandem.local.persona";

/** The persona the page asks for: `?persona=` first, then the one chosen last time in this browser. */
export function askedPersona(): string | null {
  return new URL(window.location.href).searchParams.get("persona") ?? window.localStorage.getItem(KEY);
}

export function rememberPersona(id: string) {
  window.localStorage.setItem(KEY, id);
}

export interface LocalSignIn {
  personaId: string;
  getToken(): Promise<string>;
}

/**
 * Signs in as the persona at once, and renews the token a minute before it expires. Null when the local api
 * knows no such persona, so the page asks for one. The caller remembers the persona (`rememberPersona`) once its
 * first requests are on their way: the first write to localStorage is slow.
 */
export async function signInLocally(apiUrl: string, personaId: string): Promise<LocalSignIn | null> {
  const fetchToken = async () => {
    const r = await fetch(`${apiUrl}${devRoutes.devToken.path}`, {
      method: devRoutes.devToken.method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ personaId }),
    });
    if (r.status === 404 || r.status === 400) return null;
    if (!r.ok) throw new Error(`no development token (${r.status})`);
    const body = (await r.json()) as { token: string; expiresAt: string };
    return { value: body.token, until: Date.parse(body.expiresAt) };
  };
  let token = await fetchToken();
  if (!token) return null;
  return {
    personaId,
    getToken: async () => {
      if (token && token.until > Date.now() + 60_000) return token.value;
      token = await fetchToken();
      if (!token) throw new Error("the development persona is gone");
      return token.value;
    },
  };
}

/** The demo organisation's people, for the persona switcher. */
export async function listPersonas(apiUrl: string): Promise<Persona[]> {
  const res = await fetch(`${apiUrl}${devRoutes.devPersonas.path}`);
  if (!res.ok) throw new Error(`the local api did not list its personas (${res.status})`);
  return ((await res.json()) as { items: Persona[] }).items;
}
