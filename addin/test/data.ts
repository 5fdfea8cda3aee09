import type { Api, GoalView, Me, ResponseOf, TandemView } from "@tandem/core";

export const NOW = "2026-11-30T10:00:00.000Z";

// Contract-valid data: Léa (Paris) mentors Mathieu (Montréal, on Toronto's clock).

export const ids = {
  tenant: "6b1f6a4e-2f5c-4a53-9a43-0c7c2c1d5b10",
  lea: "5d1c3f0a-8d1e-4b7a-9c2e-1f3a4b5c6d01",
  mathieu: "5d1c3f0a-8d1e-4b7a-9c2e-1f3a4b5c6d02",
  sophie: "5d1c3f0a-8d1e-4b7a-9c2e-1f3a4b5c6d03",
  tandem: "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c01",
  circle: "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c02",
  cycle: "1a64cdd1-a225-4cd3-b752-d477041e5e1b",
  goal1: "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c01",
  goal2: "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c02",
  goal3: "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c03",
  session: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e01",
  previous: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e02",
};

const at = "2026-10-01T08:00:00.000Z";

export const lea: Me = {
  id: ids.lea,
  tenantId: ids.tenant,
  displayName: "Léa Fontaine",
  roles: ["mentor"],
  profile: null,
  enrolments: [],
  directory: {
    id: ids.lea,
    displayName: "Léa Fontaine",
    mail: "lea.fontaine@brisemer.example",
    jobTitle: "Chargée de communication digitale",
    department: "Communication",
    officeLocation: "Paris",
    managerId: null,
    timeZone: "Europe/Paris",
    preferredLanguage: "fr",
  },
};

export function tandemOf(overrides: Partial<TandemView> = {}): TandemView {
  return {
    id: ids.tandem,
    kind: "tandem",
    cycleId: ids.cycle,
    mentorId: ids.lea,
    menteeIds: [ids.mathieu],
    status: "active",
    acceptedBy: [ids.lea, ids.mathieu],
    history: [],
    createdAt: at,
    updatedAt: at,
    etag: 'W/"tandem"',
    members: [
      { id: ids.lea, displayName: "Léa Fontaine", role: "mentor", timeZone: "Europe/Paris", mail: "lea.fontaine@brisemer.example" },
      { id: ids.mathieu, displayName: "Mathieu Tremblay", role: "mentee", timeZone: "America/Toronto", mail: "mathieu.tremblay@brisemer.example" },
    ],
    allowedActions: ["pause", "complete"],
    myRelation: "mentor",
    ...overrides,
  };
}

export const cycles: ResponseOf<Api["listCycles"]> = {
  items: [
    {
      id: ids.cycle,
      name: "Cycle 2 : IA et collaboration",
      startsOn: "2026-10-01",
      endsOn: "2027-02-28",
      cadence: { everyWeeks: 2, sessionMinutes: 45 },
      matching: {
        maxMenteesPerMentor: 3,
        allowSameDepartment: false,
        requireCommonLanguage: true,
        objective: "most-matched",
        weights: { skill: 40, urgency: 25, crossDepartment: 15, language: 10, overlap: 10 },
        allowCircles: false,
        allowRepeatPairs: false,
        minWeeklyOverlapHours: 0,
      },
      enrolment: "profile",
      etag: 'W/"cycle"',
    },
  ],
};

export function goalOf(overrides: Partial<GoalView> = {}): GoalView {
  return {
    id: ids.goal1,
    tandemId: ids.tandem,
    menteeId: ids.mathieu,
    title: "Animer une réunion Teams avec des sondages",
    skillId: "teams-meetings",
    successCriterion: "Un sondage par réunion d'équipe, sans aide.",
    targetDate: "2027-01-31",
    status: "in_progress",
    progress: 40,
    project: null,
    history: [],
    createdAt: at,
    updatedAt: at,
    etag: 'W/"goal"',
    ...overrides,
  };
}

export const goals = () => ({
  items: [
    goalOf(),
    goalOf({ id: ids.goal2, title: "Résumer un fil de discussion avec Copilot", skillId: "copilot-in-m365", status: "not_started", progress: 0 }),
    goalOf({ id: ids.goal3, title: "Publier sur LinkedIn", skillId: "linkedin-presence", status: "achieved", progress: 100 }),
  ],
});

export function sessionOf(overrides: Partial<ResponseOf<Api["meetingContext"]>["session"]> = {}) {
  return {
    id: ids.session,
    tandemId: ids.tandem,
    start: "2026-12-01T14:00:00.000Z",
    end: "2026-12-01T14:45:00.000Z",
    timeZone: "Europe/Paris",
    graphEventId: "AAMkAGI2TG93AAA=",
    iCalUId: "040000008200E00074C5B7101A82E008000000001",
    joinUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_tandem%40thread.v2/0",
    teamsMeetingUnavailable: false,
    recurrence: null,
    seriesId: null,
    status: "scheduled" as const,
    createdAt: at,
    updatedAt: at,
    etag: 'W/"session"',
    bookedBy: null,
    ...overrides,
  };
}
