import type { ReactElement, ReactNode } from "react";
import { afterEach } from "vitest";
import { cleanup, render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Theme } from "@fluentui/react-components";
import type { I18n } from "../src/i18n/react";
import { ShellProviders } from "../src/shell/ShellProviders";

/**
 * The component tests' page: a view rendered inside the shell's providers (theme, page width, i18n) as the app
 * renders it, with the session the app's test helpers wrap around it (`wrap`). Each test starts on a clean page.
 */
afterEach(cleanup);

// happy-dom runs Web Animations but cancels them when an element leaves the page, rejecting promises that nobody
// awaits. Without element.animate, Fluent's motion takes the path it keeps for test environments.
Object.defineProperty(Element.prototype, "animate", { value: undefined, configurable: true, writable: true });

export function renderInShell(
  ui: ReactElement,
  options: { theme: Theme; i18n: I18n<string>; narrow?: boolean; wrap(children: ReactNode): ReactElement },
) {
  const user = userEvent.setup();
  const utils = render(
    <ShellProviders theme={options.theme} themeName="test" i18n={options.i18n} narrow={options.narrow}>
      {options.wrap(ui)}
    </ShellProviders>,
  );
  return { user, ...utils };
}

export { fakeApi, type FakeApi, type Handler, type Recorded, type EndpointId } from "./fake-api";
