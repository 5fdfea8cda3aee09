/**
 * `npm run bench -- reports`: a manager's team report (GET /api/reports/team?period=365, over HTTP) for a team of
 * about 50 and one of about 2,000, in generated organisations of 5,000 and 50,000 people holding 10 sessions a
 * person (50,000 and 500,000 sessions over 18 months), side by side with the raw Table Storage calls the report
 * needs (the directory's, for the access check, and the report tables'), interleaved; and the storage calls and rows
 * each report reads, counted by a proxy in front of Azurite.
 *
 * The directory is placed as the sync's organising step places it (the same store calls, without Graph: the
 * directory benchmark measures the sync). The program's aggregates are written straight to the report tables in
 * transactions of 100, as the updater would have left them: replaying 500,000 sessions through the api would take
 * hours on Azurite, whose every write scans the rows of its partition.
 * Results: a table on stdout and bench-results/reports.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { TableClient, odata, type TableEntity, type TransactionAction } from "@azure/data-tables";
import {
  belowPath,
  keyOf,
  monthOf,
  noRatings,
  placeInHierarchy,
  windowOf,
  type DemoOrganisation,
  type MonthEntry,
  type MonthRow,
  type PersonRow,
  type TandemLink,
  type TandemRow,
} from "@tandem/core";
import { generateOrganisation } from "@tandem/graph-simulator";
import { createTableDirectory, personPartition, teamPartitions, treePartition } from "../../api/src/adapters/tables/directory";
import { createTableReportStore, reportTableNames } from "../../api/src/adapters/tables/reports";
import { teamReportOf } from "../../api/src/features/reports/service";
import { loadConfig } from "../../api/src/config";
import { runApi } from "../../api/src/main";
import type { Deps } from "../../api/src/platform/deps";
import { azuriteConnectionString, startAzurite } from "../lib/azurite";
import { localApiSettings } from "../lib/local-settings";
import { countingProxy } from "../lib/counting-proxy";
import { pick } from "./directory";

const root = resolve(import.meta.dirname, "../..");
const SIZES = (process.env.BENCH_REPORT_SIZES ?? "5000,50000").split(",").map(Number);
const SESSIONS_PER_PERSON = Number(process.env.BENCH_SESSIONS_PER_PERSON ?? 10);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const WARMUP = 3;
const MONTHS = 18;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const PERIOD = 365;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

/** Park-Miller: the same program every run. */
function prng(seed: number) {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

interface Program {
  months: Map<string, Map<string, MonthRow>>;
  people: Map<string, PersonRow>;
  tandems: TandemRow[];
  sessions: number;
}

/**
 * A program of weekly tandems (one mentor, one mentee, 26 sessions over six months, started any time in the last
 * 18 months): 5 % of the organisation mentor, 10 % learn, each in several tandems one after another.
 */
function generateProgram(org: DemoOrganisation, now: number): Program {
  const rnd = prng(org.people.length);
  const people = org.people;
  const mentors = people.filter((_, i) => i % 20 === 7);
  const mentees = people.filter((_, i) => i % 10 === 3);
  const target = SESSIONS_PER_PERSON * people.length;
  const out: Program = { months: new Map(), people: new Map(), tandems: [], sessions: 0 };
  const personRow = (p: (typeof people)[number], role: "mentor" | "mentee"): PersonRow => {
    const known = out.people.get(p.id);
    if (known) return known;
    const row: PersonRow = {
        personId: p.id,
        displayName: p.displayName,
        department: p.department,
        profile: { roles: [role], paused: false, trained: role === "mentor", offers: role === "mentor" ? ["excel-power-query"] : [], requests: role === "mentee" ? ["copilot-in-m365"] : [] },
        tandems: {},
    };
    out.people.set(p.id, row);
    return row;
  };
  const entryOf = (personId: string, month: string, tandemId: string, role: "mentor" | "mentee"): MonthEntry => {
    let m = out.months.get(month);
    if (!m) out.months.set(month, (m = new Map()));
    let row = m.get(personId);
    if (!row) m.set(personId, (row = { personId, entries: {} }));
    return (row.entries[tandemId] ??= { role, open: [], held: 0, heldMinutes: 0, cancelled: 0, goalsAchieved: 0, pauses: 0, checkIns: 0, ratings: noRatings() });
  };
  for (let n = 0; out.sessions < target; n++) {
    const mentor = mentors[Math.floor(rnd() * mentors.length)]!;
    const mentee = mentees[Math.floor(rnd() * mentees.length)]!;
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    const start = now - Math.floor(rnd() * MONTHS * 30) * DAY;
    const end = start + 26 * WEEK;
    const active = end > now;
    const open: [number, number][] = [];
    let lastHeld: number | null = null;
    const ratings = noRatings();
    for (let i = 0; i < 26; i++) {
      const s = start + i * WEEK;
      const e = s + 45 * 60_000;
      const month = monthOf(s);
      const cancelled = rnd() < 0.05;
      const marked = !cancelled && e <= now && rnd() < 0.6;
      const rating = marked && rnd() < 0.7 ? 3 + Math.floor(rnd() * 3) : 0;
      for (const [p, role] of [[mentor, "mentor"], [mentee, "mentee"]] as const) {
        const x = entryOf(p.id, month, id, role);
        if (cancelled) x.cancelled++;
        else if (marked) {
          x.held++;
          x.heldMinutes += 45;
        } else x.open.push([e, 45]);
        if (rating && role === "mentee") {
          x.checkIns++;
          x.ratings[rating - 1]!++;
        }
      }
      if (rating) ratings[rating - 1]!++;
      if (!cancelled && !marked) open.push([s, e]);
      if (marked) lastHeld = e;
      out.sessions++;
    }
    if (!active) entryOf(mentee.id, monthOf(end), id, "mentee").goalsAchieved++;
    const status = active ? "active" : "completed";
    const spans: [number, number | null][] = [[start, active ? null : end]];
    for (const [p, role] of [[mentor, "mentor"], [mentee, "mentee"]] as const) {
      const months = [...new Set(Array.from({ length: 26 }, (_, i) => monthOf(start + i * WEEK)).concat(active ? [] : [monthOf(end)]))].sort();
      const link: TandemLink = { role, kind: "tandem", status, everyWeeks: 1, spans, lastHeld, open, months };
      personRow(p, role).tandems[id] = link;
      if (role === "mentee" && personRow(p, role).profile!.roles[0] === "mentor") personRow(p, role).profile!.roles.push("mentee");
    }
    out.tandems.push({
      seq: 1,
      digest: {
        id,
        kind: "tandem",
        status,
        cycleId: id,
        mentorId: mentor.id,
        menteeIds: [mentee.id],
        everyWeeks: 1,
        spans,
        lastHeld,
        open: open.map(([s, e]) => [s, e, 45]),
        held: 0,
        heldMinutes: 0,
        cancelled: 0,
        ratings,
        goals: 1,
        goalsAchieved: active ? 0 : 1,
        pauses: 0,
        surveys: { answered: 0, helped: 0, again: 0 },
      },
    });
  }
  return out;
}

/** The rows to write, as the report store's TableStore encodes them (JSON over string properties of 30,000). */
const entity = (partitionKey: string, rowKey: string, value: unknown): TableEntity => {
  const json = JSON.stringify(value);
  const e: TableEntity = { partitionKey, rowKey };
  for (let i = 0; i * 30_000 < json.length; i++) e[`d${i}`] = json.slice(i * 30_000, (i + 1) * 30_000);
  return e;
};

/** A client patient enough for bulk writes into a busy Azurite. */
const client = (connectionString: string, table: string) =>
  TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true, retryOptions: { maxRetries: 8, retryDelayInMs: 500, maxRetryDelayInMs: 10_000 } });

