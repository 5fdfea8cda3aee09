// A second baseline of the tab benchmark: the least a Fluent UI v9 page does to show a real tandem. Its page signs
// in as the tab does in local mode and fetches /tandems before any script arrives (signed-in.html); this shows the
// first tandem's mentor in a card. Next to the bare card, it tells what signing in and fetching cost on this
// machine; next to the tab, what the app costs beyond them.
import { createRoot } from "react-dom/client";
import { Card, CardHeader, FluentProvider, Text, teamsLightTheme } from "@fluentui/react-components";
import type { TandemView } from "@tandem/core";

const { firstTandems } = window as unknown as { firstTandems: Promise<{ items: TandemView[] }> };

void firstTandems.then(({ items: [tandem] }) =>
  createRoot(document.getElementById("root")!).render(
    <FluentProvider theme={teamsLightTheme}>
      <Card data-first-card>
        <CardHeader header={<Text weight="semibold">{tandem!.members.find((m) => m.role === "mentor")!.displayName}</Text>} />
      </Card>
    </FluentProvider>,
  ),
);
