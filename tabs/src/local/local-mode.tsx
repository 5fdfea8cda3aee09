import { Badge, Dropdown, Field, Option, makeStyles, tokens } from "@fluentui/react-components";
import type { Persona } from "@tandem/core";
import { listPersonas, rememberPersona } from "@tandem/ui/local";
import type { ComponentType } from "react";
import type { TeamsTheme } from "../platform/teams";
import { useT, type Locale } from "../i18n/i18n";

/**
 * Local mode only (npm start, outside Teams): the bar to sign in as another person of the demo organisation and
 * to switch language and theme. This module is imported behind __TANDEM_LOCAL__, so a production build contains
 * none of it.
 */
export interface BarProps {
  theme: TeamsTheme;
  locale: Locale;
  onTheme(t: TeamsTheme): void;
  onLocale(l: Locale): void;
}

/** What the person chose goes into the address, so a reload (or a copied link) keeps it. */
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

/**
 * The persona switcher, with the language and theme switches: loaded after the first screen (boot.ts signs in
 * from the address or the last choice), or at once when nobody is signed in yet.
 */
export async function loadPersonaBar(apiUrl: string, personaId: string | null): Promise<ComponentType<BarProps>> {
  const personas = await listPersonas(apiUrl);

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
              rememberPersona(d.optionValue);
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

  return Bar;
}
