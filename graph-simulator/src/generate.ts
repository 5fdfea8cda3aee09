import type { DemoOrganisation, DemoPerson } from "@tandem/core";
import type { SimulatedOrganisation, SimulatedPerson } from "./features/directory";

/** The kinds of bad data a real tenant holds and a directory sync must survive. */
export interface BadData {
  /** Manager chains that loop (A reports to B, B to A; or three people round), detached from the CEO's tree. */
  cycles?: number;
  /** People whose manager id is nobody in the tenant. */
  outsideManagers?: number;
  /** Accounts without a mailbox: `mail` null (a userPrincipalName all the same). */
  withoutMail?: number;
}

export interface GenerateOptions {
  /** How many people, CEO included (at least 1). */
  people: number;
  /** The same seed gives the same organisation, ids included. */
  seed: number | string;
  /** Derived from the seed when absent. */
  tenantId?: string;
  /** `true`: 3 cycles, 5 managers outside the tenant, 10 people without mail (fewer in a small organisation). */
  badData?: boolean | BadData;
}

/**
 * A made-up organisation of any size, for benchmarks and tests: one CEO, every manager with 3 to 12 direct
 * reports (fewer only in an organisation of 3 people or less), 7 to 9 levels below the CEO at 50,000 people.
 * Pure and deterministic: the same options give the same organisation.
 *
 * Without `badData` the result is a valid `DemoOrganisation` (no skills, cycles or tandems). With it, a few people
 * lack a mail address, which the schema refuses, hence the wider `SimulatedOrganisation`.
 */
export function generateOrganisation(options: GenerateOptions & { badData?: false | undefined }): DemoOrganisation;
export function generateOrganisation(options: GenerateOptions): SimulatedOrganisation;
export function generateOrganisation(options: GenerateOptions): SimulatedOrganisation {
  const count = Math.floor(options.people);
  if (!(count >= 1)) throw new Error("An organisation has at least one person.");
  const rnd = prng(`${options.seed}`);
  const uuid = () => uuidFrom(rnd);
  const tenantId = options.tenantId ?? uuid();
  const slug = String(options.seed).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "x";
  const domain = `generated-${slug}.example`;

  // The tree, breadth first: the first three levels all manage, then 40 % of the people do, with 3 to 12 direct
  // reports each. People who drew "no reports" manage after all if everyone else ran out before `count`.
  const managerOf: (number | null)[] = [null];
  const levelOf: number[] = [0];
  let queue: number[] = [0];
  let skipped: number[] = [];
  let force = false;
  for (let head = 0; managerOf.length < count; head++) {
    if (head === queue.length) {
      [queue, skipped, head, force] = [skipped, [], 0, true];
    }
    const m = queue[head]!;
    if (!force && levelOf[m]! >= 3 && rnd() >= 0.4) {
      skipped.push(m);
      continue;
    }
    const left = count - managerOf.length;
    let span = Math.min(3 + Math.floor(rnd() * 10), left);
    // Never leave one or two people for the next manager, who needs three.
    if (left - span === 1 || left - span === 2) span = left <= 12 ? left : left - 3;
    for (let i = 0; i < span; i++) {
      managerOf.push(m);
      levelOf.push(levelOf[m]! + 1);
      queue.push(managerOf.length - 1);
    }
  }

  const ids = Array.from({ length: count }, uuid);
  const reports = new Array<number>(count).fill(0);
  for (const m of managerOf) if (m !== null) reports[m]!++;

  // Departments: each of the CEO's direct reports heads one, inherited down the tree.
  const departmentOf: string[] = new Array(count);
  departmentOf[0] = "Executive";
  let nextDepartment = 0;
  for (let i = 1; i < count; i++) {
    const m = managerOf[i]!;
    departmentOf[i] = m === 0 ? DEPARTMENTS[nextDepartment++ % DEPARTMENTS.length]! : departmentOf[m]!;
  }

  const mails = new Set<string>();
  const people: SimulatedPerson[] = [];
  for (let i = 0; i < count; i++) {
    const office = OFFICES[weighted(rnd, OFFICE_WEIGHTS)]!;
    const fr = office.french > rnd();
    const givenName = pick(rnd, fr ? GIVEN_FR : GIVEN_EN);
    const surname = pick(rnd, fr ? SURNAMES_FR : SURNAMES_EN);
    const alias = `${ascii(givenName)}.${ascii(surname)}`;
    let mail = `${alias}@${domain}`;
    for (let n = 2; mails.has(mail); n++) mail = `${alias}${n}@${domain}`;
    mails.add(mail);
    const department = departmentOf[i]!;
    people.push({
      id: ids[i]!,
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      mail,
      jobTitle: i === 0 ? (fr ? "Directrice générale" : "Chief Executive Officer") : titleOf(rnd, department, levelOf[i]!, reports[i]! > 0, fr),
      department,
      officeLocation: office.name,
      managerId: managerOf[i] === null ? null : ids[managerOf[i]!]!,
      timeZone: office.zone,
      preferredLanguage: fr ? "fr" : "en",
      workingHours: pick(rnd, WORKING_HOURS),
      coordinator: false,
    });
  }
  // Someone in People & Culture runs the program.
  const coordinator = people.find((p) => p.department === "People & Culture" && p.managerId !== null);
  if (coordinator) coordinator.coordinator = true;

  if (options.badData) spoil(people, options.badData === true ? {} : options.badData, rnd, uuid, domain);

  return {
    tenantId,
    tenantName: `Generated organisation ${String(options.seed)}`,
    domain,
    people: people as DemoPerson[],
    skills: [],
    cycles: [],
    tandems: [],
  };
}

