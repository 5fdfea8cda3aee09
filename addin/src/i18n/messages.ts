/**
 * A feature's messages: English is the source, French must have exactly the same keys.
 * `defineMessages({ en: {...}, fr: {...} })` fails to compile when a key is missing on either side.
 */
export function defineMessages<const E extends Record<string, string>>(m: { en: E; fr: { [K in keyof E]: string } }) {
  return m;
}
