import {
  TandemError,
  addDays,
  demoSessionDay,
  membersOf,
  zonedTimeToUtc,
  type DemoOrganisation,
  type DemoTandem,
  type AggregateUpdater,
  type HistoryEntry,
  type Repositories,
  type Tandem,
  type TandemStatus,
} from "@tandem/core";
import { mapLimit } from "../../platform/deps";

export interface SeedReport {
  created: number;
  existing: number;
}

/**
 * Writes the demo organisation into storage, then has the report aggregates follow, through the one updater every
 * write goes through. Idempotent: what exists is left alone (a person's later edits survive a restart), what is
 * missing is created. Dates are offsets from `now`.
 */
export async function seedDemo(
  { repos, aggregates }: { repos: Repositories; aggregates: AggregateUpdater },
  org: DemoOrganisation,
  now = new Date(),
): Promise<SeedReport> {
  const t = org.tenantId;
  const report: SeedReport = { created: 0, existing: 0 };
  const once = async (write: () => Promise<unknown>) => {
    try {
      await write();
      report.created++;
    } catch (e) {
      if (!(e instanceof TandemError && e.code === "conflict")) throw e;
      report.existing++;
    }
  };
  const today = now.toISOString().slice(0, 10);
  const dayAt = (days: number, hour = 9) => `${addDays(today, days)}T${String(hour).padStart(2, "0")}:00:00.000Z`;
  const cycles = new Map(org.cycles.map((c) => [c.id, c]));
  const people = new Map(org.people.map((p) => [p.id, p]));

  await mapLimit(org.skills, 8, (s) => once(() => repos.skills.create(t, s)));
  await mapLimit(org.cycles, 8, (c) =>
    once(() =>
      repos.cycles.create(t, {
        id: c.id,
        name: c.name,
        startsOn: addDays(today, c.startsInDays),
        endsOn: addDays(today, c.endsInDays),
        cadence: c.cadence,
        matching: c.matching,
        enrolment: c.enrolment,
      }),
    ),
  );
  const withProfile = org.people.filter((p) => p.profile);
  await mapLimit(withProfile, 8, (p) =>
    once(() =>
      repos.profiles.put(
        t,
        {
          ...p.profile!,
          timeZone: p.timeZone,
          id: p.id,
          displayName: p.displayName,
          enrolments: org.cycles.filter((c) => c.enrolled.includes(p.id)).map((c) => ({ cycleId: c.id, roles: [...p.profile!.programRoles] })),
          createdAt: dayAt(-90),
          updatedAt: dayAt(-90),
        },
        null,
      ),
    ),
  );

  await mapLimit(org.tandems, 4, async (dt) => {
    const cycle = cycles.get(dt.cycleId)!;
    const proposedAt = dayAt(cycle.startsInDays - 7);
    await once(() => repos.tandems.create(t, tandemOf(dt, org, proposedAt, dayAt, cycle.endsInDays)));
    for (const g of dt.goals) {
      await once(() =>
        repos.goals.create(t, {
          id: g.id,
          tandemId: dt.id,
          menteeId: g.menteeId,
          title: g.title,
          skillId: g.skillId,
          successCriterion: g.successCriterion,
          targetDate: addDays(today, g.targetInDays),
          status: g.status,
          progress: g.progress,
          project: g.project,
          history: [{ at: dayAt(cycle.startsInDays), by: g.menteeId, action: "create" }],
          createdAt: dayAt(cycle.startsInDays),
          updatedAt: dayAt(Math.min(-1, cycle.endsInDays)),
        }),
      );
    }
    for (const s of dt.sessions) {
      const localDate = demoSessionDay(now, s, [dt.mentorId, ...dt.menteeIds].map((id) => people.get(id)!));
      const start = zonedTimeToUtc(localDate, s.localTime, s.timeZone);
      const end = new Date(start.getTime() + s.minutes * 60_000);
      const created = new Date(Math.min(start.getTime() - 7 * 86_400_000, now.getTime())).toISOString();
      await once(() =>
        repos.sessions.create(t, {
          id: s.id,
          tandemId: dt.id,
          start: start.toISOString(),
          end: end.toISOString(),
          timeZone: s.timeZone,
          graphEventId: null,
          iCalUId: null,
          joinUrl: null,
          teamsMeetingUnavailable: false,
          recurrence: null,
          seriesId: null,
          status: s.status,
          createdAt: created,
          updatedAt: created,
        }),
      );
      const after = new Date(Math.min(end.getTime() + 3600_000, now.getTime())).toISOString();
      for (const c of s.checkIns) {
        await once(() =>
          repos.checkIns.put(t, dt.id, { sessionId: s.id, ...c, createdAt: after, updatedAt: after }, null),
        );
      }
      for (const n of s.notes) {
        await once(() =>
          repos.notes.create(t, dt.id, { ...n, sessionId: s.id, createdAt: after, updatedAt: after }),
        );
      }
    }
  });
  await mapLimit(withProfile, 8, (p) => aggregates.profileChanged(t, p.id));
  await mapLimit(org.tandems, 4, (dt) => aggregates.tandemChanged(t, dt.id));
  return report;
}

/** A seeded tandem carries the history that would have led to its status. */
function tandemOf(
  dt: DemoTandem,
  org: DemoOrganisation,
  proposedAt: string,
  dayAt: (days: number, hour?: number) => string,
  cycleEndsInDays: number,
): Tandem {
  const coordinator = org.people.find((p) => p.coordinator)?.id ?? dt.mentorId;
  const members = membersOf(dt);
  const history: HistoryEntry[] = [{ at: proposedAt, by: coordinator, action: "propose" }];
  const step = (action: string, by: string, from: TandemStatus, to: TandemStatus, at: string, reason?: string) =>
    history.push({ at, by, action, changes: { status: { from, to } }, ...(reason ? { reason } : {}) });
  const accepted = dt.status !== "proposed" && dt.status !== "declined";
  const base = Date.parse(proposedAt);
  const at = (days: number) => new Date(base + days * 86_400_000).toISOString();
  if (dt.status === "declined") step("decline", dt.menteeIds[0]!, "proposed", "declined", at(2), dt.declineReason);
  if (accepted) {
    members.slice(0, -1).forEach((m, i) => history.push({ at: at(1 + i * 0.1), by: m, action: "accept" }));
    step("accept", members.at(-1)!, "proposed", "accepted", at(2));
  }
  if (["active", "paused", "completed"].includes(dt.status)) step("activate", dt.mentorId, "accepted", "active", at(7));
  if (dt.status === "paused") step("pause", dt.menteeIds[0]!, "active", "paused", dayAt(-10));
  if (dt.status === "completed") step("complete", dt.mentorId, "active", "completed", dayAt(cycleEndsInDays - 3));
  return {
    id: dt.id,
    kind: dt.kind,
    cycleId: dt.cycleId,
    mentorId: dt.mentorId,
    menteeIds: dt.menteeIds,
    status: dt.status,
    acceptedBy: accepted ? members : [],
    ...(dt.declineReason ? { declineReason: dt.declineReason } : {}),
    ...(dt.status === "completed" ? { completedEarly: true } : {}),
    history,
    createdAt: proposedAt,
    updatedAt: history.at(-1)!.at,
  };
}