function spoil(people: SimulatedPerson[], bad: BadData, rnd: () => number, uuid: () => string, domain: string) {
  const small = people.length < 50;
  const cycles = bad.cycles ?? (small ? Math.min(1, Math.floor((people.length - 1) / 2)) : 3);
  const outside = bad.outsideManagers ?? (small ? Math.min(1, people.length - 1) : 5);
  const withoutMail = bad.withoutMail ?? (small ? Math.min(2, people.length) : 10);
  // Each spoiled person is spoiled once, and never the CEO: the organisation keeps its top.
  const taken = new Set<number>([0]);
  const any = (): number => {
    if (taken.size >= people.length) throw new Error("The organisation is too small for that much bad data.");
    for (;;) {
      const i = 1 + Math.floor(rnd() * (people.length - 1));
      if (!taken.has(i)) {
        taken.add(i);
        return i;
      }
    }
  };
  for (let c = 0; c < cycles; c++) {
    const ring = Array.from({ length: c % 2 === 0 ? 2 : 3 }, any);
    ring.forEach((i, n) => (people[i]!.managerId = people[ring[(n + 1) % ring.length]!]!.id));
  }
  for (let c = 0; c < outside; c++) people[any()]!.managerId = uuid();
  for (let c = 0; c < withoutMail; c++) {
    const p = people[any()]!;
    p.userPrincipalName = p.mail!.replace(/@.*/, `@${domain}`);
    p.mail = null;
  }
}

const DEPARTMENTS = ["Finance", "Sales", "Operations", "Marketing", "Digital & IT", "People & Culture", "Legal", "Customer Care", "Research"];

const OFFICES = [
  { name: "Paris", zone: "Europe/Paris", french: 0.95 },
  { name: "London", zone: "Europe/London", french: 0.05 },
  { name: "Montréal", zone: "America/Toronto", french: 0.8 },
  { name: "New York", zone: "America/New_York", french: 0.02 },
  { name: "Singapore", zone: "Asia/Singapore", french: 0.02 },
];
const OFFICE_WEIGHTS = [50, 20, 12, 12, 6];

