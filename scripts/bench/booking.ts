/**
 * What a booking costs through the api next to the Graph calls it needs, measured side by side in one run.
 * Azurite, the Graph simulator and the api run on this machine. Each iteration, interleaved: (a) a booking through
 * the api, suggestions then the booking with a new Idempotency-Key; (b) the same two Graph calls sent straight to
 * the simulator with the same bodies; (c) those two calls plus the storage round trips the api makes around them,
 * in the same order and parallelism, with the raw SDKs. Meetings and rows are removed afterwards, outside the
 * timing, so calendars do not fill up. The simulator's request counter gives the Graph round trips of each api
 * booking (target 2). Results: a table on stdout and bench-results/booking.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { TableClient, odata } from "@azure/data-tables";
import { addDays, dateIn, formatInstant, zonedTimeToUtc } from "@tandem/core";
import { startGraphSimulator, windowsZone } from "@tandem/graph-simulator";
import { loadConfig } from "../../api/src/config";
import { runApi } from "../../api/src/main";
import { seedDemo } from "../../api/src/features/dev/seed";
import { tableNames } from "../../api/src/adapters/tables/repositories";
import { freePort, startAzurite } from "../lib/azurite";
import { localApiSettings } from "../lib/local-settings";

const root = resolve(import.meta.dirname, "../..");
const ITERATIONS = Number(process.env.BENCH_BOOKING_ITERATIONS ?? 200);
const WARMUP = 20;
const DAYS = 3;

export async function benchBooking() {
  const azurite = await startAzurite();
  const graphPort = await freePort();
  const prefix = `bench${randomBytes(3).toString("hex")}`;
  const running = await runApi(
    loadConfig(localApiSettings(azurite.connectionString, prefix, { GRAPH_BASE_URL: `http://localhost:${graphPort}/v1.0` })),
  );
  const org = running.app.demo!;
  const graph = await startGraphSimulator({ port: graphPort, organisation: org, jwks: running.app.devIssuer!.jwks() });
  try {
    await seedDemo(running.app, org);
    // Members' mail addresses come from the synced directory, as in a tenant: the sync reads the simulator's.
    const synced = await running.app.directorySync.sync(org.tenantId, "start");
    if (synced?.status !== "done") throw new Error(`the directory sync did not finish: ${JSON.stringify(synced)}`);
    const people = new Map(org.people.map((p) => [p.id, p]));
    const tandem = org.tandems.find(
      (t) => t.status === "active" && t.kind === "tandem" && t.menteeIds.every((m) => people.get(m)!.timeZone === people.get(t.mentorId)!.timeZone),
    )!;
    const mentor = people.get(tandem.mentorId)!;
    const mentees = tandem.menteeIds.map((id) => people.get(id)!);
    const zone = mentor.timeZone;
    const token = (
      (await (
        await fetch(`${running.url}/dev/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ personaId: mentor.id }),
        })
      ).json()) as { token: string }
    ).token;
    const auth = { authorization: `Bearer ${token}` };
    const api = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
      const r = await fetch(`${running.url}${path}`, {
        method,
        headers: { ...auth, ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await r.json()) as any;
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
      return json;
    };
    const direct = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
      const r = await fetch(`${graph.url}${path}`, {
        method,
        headers: { ...auth, ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const text = await r.text();
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return text ? (JSON.parse(text) as any) : undefined;
    };

    // Working days ahead, in turn: each iteration looks at its own window.
    const today = dateIn(new Date(), zone);
    const days = Array.from({ length: 60 }, (_, i) => addDays(today, i + 1)).filter((d) => {
      const day = new Date(`${d}T00:00:00Z`).getUTCDay();
      return day !== 0 && day !== 6;
    });

    const names = tableNames(prefix);
    const table = (name: string) => TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
    const tables = { tandems: table(names.tandems), people: table(names.people), catalogue: table(names.catalogue), items: table(names.items), events: table(names.events) };
    const t = org.tenantId;
    const items = `${t}|${tandem.id}`;
    const ignoreMissing = (e: { statusCode?: number }) => {
      if (e.statusCode !== 404) throw e;
    };

    const roundTrips: number[] = [];
    const samples = { api: [] as number[], simulator: [] as number[], needed: [] as number[] };
    const viaApi = async (from: string) => {
      graph.requests.reset();
      const started = performance.now();
      const found = await api("POST", `/tandems/${tandem.id}/suggestions`, { from, days: DAYS });
      const slot = found.slots[0];
      if (!slot) throw new Error(`no suggestion from ${from}: ${found.emptyReason}`);
      // As the add-in books: a slot from the suggestions, whose working hours it has shown (no schedule read again).
      const booked = await api("POST", `/tandems/${tandem.id}/sessions`, { start: slot.start, end: slot.end, allowDaysOff: true }, { "idempotency-key": randomUUID() });
      const ms = performance.now() - started;
      roundTrips.push(graph.requests.snapshot().total);
      await api("POST", `/tandems/${tandem.id}/sessions/${booked.items[0].id}/cancel`, {});
      return ms;
    };
    /** The two Graph calls, with `around` the storage round trips the api makes before and after each. */
    const viaSimulator = async (from: string, around?: { beforeSuggest(): Promise<unknown>; beforeCreate(): Promise<unknown>; afterCreate(event: { id: string; iCalUId: string }): Promise<() => Promise<unknown>> }) => {
      const start = zonedTimeToUtc(from, "00:00", zone).getTime();
      const end = zonedTimeToUtc(addDays(from, DAYS), "00:00", zone).getTime();
      // Graph takes Windows zone names, as the api sends them.
      const local = (t: number) => ({ dateTime: formatInstant(t, zone).slice(0, 19), timeZone: windowsZone(zone) });
      const prefer = { prefer: `outlook.timezone="${windowsZone(zone)}"` };
      const attendees = mentees.map((m) => ({ type: "required", emailAddress: { address: m.mail, name: m.displayName } }));
      const started = performance.now();
      await around?.beforeSuggest();
      const found = await direct(
        "POST",
        "/me/findMeetingTimes",
        {
          attendees,
          timeConstraint: { activityDomain: "work", timeSlots: [{ start: local(start), end: local(end) }] },
          meetingDuration: "PT45M",
          maxCandidates: 20,
          isOrganizerOptional: false,
          returnSuggestionReasons: false,
          minimumAttendeePercentage: 100,
        },
        prefer,
      );
      const slot = found.meetingTimeSuggestions[0].meetingTimeSlot;
      await around?.beforeCreate();
      const event = await direct(
        "POST",
        "/me/events",
        {
          subject: "Tandem",
          body: { contentType: "html", content: "<p>Session</p>" },
          start: slot.start,
          end: slot.end,
          attendees,
          isOnlineMeeting: true,
          onlineMeetingProvider: "teamsForBusiness",
          categories: ["Tandem"],
          transactionId: randomUUID(),
        },
        prefer,
      );
      const cleanup = await around?.afterCreate(event);
      const ms = performance.now() - started;
      await direct("POST", `/me/events/${encodeURIComponent(event.id)}/cancel`, {});
      await cleanup?.();
      return ms;
    };
    // What the api reads and writes around the two calls (docs/adr/0002-table-partitions.md), with the raw SDK.
    const storage = {
      beforeSuggest: () =>
        Promise.all([tables.tandems.getEntity(t, tandem.id), tables.people.getEntity(t, mentor.id)]).then(() =>
          tables.catalogue.getEntity(`${t}|cycle`, tandem.cycleId),
        ),
      beforeCreate: async () => {
        const goals: unknown[] = [];
        await Promise.all([
          tables.tandems.getEntity(t, tandem.id),
          tables.items.getEntity(items, `booking|${randomUUID()}`).catch(ignoreMissing),
          tables.people.getEntity(t, mentor.id),
          (async () => {
            const filter = odata`PartitionKey eq ${items} and RowKey ge 'goal|' and RowKey lt ${"goal|\uffff"}`;
            for await (const g of tables.items.listEntities({ queryOptions: { filter } })) goals.push(g);
          })(),
        ]);
      },
      afterCreate: async (event: { id: string; iCalUId: string }) => {
        const key = randomUUID();
        const session = `session|${randomUUID()}`;
        const hash = (v: string) => createHash("sha256").update(v).digest("hex");
        const index = [`ical:${event.iCalUId.toUpperCase()}`, `id:${event.id}`].map((k) => ({ partitionKey: `${t}|${hash(k)}`, rowKey: "event", d0: "{}" }));
        await Promise.all([
          ...index.map((e) => tables.events.upsertEntity(e, "Replace")),
          tables.items.submitTransaction([
            ["create", { partitionKey: items, rowKey: session, d0: "{}" }],
            ["create", { partitionKey: items, rowKey: `booking|${key}`, d0: "{}" }],
          ]),
        ]);
        return () =>
          Promise.all([
            tables.items.deleteEntity(items, session),
            tables.items.deleteEntity(items, `booking|${key}`),
            ...index.map((e) => tables.events.deleteEntity(e.partitionKey, e.rowKey)),
          ]);
      },
    };

    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const from = days[i % days.length]!;
      // Rotate which goes first, so that none always runs on a warmer machine.
      const series = ["api", "simulator", "needed"] as const;
      for (let k = 0; k < series.length; k++) {
        const which = series[(i + k) % series.length]!;
        const ms = which === "api" ? await viaApi(from) : which === "simulator" ? await viaSimulator(from) : await viaSimulator(from, storage);
        if (i >= WARMUP) samples[which].push(ms);
      }
    }
    roundTrips.splice(0, WARMUP);

    const pct = (xs: number[], p: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
    };
    const of = (xs: number[]) => ({ median: pct(xs, 50), p99: pct(xs, 99) });
    const API = "api: suggestions + booking";
    const SIM = "simulator: findMeetingTimes + create event";
    const NEEDED = "raw: those 2 calls + the storage round trips";
    const stats = { [API]: of(samples.api), [SIM]: of(samples.simulator), [NEEDED]: of(samples.needed) };
    const ratios = {
      "booking vs the simulator's 2 calls (median)": stats[API]!.median / stats[SIM]!.median,
      "booking vs the simulator's 2 calls (p99)": stats[API]!.p99 / stats[SIM]!.p99,
      "booking vs the 2 calls + storage it needs (median)": stats[API]!.median / stats[NEEDED]!.median,
      "booking vs the 2 calls + storage it needs (p99)": stats[API]!.p99 / stats[NEEDED]!.p99,
    };
    const graphRoundTrips = {
      mean: roundTrips.reduce((a, b) => a + b, 0) / roundTrips.length,
      max: Math.max(...roundTrips),
      target: 2,
    };

    console.log(`\nBooking against the Graph simulator: ${ITERATIONS} bookings per series after ${WARMUP} warm-up, interleaved\n`);
    console.log(`${"series".padEnd(44)} ${"median ms".padStart(10)} ${"p99 ms".padStart(10)}`);
    for (const [k, s] of Object.entries(stats)) console.log(`${k.padEnd(44)} ${s.median.toFixed(2).padStart(10)} ${s.p99.toFixed(2).padStart(10)}`);
    console.log(`\nGraph round trips per booking: mean ${graphRoundTrips.mean.toFixed(2)}, max ${graphRoundTrips.max} (target 2)`);
    for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(52)} ${v.toFixed(2)}x`);

    await mkdir(resolve(root, "bench-results"), { recursive: true });
    await writeFile(
      resolve(root, "bench-results/booking.json"),
      JSON.stringify({ at: new Date().toISOString(), node: process.version, iterations: ITERATIONS, graphRoundTrips, stats, ratios }, null, 2),
    );
  } finally {
    await running.close();
    await graph.stop();
    await azurite.stop();
  }
}
