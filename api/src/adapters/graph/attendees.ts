import type { Client } from "@microsoft/microsoft-graph-client";
import type { User } from "@microsoft/microsoft-graph-types";
import type { MeetingAttendee } from "@tandem/core";
import { BATCH_LIMIT } from "./shapes";

/** Names and addresses of a tenant's people, shared by every caller of the process: they rarely change. */
export class AttendeeCache {
  private readonly entries = new Map<string, { value: MeetingAttendee; until: number }>();
  constructor(
    private readonly ttlMs = 3600_000,
    private readonly limit = 10_000,
  ) {}

  get(tenantId: string, id: string): MeetingAttendee | undefined {
    const e = this.entries.get(`${tenantId}|${id}`);
    return e && e.until > Date.now() ? e.value : undefined;
  }

  set(tenantId: string, id: string, value: MeetingAttendee) {
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${tenantId}|${id}`, { value, until: Date.now() + this.ttlMs });
  }
}

/**
 * Who to invite, for people the directory port could not tell: names and mail addresses by directory id, from the
 * cache or in one $batch of `/users/{id}` per 20 people.
 */
export async function attendeesOf(
  client: Client,
  call: <T>(what: string, fn: () => Promise<T>) => Promise<T>,
  cache: AttendeeCache,
  tenantId: string,
  personIds: string[],
): Promise<Map<string, MeetingAttendee>> {
  const out = new Map<string, MeetingAttendee>();
  const missing = personIds.filter((id) => {
    const known = cache.get(tenantId, id);
    if (known) out.set(id, known);
    return !known;
  });
  for (let i = 0; i < missing.length; i += BATCH_LIMIT) {
    const chunk = missing.slice(i, i + BATCH_LIMIT);
    const r: { responses?: { id: string; status: number; body?: User }[] } = await call("read who to invite", () =>
      client.api("/$batch").post({
        requests: chunk.map((id, n) => ({ id: String(n), method: "GET", url: `/users/${encodeURIComponent(id)}?$select=id,displayName,mail` })),
      }),
    );
    for (const [n, id] of chunk.entries()) {
      const user = r.responses?.find((x) => x.id === String(n));
      if (user?.status !== 200 || !user.body?.mail) continue;
      const attendee = { address: user.body.mail, name: user.body.displayName ?? user.body.mail };
      cache.set(tenantId, id, attendee);
      out.set(id, attendee);
    }
  }
  return out;
}