const WEEK = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
const WORKING_HOURS: DemoPerson["workingHours"][] = [
  { daysOfWeek: [...WEEK], startTime: "09:00", endTime: "17:30" },
  { daysOfWeek: [...WEEK], startTime: "08:30", endTime: "17:00" },
  { daysOfWeek: [...WEEK], startTime: "08:00", endTime: "16:30" },
  { daysOfWeek: [...WEEK], startTime: "09:00", endTime: "18:00" },
  { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday"], startTime: "09:30", endTime: "17:30" },
  { daysOfWeek: ["monday", "tuesday", "wednesday"], startTime: "09:00", endTime: "17:30" },
];

const GIVEN_FR = ["Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Zoé", "Anaïs", "Élodie", "Hélène", "Margaux", "Sophie", "Nathalie", "Isabelle", "Lucas", "Hugo", "Louis", "Nathan", "Théo", "Mathis", "Jules", "Raphaël", "Arthur", "Gabriel", "Étienne", "Benoît", "François", "Olivier", "Julien", "Mehdi", "Karim", "Yasmine", "Amina", "Thi Lan"];
const SURNAMES_FR = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Benali", "Nguyen", "Tremblay", "Gagnon", "Côté", "Bouchard"];
const GIVEN_EN = ["Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Mia", "Charlotte", "Harper", "Priya", "Mei", "Aisha", "Hannah", "Chloe", "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar", "James", "William", "Ethan", "Liam", "Raj", "Wei", "Daniel", "Samuel", "Kwame", "Diego", "Siobhan", "Rhys"];
const SURNAMES_EN = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright", "Walker", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke", "Lewis", "Tan", "Lim", "Wong", "Chen", "O'Brien", "Murphy", "Kelly", "Singh", "Khan", "Okafor", "Miller", "Anderson", "Jackson"];

const ROLES: Record<string, { fr: string; en: string }[]> = {
  Finance: [{ fr: "Contrôleur de gestion", en: "Financial Controller" }, { fr: "Comptable", en: "Accountant" }, { fr: "Analyste financier", en: "Financial Analyst" }],
  Sales: [{ fr: "Chargé de clientèle", en: "Account Executive" }, { fr: "Commercial", en: "Sales Representative" }, { fr: "Ingénieur avant-vente", en: "Pre-sales Engineer" }],
  Operations: [{ fr: "Chef de projet", en: "Project Manager" }, { fr: "Responsable logistique", en: "Logistics Coordinator" }, { fr: "Acheteur", en: "Buyer" }],
  Marketing: [{ fr: "Chargée de communication", en: "Communications Officer" }, { fr: "Chef de produit", en: "Product Marketing Manager" }, { fr: "Community manager", en: "Social Media Manager" }],
  "Digital & IT": [{ fr: "Développeur", en: "Software Engineer" }, { fr: "Administrateur systèmes", en: "Systems Administrator" }, { fr: "Analyste de données", en: "Data Analyst" }],
  "People & Culture": [{ fr: "Chargée de recrutement", en: "Recruiter" }, { fr: "Responsable formation", en: "Learning Partner" }, { fr: "Gestionnaire paie", en: "Payroll Specialist" }],
  Legal: [{ fr: "Juriste", en: "Legal Counsel" }, { fr: "Responsable conformité", en: "Compliance Officer" }],
  "Customer Care": [{ fr: "Conseiller clientèle", en: "Customer Advisor" }, { fr: "Responsable qualité", en: "Quality Specialist" }],
  Research: [{ fr: "Ingénieur de recherche", en: "Research Engineer" }, { fr: "Data scientist", en: "Data Scientist" }],
};

function titleOf(rnd: () => number, department: string, level: number, manages: boolean, fr: boolean): string {
  if (level === 1) return fr ? `Directeur ${department}` : `Head of ${department}`;
  const role = pick(rnd, ROLES[department] ?? ROLES.Operations!);
  if (!manages) return fr ? role.fr : role.en;
  return fr ? `Responsable d'équipe ${department}` : `${department} Team Lead`;
}

const asciiCache = new Map<string, string>();
/** "Hélène" to "helene", for mail aliases. Names come from short lists: each is folded once. */
const ascii = (s: string) => {
  let a = asciiCache.get(s);
  if (a === undefined) {
    a = s
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "");
    asciiCache.set(s, a);
  }
  return a;
};

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

function weighted(rnd: () => number, weights: readonly number[]): number {
  let r = rnd() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) < 0) return i;
  return weights.length - 1;
}

/** A seeded generator (a string hash into sfc32): fast, and the same sequence on every machine. */
function prng(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const next = () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A version 4 UUID drawn from the generator. */
function uuidFrom(rnd: () => number): string {
  const word = () => Math.floor(rnd() * 0x1_0000_0000).toString(16).padStart(8, "0");
  const [a, b, c, d] = [word(), word(), word(), word()];
  const variant = "89ab"[Math.floor(rnd() * 4)]!;
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
