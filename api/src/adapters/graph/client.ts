import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";

export type TokenSource = () => Promise<string>;

export interface RetryPolicy {
  maxRetries: number;
  /** The longest wait between two tries, whatever Retry-After asks. */
  maxDelaySeconds: number;
}

/**
 * Sets the bearer token on every request. The SDK's own AuthenticationHandler only sends tokens to https Graph
 * hosts (or declared custom hosts), which would leave the plain-http local simulator without one.
 */
class BearerToken implements Middleware {
  private next?: Middleware;
  constructor(private readonly token: TokenSource) {}

  async execute(context: Context): Promise<void> {
    const value = `Bearer ${await this.token()}`;
    if (typeof context.request !== "string") context.request.headers.set("Authorization", value);
    else {
      context.options ??= {};
      const headers = context.options.headers;
      if (headers instanceof Headers) headers.set("Authorization", value);
      else context.options.headers = { ...(headers as Record<string, string> | undefined), Authorization: value };
    }
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** The SDK caps waits at 180 s; a person waiting on a booking gets a bounded wait instead. */
class BoundedRetryOptions extends RetryHandlerOptions {
  constructor(
    maxRetries: number,
    private readonly maxDelaySeconds: number,
  ) {
    // Without Retry-After: 1 s, then the SDK's exponential back-off, both capped below.
    super(Math.min(1, maxDelaySeconds), maxRetries);
  }

  override getMaxDelay(): number {
    return this.maxDelaySeconds;
  }
}

/**
 * A Graph client for one caller: our own middleware chain (bearer token, retries that follow Retry-After on 429,
 * 503 and 504, then the HTTP call), against any Graph-compatible base URL such as `http://localhost:7072/v1.0`.
 */
export function graphClient(baseUrl: string, token: TokenSource, retry: RetryPolicy): Client {
  const url = new URL(baseUrl);
  const segments = url.pathname.split("/").filter(Boolean);
  const version = segments.pop() ?? "v1.0";
  const host = `${url.origin}${segments.length ? `/${segments.join("/")}` : ""}`;

  const auth = new BearerToken(token);
  const retries = new RetryHandler(new BoundedRetryOptions(retry.maxRetries, retry.maxDelaySeconds));
  auth.setNext(retries);
  retries.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({ middleware: auth, baseUrl: host, defaultVersion: version });
}
