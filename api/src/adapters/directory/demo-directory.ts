import { readFile } from "node:fs/promises";
import { DemoOrganisation, type DemoPerson, type Directory, type DirectoryPerson } from "@tandem/core";

export async function loadDemoOrganisation(file: string): Promise<DemoOrganisation> {
  return DemoOrganisation.parse(JSON.parse(await readFile(file, "utf8")));
}

export const toDirectoryPerson = (p: DemoPerson): DirectoryPerson => ({
  id: p.id,
  displayName: p.displayName,
  mail: p.mail,
  jobTitle: p.jobTitle,
  department: p.department,
  managerId: p.managerId,
  timeZone: p.timeZone,
  preferredLanguage: p.preferredLanguage,
});

/**
 * The directory of the demo organisation, for local mode: the same people the Graph simulator serves.
 * Only the demo tenant has people; any other tenant has an empty directory.
 */
export function demoDirectory(org: DemoOrganisation): Directory {
  const people = new Map(org.people.map((p) => [p.id, toDirectoryPerson(p)]));
  const reports = new Map<string, DirectoryPerson[]>();
  for (const p of people.values()) {
    if (p.managerId) reports.set(p.managerId, [...(reports.get(p.managerId) ?? []), p]);
  }
  return {
    async person(tenantId, id) {
      return tenantId === org.tenantId ? (people.get(id) ?? null) : null;
    },
    async reportsOf(tenantId, managerId) {
      if (tenantId !== org.tenantId) return [];
      const out: DirectoryPerson[] = [];
      const seen = new Set<string>([managerId]);
      const queue = [...(reports.get(managerId) ?? [])];
      while (queue.length) {
        const p = queue.shift()!;
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        out.push(p);
        queue.push(...(reports.get(p.id) ?? []));
      }
      return out;
    },
  };
}
