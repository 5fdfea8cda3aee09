import type { HostSession } from "./host";
import { renderShell } from "./renderShell";
import { useShell, type ShellProps, type ShellState } from "./useShell";

/**
 * The page around the tab and the add-in alike: signing in, the host's theme and language, the person's time
 * zone, local mode's persona bar, and why a start failed. Each app gives it its host (`platform`), its i18n and
 * what to show; see ShellProps.
 */
export function WebShell<K extends string, T extends string, H extends HostSession<T>, F>(props: ShellProps<K, T, H, F>) {
  return renderShell(useShell(props) as ShellState);
}
