// Signing in and the first screen's requests start here, before the app's code is evaluated: evaluating React
// and Fluent UI is one long task, during which the answers could not be handled. The page preloads the app's
// chunks (vite.config.ts), so importing them here adds no round trip.
import "./app/boot";

import("./app/root").catch(() => {
  // Nothing of the app could load (a dropped connection, a deployment in between): say so, in the page's words.
  const fr = navigator.language.toLowerCase().startsWith("fr");
  const root = document.getElementById("root")!;
  root.setAttribute("role", "alert");
  root.textContent = fr ? "Tandem n’a pas pu se charger. Rechargez la page." : "Tandem could not load. Reload the page.";
});
