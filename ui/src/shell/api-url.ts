/**
 * The api's base URL, ending with /api: the one the build was given. Local builds let the page name its api
 * (`?api=`), so one build serves tests that start an api per file.
 */
export const apiUrl = (): string =>
  (__TANDEM_LOCAL__ && new URL(window.location.href).searchParams.get("api")) ||
  (import.meta.env.VITE_API_URL ?? "http://localhost:7071/api");
