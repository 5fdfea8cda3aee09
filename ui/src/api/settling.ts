/**
 * A promise that also tells, synchronously, what it resolved to: a view can render data that arrived before it
 * mounted in its first render, instead of rendering "loading" and then the data.
 */
export interface Settling<T> {
  promise: Promise<T>;
  /** The value, once the promise has resolved. */
  value?: T;
  ready: boolean;
}

export function settling<T>(promise: Promise<T>): Settling<T> {
  const s: Settling<T> = { promise, ready: false };
  promise.then(
    (value) => {
      s.value = value;
      s.ready = true;
    },
    // Whoever awaits `promise` reports the failure.
    () => undefined,
  );
  return s;
}
