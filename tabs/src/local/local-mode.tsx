import { Badge, Dropdown, Field, Option, makeStyles, tokens } from "@fluentui/react-components";
import type { Persona } from "@tandem/core";
import { LanguagePicker, PersonaPicker, listPersonas, setPageParam } from "@tandem/ui/local";
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
    const label = (p: Persona) => `${p.displayName} · ${p.roles.map((r) => t(`role.${r}`)).join(", ") || "—"}`;
    return (
      <div className={styles.bar} role="region" aria-label={t("local.banner")}>
        <Badge className={styles.badge} appearance="tint" color="informative">
          {t("local.banner")}
        </Badge>
        <PersonaPicker
          personas={personas}
          personaId={personaId}
          describe={label}
          label={t("local.persona")}
          choose={t("local.choosePersona")}
          className={styles.persona}
        />
        <LanguagePicker locale={locale} label={t("local.language")} onLocale={onLocale} />
        <Field label={t("local.theme")}>
          <Dropdown
            value={t(`local.theme.${theme}`)}
            selectedOptions={[theme]}
            onOptionSelect={(_, d) => {
              const next = (d.optionValue ?? "default") as TeamsTheme;
              setPageParam("theme", next);
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
