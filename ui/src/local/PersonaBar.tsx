import { useMemo, useState, type ComponentType } from "react";
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Persona } from "@tandem/core";
import { createTranslator, type Locale } from "../i18n/i18n";
import { useUiI18n } from "../i18n/react";
import { useNarrow } from "../shell/narrow";
import { localMessages } from "./messages";
import { LanguagePicker, PersonaPicker, ThemePicker } from "./pickers";
import { listPersonas } from "./sign-in";

/**
 * Local mode only (npm start and tests, in a plain browser): the bar to sign in as another person of the demo
 * organisation and to switch language and theme. The shell imports this module behind __TANDEM_LOCAL__, so a
 * production build contains none of it. Along the top of a wide tab; in a narrow task pane, one line that unfolds.
 */
export interface BarProps<T extends string> {
  themes: readonly T[];
  theme: T;
  locale: Locale;
  onTheme(theme: T): void;
  onLocale(locale: Locale): void;
}

const useStyles = makeStyles({
  bar: { backgroundColor: tokens.colorNeutralBackground3, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  wide: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "end",
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
  },
  narrow: { display: "grid", gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  persona: { minWidth: "min(320px, 100%)" },
  badge: { alignSelf: "center" },
  line: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: 0 },
  who: { flexGrow: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  fields: { display: "grid", gap: tokens.spacingVerticalS },
  pair: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: tokens.spacingHorizontalS },
  full: { minWidth: 0, width: "100%" },
});

/** Loads the demo organisation's people, then gives the bar that lists them. */
export async function loadPersonaBar<T extends string>(apiUrl: string, personaId: string | null): Promise<ComponentType<BarProps<T>>> {
  const personas = await listPersonas(apiUrl);
  return function Bar(props: BarProps<T>) {
    return <PersonaBar {...props} personas={personas} personaId={personaId} />;
  };
}

export function PersonaBar<T extends string>(props: BarProps<T> & { personas: Persona[]; personaId: string | null }) {
  const styles = useStyles();
  const narrow = useNarrow();
  const { t, locale, tag } = useUiI18n();
  const local = useMemo(() => createTranslator(localMessages[locale], localMessages.en, tag), [locale, tag]);
  const current = props.personas.find((p) => p.id === props.personaId);
  const [open, setOpen] = useState(!current);
  const full = narrow ? styles.full : undefined;

  const persona = (
    <PersonaPicker
      personas={props.personas}
      personaId={props.personaId}
      describe={(p) => `${p.displayName} · ${p.roles.map((r) => t(`role.${r}`)).join(", ") || "—"}`}
      label={local("local.persona")}
      choose={local("local.choosePersona")}
      className={narrow ? undefined : styles.persona}
      dropdownClassName={full}
    />
  );
  const choices = (
    <>
      <LanguagePicker locale={props.locale} label={local("local.language")} onLocale={props.onLocale} dropdownClassName={full} />
      <ThemePicker
        themes={props.themes}
        theme={props.theme}
        label={local("local.theme")}
        describe={(x) => local(`local.theme.${x}` as keyof typeof localMessages.en)}
        onTheme={props.onTheme}
        dropdownClassName={full}
      />
    </>
  );
  const badge = (
    <Badge className={narrow ? undefined : styles.badge} appearance="tint" color="informative">
      {local("local.banner")}
    </Badge>
  );

  return (
    <div className={mergeClasses(styles.bar, narrow ? styles.narrow : styles.wide)} role="region" aria-label={local("local.banner")}>
      {narrow ? (
        <>
          <div className={styles.line}>
            {badge}
            <Text className={styles.who} size={200}>
              {current?.displayName ?? local("local.nobody")}
            </Text>
            <Button size="small" appearance="subtle" aria-expanded={open} onClick={() => setOpen(!open)}>
              {local("local.change")}
            </Button>
          </div>
          {open && (
            <div className={styles.fields}>
              {persona}
              <div className={styles.pair}>{choices}</div>
            </div>
          )}
        </>
      ) : (
        <>
          {badge}
          {persona}
          {choices}
        </>
      )}
    </div>
  );
}
