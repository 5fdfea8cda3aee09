import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { GraphResponse, Simulator } from "../context";
import { GraphError } from "../errors";
import type { Change, DirectoryUser } from "./directory";
import { DEFAULT_PROPERTIES, USER_PROPERTY_NAMES, parseSelect, userProperty } from "./users";

/**
 * `GET /users/delta` (https://learn.microsoft.com/graph/api/user-delta, /graph/delta-query-overview,
 * /graph/delta-query-users): a round of pages through `@odata.nextLink` (a `$skiptoken`) that ends with an
 * `@odata.deltaLink` (a `$deltatoken`); the next round, from that link, gives only what changed since.
 *
 * Tokens are opaque, as Graph's: they carry the initial request's `$select` and `$filter`, where the round is, the
 * directory's history (epoch) and token generation, and when they were issued, signed so that an edited token is
 * refused like a garbage one. A page costs what it holds: the initial round walks users in the order they joined
 * (a binary search to the page's start), a change round walks the change log from where the last page stopped.
 */

/** What Microsoft Entra ID answers per page of users/delta (observed; `$top` is not supported and is ignored). */
export const DELTA_PAGE_SIZE = 200;
/** Delta tokens for directory objects last seven days (delta query overview, "Token duration"). */
const TOKEN_LIFETIME_MS = 7 * 86_400_000;
/** `$filter=id eq '…' or id eq '…'` takes at most 50 ids (user: delta, "OData query parameters"). */
const MAX_FILTER_IDS = 50;

/** The properties delta tracks and returns: the user's own, not the mailbox's; plus the manager link. */
const TRACKED = USER_PROPERTY_NAMES.filter((n) => n !== "mailboxSettings");
const SELECTABLE = [...TRACKED, "manager"];

interface InitialQuery {
  /** `$select` as the client wrote it. */
  s?: string;
  /** `$filter`'s ids, lower case. */
  i?: string[];
}

type Position =
  /** Initial round as of version v: users who joined after seq a, up to seq m (the last who had joined at v). */
  | { k: "i"; v: number; a: number; m: number }
  /** Change round: the changes after version f up to version v, from log index p on. */
  | { k: "c"; f: number; v: number; p: number }
  /** A delta token: changes after version v. */
  | { k: "d"; v: number };

type Token = Position & { e: string; g: number; t: number; q: InitialQuery };

const syncStateNotFound = () =>
  new GraphError(400, "syncStateNotFound", "The sync state generation is not found. The delta token is expired and data must be synchronized again.");

