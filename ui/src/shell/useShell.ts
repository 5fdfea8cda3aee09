import { useEffect, useMemo, useState, type ComponentType, type ReactNode } from "react";
import type { Theme } from "@fluentui/react-components";
import type { Me } from "@tandem/core";
import type { Settling } from "../api/settling";
import type { Locale } from "../i18n/i18n";
import type { I18n, UiMessageKey } from "../i18n/react";
import type { BarProps } from "../local/PersonaBar";
import { apiUrl } from "./api-url";
import type { Started } from "./boot";
import { bootFailureText } from "./failure";
import type { HostSession, Platform } from "./host";
import { initialLook, tagFor } from "./look";
import type { SignedIn } from "./session";

export interface ShellProps<K extends string, T extends string, H extends HostSession<T>, F> {
  /** Signing in, begun before React renders (`startSignIn`). */
  started: Settling<Started<H, F>>;
  platform: Platform<T>;
  /** The app's i18n (`bindI18n`): its catalogs hold the shell's words. */
  createI18n(tag: string, timeZone: string): I18n<K>;
  /** Shown while signing in. */
  starting: ReactNode;
  /** The app, once signed in. */
  children(signedIn: SignedIn<H, F>): ReactNode;
  /** Words for failures only the app knows (Office's sign-in codes); the shell words the others. */
  describeFailure?(error: unknown, i18n: I18n<K>): string | undefined;
  /** One narrow column (a task pane) rather than a wide tab. */
  narrow?: boolean;
}

type SignedInStart<H, F> = Extract<Started<H, F>, { state: "signed-in" }>;
type Boot<H, F> =
  | { state: "starting" }
  | { state: "signed-in"; start: SignedInStart<H, F>; me: Me }
  | { state: "choose-persona" }
  | { state: "failed"; error: unknown; local: boolean };

/** What signing in already has when React first renders: often everything the first screen needs. */
function bootNow<H, F>(started: Settling<Started<H, F>>): Boot<H, F> {
  const start = started.value;
  if (start?.state === "signed-in") return start.me.value ? { state: "signed-in", start, me: start.me.value } : { state: "starting" };
  return start ?? { state: "starting" };
}

/** Local mode: the page signs in as a persona of the demo organisation, and shows the bar to pick another. */
const isLocal = (boot: Boot<unknown, unknown>) =>
  __TANDEM_LOCAL__ &&
  (boot.state === "choose-persona" || (boot.state === "signed-in" && boot.start.host === null) || (boot.state === "failed" && boot.local));

/**
 * The shell's state: signing in (the boot states), the host's theme and language (followed live where the host
 * changes them), the person's time zone, and local mode's persona bar, loaded once the first screen is on its way
 * (it is not part of the product).
 */
export function useShell<K extends string, T extends string, H extends HostSession<T>, F>(props: ShellProps<K, T, H, F>) {
  const { started, platform } = props;
  const [look] = useState(() => initialLook(started, platform.themes));
  const [theme, setTheme] = useState<T>(look.theme);
  // The theme on screen: the one asked for once it has loaded (the first one is always there).
  const [shown, setShown] = useState<{ name: T; value: Theme }>(() => ({
    name: theme,
    value: platform.fluentTheme.now(theme) ?? platform.fluentTheme.now(platform.themes[0])!,
  }));
  const [tag, setTag] = useState(look.tag);
  const [boot, setBoot] = useState<Boot<H, F>>(() => bootNow(started));
  const [Bar, setBar] = useState<ComponentType<BarProps<T>> | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const start = await started.promise;
      if (!live) return;
      if (start.state !== "signed-in") return setBoot(start);
      if (start.host) {
        const host = start.host;
        setTheme(host.theme);
        setTag(host.locale);
        host.onThemeChange?.(setTheme);
      }
      const me = await start.me.promise;
      if (live) setBoot((b) => (b.state === "signed-in" ? b : { state: "signed-in", start, me }));
    })().catch(
      (error: unknown) => live && setBoot({ state: "failed", error, local: started.value?.state === "signed-in" && !started.value.host }),
    );
    return () => {
      live = false;
    };
  }, [started]);

  useEffect(() => {
    let live = true;
    // Should the theme's chunk not load, the page keeps the theme it shows.
    platform.fluentTheme.load(theme).then((value) => live && setShown({ name: theme, value }), () => undefined);
    return () => {
      live = false;
    };
  }, [platform, theme]);

  const start = boot.state === "signed-in" ? boot.start : null;
  const me = boot.state === "signed-in" ? boot.me : null;
  const signedIn = useMemo<SignedIn<H, F> | null>(
    () =>
      start &&
      me && {
        call: start.call,
        me,
        host: start.host,
        personaId: start.personaId,
        first: start.first,
        refreshMe: async () => {
          const fresh = (await start.call("getMe")).data;
          setBoot((b) => (b.state === "signed-in" ? { ...b, me: fresh } : b));
        },
      },
    [start, me],
  );

  const local = isLocal(boot);
  const personaId = start?.personaId ?? null;
  useEffect(() => {
    if (!__TANDEM_LOCAL__ || !local) return;
    let live = true;
    import("../local/PersonaBar")
      .then(({ loadPersonaBar }) => loadPersonaBar<T>(apiUrl(), personaId))
      .then((bar) => live && setBar(() => bar))
      // Without the list nobody can be chosen; a signed-in page goes on without its switcher.
      .catch((error: unknown) => live && setBoot((b) => (b.state === "choose-persona" ? { state: "failed", error, local: true } : b)));
    return () => {
      live = false;
    };
  }, [local, personaId]);

  // Asking Intl for the browser's zone loads locale data (tens of milliseconds): only once someone is signed in.
  const timeZone = me ? (me.profile?.timeZone ?? me.directory?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone) : "UTC";
  const i18n = useMemo(() => props.createI18n(tag, timeZone), [props.createI18n, tag, timeZone]);
  useEffect(() => {
    document.documentElement.lang = i18n.locale;
  }, [i18n.locale]);

  const failure = (error: unknown) =>
    // The app's catalogs hold the shell's words: bindI18n requires it.
    props.describeFailure?.(error, i18n) ?? bootFailureText(error, i18n as I18n<UiMessageKey>);
  const content =
    boot.state === "starting"
      ? ({ state: "starting", node: props.starting } as const)
      : signedIn
        ? ({ state: "signed-in", node: props.children(signedIn) } as const)
        : boot.state === "failed"
          ? ({ state: "failed", text: failure(boot.error) } as const)
          : ({ state: "none" } as const);

  return {
    shown,
    i18n,
    narrow: props.narrow ?? false,
    /** The root's `data-in-<host>`: whether the page runs inside its host. */
    inHost: { [`data-in-${platform.name}`]: String(start?.host != null) } as Record<`data-${string}`, string>,
    content,
    /** Local mode's bar, once loaded, with what it switches. */
    bar: Bar && {
      Bar,
      props: {
        themes: platform.themes,
        theme,
        locale: i18n.locale,
        onTheme: setTheme,
        onLocale: (l: Locale) => setTag(tagFor(l)),
      } satisfies BarProps<T>,
    },
  };
}

export type ShellState = ReturnType<typeof useShell<string, string, HostSession, unknown>>;