/** Creates rows in transactions of 100 (one partition each), four in flight. */
async function writeAll(client: TableClient, rows: TableEntity[]): Promise<void> {
  const byPartition = new Map<string, TableEntity[]>();
  for (const r of rows) {
    const list = byPartition.get(r.partitionKey!);
    if (list) list.push(r);
    else byPartition.set(r.partitionKey!, [r]);
  }
  const batches: TransactionAction[][] = [];
  for (const list of byPartition.values()) for (let i = 0; i < list.length; i += 100) batches.push(list.slice(i, i + 100).map((e) => ["create", e]));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batches.length) await client.submitTransaction(batches[next++]!);
    }),
  );
}

export async function benchReports() {
  const azurite = await startAzurite();
  const proxy = await countingProxy(azurite.port);
  const dir = await mkdtemp(join(tmpdir(), "tandem-bench-reports-"));
  const keyFile = join(dir, "dev-issuer.jwk.json");
  const results: Record<string, unknown> = {};
  const table: { org: number; series: string; median: number; p99: number; calls: number | null; rows: number | null }[] = [];
  try {
    for (const size of SIZES) {
      const org = generateOrganisation({ people: size, seed: `bench-${size}` });
      const t = org.tenantId;
      const prefix = `rep${randomBytes(3).toString("hex")}`;
      const target = { connectionString: azurite.connectionString };

      // The directory as a finished sync leaves it (the rows of api/src/adapters/tables/directory.ts, in its partitions,
      // created in one pass: quicker than a sync, which the directory benchmark measures). Checked below: the gate
      // must find the teams.
      let started = performance.now();
      const directory = createTableDirectory(target, prefix);
      await directory.ensureTable();
      let counter = 0;
      const { placements } = placeInHierarchy(org.people.map((p) => ({ id: p.id, managerId: p.managerId, key: null })), () => keyOf(counter++));
      const personOf = (p: (typeof org.people)[number]) => ({
        id: p.id,
        displayName: p.displayName,
        mail: p.mail,
        jobTitle: p.jobTitle,
        department: p.department,
        officeLocation: p.officeLocation,
        managerId: p.managerId,
        timeZone: null,
        preferredLanguage: null,
      });
      await writeAll(
        client(azurite.connectionString, `${prefix}Directory`),
        org.people.map((p) => {
          const at = placements.get(p.id)!;
          return {
            partitionKey: personPartition(t, p.id),
            rowKey: p.id,
            ...personOf(p),
            mail: p.mail ?? "",
            managerId: p.managerId ?? "",
            timeZone: "",
            preferredLanguage: "",
            round: "bench",
            pending: false,
            removed: false,
            key: at.key,
            path: at.path,
            chain: JSON.stringify(at.chain),
            directReports: at.directReports,
          };
        }),
      );
      await writeAll(
        client(azurite.connectionString, `${prefix}DirectoryTree`),
        org.people.map((p) => ({ partitionKey: treePartition(t, placements.get(p.id)!.path), rowKey: placements.get(p.id)!.path, d: JSON.stringify(personOf(p)) })),
      );
      const directoryMs = performance.now() - started;

      // The program's aggregates, straight to the report tables.
      const now = Date.now();
      const program = generateProgram(org, now);
      const store = createTableReportStore(target, prefix);
      await store.ensureTables();
      const path = (id: string) => placements.get(id)!.path;
      started = performance.now();
      const monthRows = [...program.months].flatMap(([m, rows]) => [...rows.values()].map((r) => entity(`${t}|${m}`, path(r.personId), r)));
      await writeAll(client(azurite.connectionString, reportTableNames(prefix).months), monthRows);
      await writeAll(client(azurite.connectionString, reportTableNames(prefix).people), [...program.people.values()].map((r) => entity(t, path(r.personId), r)));
      await writeAll(client(azurite.connectionString, reportTableNames(prefix).tandems), program.tandems.map((r) => entity(t, r.digest.id, r)));
      const writeMs = performance.now() - started;
      console.log(
        `organisation of ${size}: directory placed in ${(directoryMs / 1000).toFixed(1)} s; ${program.sessions} sessions as ${monthRows.length} person-month rows, ` +
          `${program.people.size} people and ${program.tandems.length} tandems written in ${(writeMs / 1000).toFixed(1)} s`,
      );

      const small = pick(org, 50);
      const large = pick(org, 2000);
      for (const m of [small, large]) {
        const found = (await directory.teamOf(t, m.id))?.reports.length;
        if (found !== m.size) throw new Error(`the directory gives a team of ${found}, not ${m.size}: its rows drifted from the adapter's`);
      }
      const config = loadConfig(localApiSettings(azurite.connectionString, prefix, { DEV_KEY_FILE: keyFile }));
      const running = await runApi(config);
      try {
        const tokens = new Map<string, string>();
        for (const m of [small, large]) {
          tokens.set(m.id, (await running.app.devIssuer!.sign({ tenantId: t, userId: m.id, displayName: "Manager", username: "manager@generated.example", coordinator: false })).token);
        }
        const viaApi = async (id: string) => {
          const r = await fetch(`${running.url}/reports/team?period=${PERIOD}`, { headers: { authorization: `Bearer ${tokens.get(id)}` } });
          if (r.status !== 200) throw new Error(`the report answered ${r.status}: ${await r.text()}`);
          return (await r.json()) as { people: unknown[]; total: { people: number; hidden: string | null } };
        };
        // What the report needs from storage, with the same parallelism, through @azure/data-tables alone.
        const names = reportTableNames(prefix);
        const raw = {
          directory: TableClient.fromConnectionString(azurite.connectionString, `${prefix}Directory`, { allowInsecureConnection: true }),
          tree: TableClient.fromConnectionString(azurite.connectionString, `${prefix}DirectoryTree`, { allowInsecureConnection: true }),
          people: TableClient.fromConnectionString(azurite.connectionString, names.people, { allowInsecureConnection: true }),
          months: TableClient.fromConnectionString(azurite.connectionString, names.months, { allowInsecureConnection: true }),
        };
        const drain = async (it: AsyncIterable<unknown>) => {
          let n = 0;
          for await (const _ of it) n++;
          return n;
        };
        const paths = new Map(await Promise.all([small, large].map(async (m) => [m.id, (await raw.directory.getEntity<{ path: string }>(personPartition(t, m.id), m.id)).path] as const)));
        const range = (id: string, pk: string) => {
          const { after, before } = belowPath(paths.get(id)!);
          return odata`PartitionKey eq ${pk} and RowKey gt ${after} and RowKey lt ${before}`;
        };
        /** The gate's reads: the manager's row, then their team's range of the tree (each partition it spans, in parallel). */
        const rawDirectory = async (id: string) => {
          await raw.directory.getEntity(personPartition(t, id), id);
          await Promise.all(teamPartitions(t, paths.get(id)!).map((pk) => drain(raw.tree.listEntities({ queryOptions: { filter: range(id, pk), select: ["RowKey", "d"] } }))));
        };
        /** The report's reads: the team's range of the people, and of each month of the period, in parallel. */
        const rawReport = (id: string) =>
          Promise.all([
            drain(raw.people.listEntities({ queryOptions: { filter: range(id, t) } })),
            ...windowOf(Date.now(), PERIOD).months.map((month) => drain(raw.months.listEntities({ queryOptions: { filter: range(id, `${t}|${month}`) } }))),
          ]);

        // Storage calls and rows of one report, through the counting proxy: the gate's read, then the report's.
        const countedTarget = { connectionString: azuriteConnectionString(proxy.port) };
        const counted = { directory: createTableDirectory(countedTarget, prefix), reports: createTableReportStore(countedTarget, prefix) };
        const deps = { reports: counted.reports, clock: { now: () => new Date().toISOString() }, minGroupSize: 5 } as unknown as Deps;
        const callsOf = async (id: string) => {
          proxy.reset();
          const team = (await counted.directory.teamOf(t, id))!;
          await teamReportOf(deps, { tenantId: t, userId: id } as never, { reports: team.reports.map((r) => r.person), path: team.path, placed: team.reports }, PERIOD);
          return { calls: proxy.count(), rows: proxy.rows() };
        };

        const series: Record<string, { run: () => Promise<unknown>; calls?: { calls: number; rows: number } }> = {};
        for (const m of [small, large]) {
          const shown = await viaApi(m.id);
          series[`team of ${m.size}: GET /api/reports/team`] = { run: () => viaApi(m.id), calls: await callsOf(m.id) };
          series[`team of ${m.size}: raw, the directory's ${1 + teamPartitions(t, paths.get(m.id)!).length} calls`] = { run: () => rawDirectory(m.id) };
          series[`team of ${m.size}: raw, the report tables' ${1 + windowOf(Date.now(), PERIOD).months.length} calls`] = { run: () => rawReport(m.id) };
          results[`${size}/${m.size}/people`] = { team: shown.people.length, enrolledShown: shown.total.people, hidden: shown.total.hidden };
        }
        const samples: Record<string, number[]> = Object.fromEntries(Object.keys(series).map((k) => [k, []]));
        for (let i = 0; i < ITERATIONS + WARMUP; i++) {
          for (const [name, s] of Object.entries(series)) {
            const at = performance.now();
            await s.run();
            if (i >= WARMUP) samples[name]!.push(performance.now() - at);
          }
        }
        for (const [name, xs] of Object.entries(samples)) {
          table.push({ org: size, series: name, median: median(xs), p99: p99(xs), calls: series[name]!.calls?.calls ?? null, rows: series[name]!.calls?.rows ?? null });
          const r = table.at(-1)!;
          console.log(`  ${r.series.padEnd(46)} median ${r.median.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.calls ? `, ${r.calls} storage calls, ${r.rows} rows` : ""}`);
        }
        results[`organisation of ${size}`] = { sessions: program.sessions, monthRows: monthRows.length, people: program.people.size, tandems: program.tandems.length, directoryMs, writeMs, small: small.size, large: large.size };
      } finally {
        await running.close();
      }
    }
  } finally {
    proxy.close();
    await azurite.stop();
    await rm(dir, { recursive: true, force: true });
  }

  console.log(`\nteam reports, period ${PERIOD} days (${ITERATIONS} each, interleaved after ${WARMUP} warm-up rounds)`);
  console.log(`${"organisation".padEnd(13)} ${"series".padEnd(46)} ${"median ms".padStart(10)} ${"p99 ms".padStart(10)} ${"storage calls".padStart(14)} ${"rows read".padStart(10)}`);
  for (const r of table) {
    console.log(
      `${String(r.org).padEnd(13)} ${r.series.padEnd(46)} ${r.median.toFixed(1).padStart(10)} ${r.p99.toFixed(1).padStart(10)} ${String(r.calls ?? "").padStart(14)} ${String(r.rows ?? "").padStart(10)}`,
    );
  }
  const api = table.filter((r) => r.series.includes("GET"));
  const [a, b] = SIZES;
  if (a !== undefined && b !== undefined) {
    const at = (org: number, i: number) => api.filter((r) => r.org === org)[i]!;
    console.log("\ntargets:");
    for (const i of [0, 1]) {
      console.log(`  the same team (${at(a, i).series.split(":")[0]}), organisation of ${b} against ${a}: ${(at(b, i).median / at(a, i).median).toFixed(2)}x (target at most 1.2x)`);
    }
    for (const org of SIZES) console.log(`  organisation of ${org}, team of ~2,000 against team of ~50: ${(at(org, 1).median / at(org, 0).median).toFixed(2)}x (target at most 10x)`);
  }
  await mkdir(resolve(root, "bench-results"), { recursive: true });
  await writeFile(resolve(root, "bench-results/reports.json"), JSON.stringify({ at: new Date().toISOString(), node: process.version, results, table }, null, 2));
}
