import type { ReactNode } from "react";
import { FluentProvider, type Theme } from "@fluentui/react-components";
import { I18nProvider, type I18n } from "../i18n/react";
import { NarrowContext, useNarrow } from "./narrow";
import { useShellStyles } from "./useShellStyles";

/**
 * What every view renders inside: the Fluent theme, the page's colours, its width and its i18n. The shell renders
 * the app in it, and the component tests each view.
 */
export function ShellProviders(props: {
  theme: Theme;
  /** The host's name for the theme, on the root (`data-theme`). */
  themeName: string;
  i18n: I18n<string>;
  narrow?: boolean;
  /** More attributes for the root, such as `data-in-teams`. */
  attributes?: Record<`data-${string}`, string>;
  children: ReactNode;
}) {
  const styles = useShellStyles();
  return (
    // Page styles sit on an inner element: Fluent copies the provider's classes onto every portal (menus,
    // dialogs), which would then cover the page.
    <FluentProvider theme={props.theme} data-theme={props.themeName} {...props.attributes}>
      <NarrowContext.Provider value={props.narrow ?? false}>
        <div className={styles.page}>
          <I18nProvider value={props.i18n}>{props.children}</I18nProvider>
        </div>
      </NarrowContext.Provider>
    </FluentProvider>
  );
}

/** Room around a notice shown instead of the app (signing in, or why it failed). */
export function ShellNotice({ children }: { children: ReactNode }) {
  const styles = useShellStyles();
  return <div className={useNarrow() ? styles.noticeNarrow : styles.notice}>{children}</div>;
}
