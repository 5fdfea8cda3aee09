// The baseline of the tab benchmark: the least a Fluent UI v9 page in Teams' theme does to show one card.
import { createRoot } from "react-dom/client";
import { Card, CardHeader, FluentProvider, Text, teamsLightTheme } from "@fluentui/react-components";

createRoot(document.getElementById("root")!).render(
  <FluentProvider theme={teamsLightTheme}>
    <Card data-first-card>
      <CardHeader header={<Text weight="semibold">A tandem</Text>} />
    </Card>
  </FluentProvider>,
);