export function usersDelta(sim: Simulator, method: string, query: URLSearchParams, prefer: string | undefined): GraphResponse {
  if (method !== "GET") throw new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
  const dir = sim.dir;
  const params = new Map<string, string>();
  for (const [k, v] of query) {
    const name = k.toLowerCase();
    if (["$expand", "$orderby", "$search", "$count", "$skip"].includes(name)) {
      throw new GraphError(400, "Request_UnsupportedQuery", `The query parameter '${k}' is not supported with change tracking over the 'users' resource.`);
    }
    params.set(name, v);
  }
  const skip = params.get("$skiptoken");
  const delta = params.get("$deltatoken");
  const select = params.get("$select") ?? null;
  const filter = params.get("$filter") ?? null;
  const keys = signingKey(dir.tenantId);
  const base = sim.baseUrl();

  let token: Token;
  if (skip || (delta && delta.toLowerCase() !== "latest")) {
    if (skip && delta) throw new GraphError(400, "Request_BadRequest", "A delta request takes a $skiptoken or a $deltatoken, not both.");
    if (select !== null || filter !== null) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        "$select and $filter belong to the initial delta request; they are encoded in the nextLink and deltaLink, which are used as they are.",
      );
    }
    token = read(sim, keys, skip ?? delta!, skip ? ["i", "c"] : ["d"], base);
  } else {
    const q: InitialQuery = {};
    if (select !== null) {
      parseSelect(select, SELECTABLE);
      q.s = select;
    }
    if (filter !== null) q.i = filterIds(filter);
    const position: Position = delta ? { k: "d", v: dir.version } : { k: "i", v: dir.version, a: -1, m: dir.lastSeq };
    token = { ...position, e: dir.epoch, g: dir.generation, t: sim.now(), q };
    if (delta) {
      // `$deltatoken=latest`: "sync from now", a deltaLink and no data.
      return page(sim, keys, token, position, select, [], false);
    }
  }
  if (token.k === "d") token = { ...token, k: "c", f: token.v, v: dir.version, p: dir.firstChangeAfter(token.v) };

  const names = parseSelect(token.q.s ?? null, SELECTABLE) ?? [...DEFAULT_PROPERTIES];
  const ids = token.q.i ? new Set(token.q.i) : null;
  const minimal = /(^|[\s,;])return\s*=\s*minimal\b/i.test(prefer ?? "");
  const size = sim.deltaPageSize;
  const items: Record<string, unknown>[] = [];
  let next: Position | null;

  if (token.k === "i") {
    const { v, m } = token;
    let after = token.a;
    let more: boolean;
    if (ids) {
      const users = [...ids]
        .map((id) => ({ u: dir.find(id), seq: dir.seqOf(id) }))
        .filter((x): x is { u: DirectoryUser; seq: number } => !!x.u && x.seq > after && x.seq <= m)
        .sort((a, b) => a.seq - b.seq);
      for (const { u, seq } of users.slice(0, size)) {
        items.push(item(sim, u, names, { manager: "current" }));
        after = seq;
      }
      more = users.length > size;
    } else {
      const found = dir.joinedBetween(after, m, size);
      for (const u of found.users) items.push(item(sim, u, names, { manager: "current" }));
      after = found.lastSeq;
      more = found.more;
    }
    next = more ? { k: "i", v, a: after, m } : null;
    return page(sim, keys, token, next ?? { k: "d", v }, select, items, !!next);
  }

  if (token.k === "c") {
    const { f, v } = token;
    const log = dir.log;
    let i = token.p;
    for (; i < log.length && log[i]!.version <= v && items.length < size; i++) {
      const change = log[i]!;
      if (ids && !ids.has(change.id.toLowerCase())) continue;
      const entry = changeItem(sim, change, f, v, names, token.q.s !== undefined, minimal);
      if (entry) items.push(entry);
    }
    const more = i < log.length && log[i]!.version <= v;
    next = more ? { k: "c", f, v, p: i } : null;
    return page(sim, keys, token, next ?? { k: "d", v }, select, items, !!next);
  }
  throw syncStateNotFound();
}

/**
 * What a change round says of one user: only at the user's last change in the round (earlier ones are skipped),
 * with everything that changed in the round. A user added and removed within the round is not mentioned.
 */
function changeItem(
  sim: Simulator,
  change: Change,
  from: number,
  to: number,
  names: string[],
  selected: boolean,
  minimal: boolean,
): Record<string, unknown> | null {
  const history = sim.dir.historyOf(change.id);
  let last = history.length - 1;
  while (last >= 0 && history[last]!.version > to) last--;
  if (history[last] !== change) return null;
  let first = last;
  while (first > 0 && history[first - 1]!.version > from) first--;
  const round = history.slice(first, last + 1);
  const wasThere = round[0]!.kind !== "added";

  if (change.kind === "removed") return wasThere ? { id: change.id, "@removed": { reason: change.reason } } : null;
  const u = sim.dir.anyUser(change.id);
  // Purged after the round's end: the next round says so.
  if (!u) return null;
  // Created or restored in the round: the whole user, as in an initial round.
  if (round.some((c) => c.kind === "added")) return item(sim, u, names, { manager: "current" });

  const changed = new Set(round.flatMap((c) => c.properties));
  // With $select only the selected properties are tracked; without, every property but the manager link.
  const tracked = selected ? names : TRACKED;
  if (!tracked.some((n) => changed.has(n))) return null;
  const shown = minimal ? names.filter((n) => changed.has(n)) : names;
  const managerBefore = round.find((c) => c.properties.includes("manager"))?.managerBefore ?? null;
  return item(sim, u, shown, {
    nullsOf: changed,
    manager: names.includes("manager") && changed.has("manager") ? { before: managerBefore } : "none",
  });
}

/**
 * A user as delta gives it: the selected properties, `id` last, then `manager@delta` when the manager is selected
 * (in the initial round) or changed (in a change round). A property that is null is left out ("if the property has
 * never been set before it will not be included"), unless it changed to null in this round.
 */
