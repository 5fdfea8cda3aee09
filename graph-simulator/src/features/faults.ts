import { GraphError } from "../errors";

export interface FaultSpec {
  /** Only requests with this method (any when absent). */
  method?: string;
  /**
   * The path after /v1.0, without the query (`/me/findMeetingTimes`). A string is read as a regular expression,
   * so `"^/me/events$"` is exact and `"findMeetingTimes"` matches anywhere.
   */
  pathPattern: RegExp | string;
  status: 429 | 503 | 504 | 500 | 401;
  /** How many matching requests fail before the fault wears off (1 by default). */
  times?: number;
  /** Sent as Retry-After. 429 always carries one (1 second by default); 503 only when given. */
  retryAfterSeconds?: number;
  /**
   * A lost answer: the request is carried out, then the caller gets the fault instead of the answer (a gateway
   * timing out after Exchange acted). What a retry must cope with: the meeting already exists.
   */
  afterEffect?: boolean;
}

export interface Fault {
  id: number;
  method?: string;
  pathPattern: string;
  status: number;
  remaining: number;
  retryAfterSeconds?: number;
  afterEffect?: boolean;
}

const ERRORS: Record<number, { code: string; message: string }> = {
  429: { code: "TooManyRequests", message: "Too many requests. Wait for the time given in Retry-After, then try again." },
  503: { code: "serviceNotAvailable", message: "The service is temporarily unavailable. Try the request again after a delay." },
  504: { code: "GatewayTimeout", message: "The gateway did not receive a timely response from the upstream server." },
  500: { code: "generalException", message: "An unspecified error has occurred." },
  401: { code: "InvalidAuthenticationToken", message: "Access token has expired or is not yet valid." },
};

/** What Graph says with a 401: where to sign in again. */
const UNAUTHORIZED_HEADERS = {
  "WWW-Authenticate":
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
};

/** Failures on demand: the next n matching requests answer 429, 503, 504, 500 or 401 in Graph's error shape. */
export class Faults {
  private faults: (Fault & { regex: RegExp })[] = [];
  private nextId = 1;

  inject(spec: FaultSpec): Fault {
    if (![429, 503, 504, 500, 401].includes(spec.status)) throw new Error(`A fault's status is 429, 503, 504, 500 or 401, not ${spec.status}.`);
    const times = spec.times ?? 1;
    if (!(times >= 1)) throw new Error("A fault's times is at least 1.");
    if (spec.retryAfterSeconds !== undefined && !(spec.retryAfterSeconds >= 0)) throw new Error("retryAfterSeconds is at least 0.");
    const regex = typeof spec.pathPattern === "string" ? new RegExp(spec.pathPattern) : spec.pathPattern;
    const fault = {
      id: this.nextId++,
      ...(spec.method ? { method: spec.method.toUpperCase() } : {}),
      pathPattern: typeof spec.pathPattern === "string" ? spec.pathPattern : regex.source,
      status: spec.status,
      remaining: times,
      ...(spec.retryAfterSeconds !== undefined ? { retryAfterSeconds: spec.retryAfterSeconds } : spec.status === 429 ? { retryAfterSeconds: 1 } : {}),
      ...(spec.afterEffect ? { afterEffect: true } : {}),
      regex,
    };
    this.faults.push(fault);
    return this.describe(fault);
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => this.describe(f));
  }

  /**
   * The error a request gets from the first fault it matches, if any, and whether the request is carried out
   * first (`afterEffect`); that fault is used up by one.
   */
  take(method: string, path: string): { error: GraphError; afterEffect: boolean } | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method === method.toUpperCase()) && (f.regex.lastIndex = 0, f.regex.test(path)));
    if (!fault) return undefined;
    if (--fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    const { code, message } = ERRORS[fault.status]!;
    const headers: Record<string, string> = {
      ...(fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {}),
      ...(fault.status === 401 ? UNAUTHORIZED_HEADERS : {}),
    };
    return { error: new GraphError(fault.status, code, message, headers), afterEffect: fault.afterEffect === true };
  }

  private describe({ regex: _regex, ...fault }: Fault & { regex: RegExp }): Fault {
    return { ...fault };
  }
}

/** Requests per "METHOD /path" since the last reset, so tests can count round trips. */
export class RequestLog {
  private counts = new Map<string, number>();
  private batched = new Map<string, number>();

  record(method: string, path: string, inBatch = false) {
    const key = `${method.toUpperCase()} ${path}`;
    const map = inBatch ? this.batched : this.counts;
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  /** `requests`: HTTP round trips; `batched`: the requests carried inside $batch round trips. */
  snapshot(): { total: number; requests: Record<string, number>; batched: Record<string, number> } {
    return {
      total: [...this.counts.values()].reduce((s, n) => s + n, 0),
      requests: Object.fromEntries(this.counts),
      batched: Object.fromEntries(this.batched),
    };
  }

  count(method: string, path: string | RegExp): number {
    let n = 0;
    for (const [key, c] of this.counts) {
      const [m, p] = [key.slice(0, key.indexOf(" ")), key.slice(key.indexOf(" ") + 1)];
      if (m !== method.toUpperCase()) continue;
      if (typeof path === "string" ? p === path : path.test(p)) n += c;
    }
    return n;
  }

  reset() {
    this.counts.clear();
    this.batched.clear();
  }
}
