import { useState, type ComponentType } from "react";
import { Badge, Button, Dropdown, Field, Option, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Persona } from "@tandem/core";
import { LanguagePicker, PersonaPicker, askedPersona, listPersonas, rememberPersona, setPageParam, signInLocally } from "@tandem/ui/local";
import type { OfficeTheme, OutlookItem } from "../platform/office";
import { useT, type Locale } from "../i18n/i18n";

/**
 * Local mode only (npm start and tests, in a plain browser): sign in as a person of the demo organisation with a
 * development token, and pretend Outlook opened the pane on a meeting with `?eventId=`. This module is imported
 * behind __TANDEM_LOCAL__, so a production build contains none of it. The same approach as the tab's, compact
 * enough for a task pane.
 */
export interface BarProps {
  theme: OfficeTheme;
  locale: Locale;
  onTheme(t: OfficeTheme): void;
  onLocale(l: Locale): void;
}

export interface LocalMode {
  personaId: string | null;
  theme: OfficeTheme;
  lang: Locale | null;
  /** What Outlook would have given: a meeting when `?eventId=` names one. */
  item: OutlookItem | null;
  getToken(): Promise<string>;
  Bar: ComponentType<BarProps>;
}

const useStyles = makeStyles({
  bar: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  line: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: 0 },
  who: { flexGrow: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  fields: { display: "grid", gap: tokens.spacingVerticalS },
  pair: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: tokens.spacingHorizontalS },
  full: { minWidth: 0, width: "100%" },
});

export async function startLocalMode(apiUrl: string): Promise<LocalMode> {
  const params = new URL(window.location.href).searchParams;
  const asked = askedPersona();
  // Signing in does not wait for the list of personas.
  const [personas, signedIn] = await Promise.all([listPersonas(apiUrl), asked ? signInLocally(apiUrl, asked) : null]);
  const personaId = signedIn?.personaId ?? null;
  if (personaId) rememberPersona(personaId);
  const theme: OfficeTheme = params.get("theme") === "dark" ? "dark" : "light";
  const lang = (["fr", "en"] as const).find((l) => l === params.get("lang")) ?? null;
  const eventId = params.get("eventId");
  const item: OutlookItem | null = eventId
    ? { itemType: "appointment", mode: "read", eventId, categories: [], subject: null, from: null }
    : null;

  const getToken = () => (signedIn ? signedIn.getToken() : Promise.reject(new Error("no persona chosen")));

  function Bar({ theme, locale, onTheme, onLocale }: BarProps) {
    const t = useT();
    const styles = useStyles();
    const current = personas.find((p) => p.id === personaId);
    const [open, setOpen] = useState(!current);
    const label = (p: Persona) => `${p.displayName} · ${p.roles.map((r) => t(`role.${r}`)).join(", ") || "—"}`;
    return (
      <div className={styles.bar} role="region" aria-label={t("local.banner")}>
        <div className={styles.line}>
          <Badge appearance="tint" color="informative">
            {t("local.banner")}
          </Badge>
          <Text className={styles.who} size={200}>
            {current?.displayName ?? t("local.nobody")}
          </Text>
          <Button size="small" appearance="subtle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t("local.change")}
          </Button>
        </div>
        {open && (
          <div className={styles.fields}>
            <PersonaPicker
              personas={personas}
              personaId={personaId}
              describe={label}
              label={t("local.persona")}
              choose={t("local.choosePersona")}
              dropdownClassName={styles.full}
            />
            <div className={styles.pair}>
              <LanguagePicker locale={locale} label={t("local.language")} onLocale={onLocale} dropdownClassName={styles.full} />
              <Field label={t("local.theme")}>
                <Dropdown
                  className={styles.full}
                  value={t(`local.theme.${theme}`)}
                  selectedOptions={[theme]}
                  onOptionSelect={(_, d) => {
                    const next: OfficeTheme = d.optionValue === "dark" ? "dark" : "light";
                    setPageParam("theme", next);
                    onTheme(next);
                  }}
                >
                  {(["light", "dark"] as const).map((x) => (
                    <Option key={x} value={x}>
                      {t(`local.theme.${x}`)}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            </div>
          </div>
        )}
      </div>
    );
  }

  return { personaId, theme, lang, item, getToken, Bar };
}
