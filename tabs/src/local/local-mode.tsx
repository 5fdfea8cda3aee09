import { Badge, Dropdown, Field, Option, makeStyles, tokens } from "@fluentui/react-components";
import type { Persona } from "@tandem/core";
import { devApi } from "@tandem/core/dev";
import type { ComponentType } from "react";
import type { TeamsTheme } from "../platform/teams";
import { useT, type Locale } from "../i18n/i18n";

/**
 * Local mode only (npm start, outside Teams): sign in as a person of the demo organisation with a development
 * token. This module is imported behind __TANDEM_LOCAL__, so a production build contains none of it.
 */
export interface BarProps {
  theme: TeamsTheme;
  locale: Locale;
  onTheme(t: TeamsTheme): void;
  onLocale(l: Locale): void;
}

export interface LocalMode {
  personaId: string | null;
  theme: TeamsTheme;
  lang: Locale | null;
  getToken(): Promise<string>;
  Bar: ComponentType<BarProps>;
}

const KEY = "tandem.local.persona";

function setParam(name: string, value: string) {
  const url = new URL(window.location.href);
  url.searchParams.set(name, value);
  window.history.replaceState(null, "", url);
}

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "end",
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  persona: { minWidth: "min(320px, 100%)" },
  badge: { alignSelf: "center" },
});

export async function startLocalMode(apiUrl: string): Promise<LocalMode> {
  const params = new URL(window.location.href).searchParams;
  const asked = params.get("persona") ?? window.localStorage.getItem(KEY);
  const signIn = async (id: string) => {
    const r = await fetch(`${apiUrl}${devApi.devToken.path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ personaId: id }),
    });
    if (!r.ok) throw new Error(`no development token (${r.status})`);
    return devApi.devToken.response.parse(await r.json());
  };
  // The token and the persona list are fetched at once: signing in does not wait for the list.
  const early = asked ? signIn(asked).catch(() => null) : Promise.resolve(null);
  const res = await fetch(`${apiUrl}${devApi.devPersonas.path}`);
  if (!res.ok) throw new Error(`the local api did not list its personas (${res.status})`);
  const personas = devApi.devPersonas.response.parse(await res.json()).items;
  const personaId = personas.some((p) => p.id === asked) ? asked : null;
  if (personaId) window.localStorage.setItem(KEY, personaId);
  const theme = (["default", "dark", "contrast"] as const).find((t) => t === params.get("theme")) ?? "default";
  const lang = (["fr", "en"] as const).find((l) => l === params.get("lang")) ?? null;

  const first = personaId ? await early : null;
  let token: { value: string; until: number } | null = first && { value: first.token, until: Date.parse(first.expiresAt) };
  const getToken = async () => {
    if (token && token.until > Date.now() + 60_000) return token.value;
    const body = await signIn(personaId!);
    token = { value: body.token, until: Date.parse(body.expiresAt) };
    return token.value;
  };

  function Bar({ theme, locale, onTheme, onLocale }: BarProps) {
    const t = useT();
    const styles = useStyles();
    const current = personas.find((p) => p.id === personaId);
    const label = (p: Persona) => `${p.displayName} · ${p.roles.map((r) => t(`role.${r}`)).join(", ") || "—"}`;
    return (
      <div className={styles.bar} role="region" aria-label={t("local.banner")}>
        <Badge className={styles.badge} appearance="tint" color="informative">
          {t("local.banner")}
        </Badge>
        <Field label={t("local.persona")} hint={current ? undefined : t("local.choosePersona")} className={styles.persona}>
          <Dropdown
            value={current ? label(current) : ""}
            selectedOptions={personaId ? [personaId] : []}
            onOptionSelect={(_, d) => {
              if (!d.optionValue || d.optionValue === personaId) return;
              window.localStorage.setItem(KEY, d.optionValue);
              setParam("persona", d.optionValue);
              window.location.reload();
            }}
          >
            {personas.map((p) => (
              <Option key={p.id} value={p.id} text={label(p)}>
                {label(p)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={t("local.language")}>
          <Dropdown
            value={locale === "fr" ? "Français" : "English"}
            selectedOptions={[locale]}
            onOptionSelect={(_, d) => {
              const l = d.optionValue === "fr" ? "fr" : "en";
              setParam("lang", l);
              onLocale(l);
            }}
          >
            <Option value="en">English</Option>
            <Option value="fr">Français</Option>
          </Dropdown>
        </Field>
        <Field label={t("local.theme")}>
          <Dropdown
            value={t(`local.theme.${theme}`)}
            selectedOptions={[theme]}
            onOptionSelect={(_, d) => {
              const next = (d.optionValue ?? "default") as TeamsTheme;
              setParam("theme", next);
              onTheme(next);
            }}
          >
            {(["default", "dark", "contrast"] as const).map((x) => (
              <Option key={x} value={x}>
                {t(`local.theme.${x}`)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
    );
  }

  return { personaId, theme, lang, getToken, Bar };
}