function item(
  sim: Simulator,
  u: DirectoryUser,
  names: readonly string[],
  options: { nullsOf?: Set<string>; manager: "current" | "none" | { before: string | null } },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (name === "id" || name === "manager") continue;
    const value = userProperty(sim.dir, u, name);
    if (value === null && !options.nullsOf?.has(name)) continue;
    out[name] = value;
  }
  out.id = u.id;
  if (names.includes("manager")) {
    if (options.manager === "current") {
      if (u.managerId) out["manager@delta"] = [{ "@odata.type": "#microsoft.graph.user", id: u.managerId }];
    } else if (options.manager !== "none") {
      if (u.managerId) out["manager@delta"] = [{ "@odata.type": "#microsoft.graph.user", id: u.managerId }];
      else if (options.manager.before) {
        out["manager@delta"] = [{ "@odata.type": "#microsoft.graph.user", id: options.manager.before, "@removed": { reason: "deleted" } }];
      }
    }
  }
  return out;
}

function page(
  sim: Simulator,
  keys: Buffer,
  round: Token,
  position: Position,
  select: string | null,
  value: Record<string, unknown>[],
  more: boolean,
): GraphResponse {
  const base = sim.baseUrl();
  const issued: Token = { e: round.e, g: round.g, t: sim.now(), q: round.q, ...position };
  const link = `${base}/users/delta?${more ? "$skiptoken" : "$deltatoken"}=${write(keys, issued)}`;
  return {
    status: 200,
    body: {
      "@odata.context": `${base}/$metadata#users${select !== null ? `(${select})` : ""}`,
      [more ? "@odata.nextLink" : "@odata.deltaLink"]: link,
      value,
    },
  };
}

function filterIds(filter: string): string[] {
  const unsupported = () =>
    new GraphError(400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified for delta: '${filter}'. Only 'id eq' clauses joined by 'or' are.`);
  const ids = filter.split(/\s+or\s+/i).map((clause) => {
    const m = /^\s*\(?\s*id\s+eq\s+'([0-9a-f-]{36})'\s*\)?\s*$/i.exec(clause);
    if (!m) throw unsupported();
    return m[1]!.toLowerCase();
  });
  if (ids.length > MAX_FILTER_IDS) throw new GraphError(400, "Request_UnsupportedQuery", `A delta $filter takes at most ${MAX_FILTER_IDS} ids.`);
  return [...new Set(ids)];
}

// -------------------------------------------------------------------------------------------------------------------
// Tokens.
// -------------------------------------------------------------------------------------------------------------------

const keyCache = new Map<string, Buffer>();
/** Per tenant and stable across restarts, so that a deltaLink saved before a restart still verifies. */
function signingKey(tenantId: string): Buffer {
  let key = keyCache.get(tenantId);
  if (!key) keyCache.set(tenantId, (key = createHash("sha256").update(`tandem-graph-simulator|delta|${tenantId}`).digest()));
  return key;
}

function write(key: Buffer, token: Token): string {
  const payload = Buffer.from(JSON.stringify(token)).toString("base64url");
  const tag = createHmac("sha256", key).update(payload).digest().subarray(0, 16).toString("base64url");
  return `${payload}.${tag}`;
}

/** A token this history can honour, or Graph's answer for one it cannot. */
function read(sim: Simulator, key: Buffer, text: string, kinds: Position["k"][], base: string): Token {
  const [payload, tag, extra] = text.split(".");
  if (!payload || !tag || extra !== undefined) throw syncStateNotFound();
  const expected = createHmac("sha256", key).update(payload).digest().subarray(0, 16);
  const given = Buffer.from(tag, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw syncStateNotFound();
  let token: Token;
  try {
    token = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Token;
  } catch {
    throw syncStateNotFound();
  }
  const dir = sim.dir;
  if (!kinds.includes(token.k) || token.e !== dir.epoch || token.g > dir.generation || token.v > dir.version) throw syncStateNotFound();
  if (token.g < dir.generation) {
    if (dir.expiryOf(token.g)?.reset) {
      // "Synchronization reset": 410 Gone and a Location to start again from (delta query overview).
      const initial = new URLSearchParams();
      if (token.q.s !== undefined) initial.set("$select", token.q.s);
      if (token.q.i) initial.set("$filter", token.q.i.map((id) => `id eq '${id}'`).join(" or "));
      initial.set("$deltatoken", "");
      throw new GraphError(410, "resyncRequired", "The delta token is no longer valid, and the app must reset the sync state.", {
        Location: `${base}/users/delta?${initial.toString().replaceAll("%24", "$")}`,
      });
    }
    throw syncStateNotFound();
  }
  if (sim.now() - token.t > TOKEN_LIFETIME_MS) throw syncStateNotFound();
  return token;
}
