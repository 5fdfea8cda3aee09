import { Dropdown, Field, Option } from "@fluentui/react-components";
import type { Persona } from "@tandem/core";
import type { Locale } from "../i18n/i18n";
import { setPageParam } from "./page";
import { rememberPersona } from "./sign-in";

// The choices of the local-mode bar (PersonaBar.tsx). Each goes into the page's address, so that a reload or a
// copied link keeps it.

/** Signing in as another person of the demo organisation: the page reloads as them. */
export function PersonaPicker(props: {
  personas: Persona[];
  personaId: string | null;
  /** How a persona reads in the list: name and roles, in the page's language. */
  describe(p: Persona): string;
  label: string;
  /** Said when nobody is signed in yet. */
  choose: string;
  className?: string;
  dropdownClassName?: string;
}) {
  const current = props.personas.find((p) => p.id === props.personaId);
  return (
    <Field label={props.label} hint={current ? undefined : props.choose} className={props.className}>
      <Dropdown
        className={props.dropdownClassName}
        value={current ? props.describe(current) : ""}
        selectedOptions={props.personaId ? [props.personaId] : []}
        onOptionSelect={(_, d) => {
          if (!d.optionValue || d.optionValue === props.personaId) return;
          rememberPersona(d.optionValue);
          setPageParam("persona", d.optionValue);
          window.location.reload();
        }}
      >
        {props.personas.map((p) => (
          <Option key={p.id} value={p.id} text={props.describe(p)}>
            {props.describe(p)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** The page's language, each named in itself. */
export function LanguagePicker(props: { locale: Locale; label: string; onLocale(l: Locale): void; dropdownClassName?: string }) {
  return (
    <Field label={props.label}>
      <Dropdown
        className={props.dropdownClassName}
        value={props.locale === "fr" ? "Français" : "English"}
        selectedOptions={[props.locale]}
        onOptionSelect={(_, d) => {
          const l = d.optionValue === "fr" ? "fr" : "en";
          setPageParam("lang", l);
          props.onLocale(l);
        }}
      >
        <Option value="en">English</Option>
        <Option value="fr">Français</Option>
      </Dropdown>
    </Field>
  );
}

/** The host's themes, as local mode lets a developer try each. */
export function ThemePicker<T extends string>(props: {
  themes: readonly T[];
  theme: T;
  label: string;
  describe(theme: T): string;
  onTheme(theme: T): void;
  dropdownClassName?: string;
}) {
  return (
    <Field label={props.label}>
      <Dropdown
        className={props.dropdownClassName}
        value={props.describe(props.theme)}
        selectedOptions={[props.theme]}
        onOptionSelect={(_, d) => {
          const next = props.themes.find((x) => x === d.optionValue) ?? props.themes[0];
          if (!next) return;
          setPageParam("theme", next);
          props.onTheme(next);
        }}
      >
        {props.themes.map((x) => (
          <Option key={x} value={x}>
            {props.describe(x)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
