import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { ShellNotice, ShellProviders } from "./ShellProviders";
import type { ShellState } from "./useShell";

/** The shell as the person sees it, from its state alone: the bar of local mode, then the app or a notice. */
export function renderShell(state: ShellState) {
  const { content, bar } = state;
  return (
    <ShellProviders theme={state.shown.value} themeName={state.shown.name} i18n={state.i18n} narrow={state.narrow} attributes={state.inHost}>
      {bar && <bar.Bar {...bar.props} />}
      {content.state === "starting" || content.state === "signed-in" ? content.node : null}
      {content.state === "failed" && (
        <ShellNotice>
          <MessageBar intent="error" role="alert" {...(state.narrow ? { layout: "multiline" as const } : {})}>
            <MessageBarBody>{content.text}</MessageBarBody>
          </MessageBar>
        </ShellNotice>
      )}
    </ShellProviders>
  );
}
