import type { Me, Skill } from "@tandem/core";

// Contract-valid data.

export const ids = {
  tenant: "6b1f6a4e-2f5c-4a53-9a43-0c7c2c1d5b10",
  lucas: "e85c1afa-a047-459e-be3a-09b2d3a8b3e8",
  catherine: "e260ec44-86df-49cd-be73-b97edc97581e",
};

export const skills: Skill[] = [
  { id: "excel-power-query", label: { fr: "Excel : Power Query", en: "Excel: Power Query" }, category: "software", retired: false },
  { id: "teams-meetings", label: { fr: "Réunions Teams", en: "Teams meetings" }, category: "collaboration", retired: false },
  { id: "copilot-in-m365", label: { fr: "Copilot dans Microsoft 365", en: "Copilot in Microsoft 365" }, category: "ai", retired: false },
];

export const skillList = () => ({ items: skills.map((s) => ({ ...s, etag: `W/"skill-${s.id}"` })) });

/** A profile as GET /me returns it, with its ETag. */
export type ProfileView = NonNullable<Me["profile"]>;

let version = 0;
export const nextEtag = () => `W/"v${++version}"`;

export function profileOf(overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    id: ids.lucas,
    displayName: "Lucas Martin",
    programRoles: ["mentor"],
    offers: [{ skillId: "excel-power-query", level: "advanced" }],
    requests: [],
    languages: ["fr", "en"],
    timeZone: "Europe/Paris",
    capacity: 2,
    paused: false,
    trainingCompleted: [],
    createdAt: "2026-09-01T08:00:00.000Z",
    updatedAt: "2026-09-01T08:00:00.000Z",
    etag: nextEtag(),
    ...overrides,
  };
}

export function meOf(profile: ProfileView | null, overrides: Partial<Me> = {}): Me {
  const id = profile?.id ?? ids.catherine;
  return {
    id,
    tenantId: ids.tenant,
    displayName: profile?.displayName ?? "Catherine Delaunay",
    roles: [...(profile?.programRoles ?? [])],
    profile,
    enrolments: [],
    directory: {
      id,
      displayName: profile?.displayName ?? "Catherine Delaunay",
      mail: "someone@brisemer.example",
      jobTitle: "Directrice générale",
      department: "Direction",
      officeLocation: "Paris",
      managerId: null,
      timeZone: "America/Toronto",
      preferredLanguage: "fr",
    },
    ...overrides,
  };
}
