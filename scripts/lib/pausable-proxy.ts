import { createServer, connect, type Socket } from "node:net";
import { freePort } from "./azurite";

export interface PausableProxy {
  port: number;
  /**
   * Stops forwarding, both ways, on every connection, open or new: what a stalled storage looks like from the api
   * (accepted connections, no answer, no error), as a paused process or a congested network would give.
   */
  pause(): void;
  /** Forwards again what was held, and everything after. */
  resume(): void;
  close(): Promise<void>;
}

/** A TCP proxy in front of a port (Azurite's) that can stop forwarding without closing anything. */
export async function pausableProxy(target: number): Promise<PausableProxy> {
  let paused = false;
  const pairs = new Set<[Socket, Socket]>();
  // Unpiped and paused, a socket reads nothing more: what was sent waits in the kernel's buffers, as with a stalled peer.
  const hold = ([a, b]: [Socket, Socket]) => {
    a.unpipe(b);
    b.unpipe(a);
    a.pause();
    b.pause();
  };
  const flow = ([a, b]: [Socket, Socket]) => {
    a.pipe(b);
    b.pipe(a);
  };
  const server = createServer((client) => {
    const upstream = connect(target, "127.0.0.1");
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    if (paused) hold(pair);
    else flow(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    port,
    pause() {
      paused = true;
      for (const pair of pairs) hold(pair);
    },
    resume() {
      paused = false;
      for (const pair of pairs) flow(pair);
    },
    close: () =>
      new Promise<void>((r) => {
        for (const pair of pairs) for (const s of pair) s.destroy();
        server.close(() => r());
      }),
  };
}
