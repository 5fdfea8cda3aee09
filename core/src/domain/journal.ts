import { z } from "zod";
import { Id, Instant, text } from "./common";

/**
 * "Take stock": a personal journal, private to its author. Nobody else ever reads it, not the tandem partner,
 * not a manager, not a coordinator (DESIGN.md, "Who may see what"). The prompts are the reflection questions of
 * the HR practice reverse mentoring comes from, plus a free entry. "learn-from-young" keeps its id (entries are
 * stored with it) but asks what to learn from a younger colleague.
 */
export const journalPrompts = ["learn-from-young", "learned-unnamed", "pass-on", "learned-from-mentee", "benefits", "tried", "free"] as const;
export const JournalPrompt = z.enum(journalPrompts);
export type JournalPrompt = z.infer<typeof JournalPrompt>;

const menteePrompts: readonly JournalPrompt[] = ["learn-from-young", "learned-unnamed", "benefits", "tried", "free"];
const mentorPrompts: readonly JournalPrompt[] = ["pass-on", "learned-from-mentee", "benefits", "tried", "free"];

/**
 * The prompts that fit a person's roles: a mentee asks what to learn from a younger colleague and what they already
 * learned without naming it; a mentor what to pass on next and what their mentee taught them. Someone with both
 * roles, or not yet enrolled, gets both, in that order.
 */
export function promptsFor(roles: readonly ("mentor" | "mentee")[]): JournalPrompt[] {
  const mentee = roles.includes("mentee") || !roles.includes("mentor");
  const mentor = roles.includes("mentor") || !roles.includes("mentee");
  return journalPrompts.filter((p) => (mentee && menteePrompts.includes(p)) || (mentor && mentorPrompts.includes(p)));
}

export const JournalEntryInput = z.strictObject({
  prompt: JournalPrompt,
  body: text(4000, 1),
});
export type JournalEntryInput = z.infer<typeof JournalEntryInput>;

export const JournalEntryPatch = JournalEntryInput.partial().refine((p) => Object.keys(p).length > 0, "change at least one field");
export type JournalEntryPatch = z.infer<typeof JournalEntryPatch>;

/** The author is not stored in the entry: it is the partition the entry lives in (see the Journal table). */
export const JournalEntry = z.strictObject({
  id: Id,
  prompt: JournalPrompt,
  body: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/** Newest first; entries written in the same millisecond keep a stable order. */
export const newestFirst = (a: Pick<JournalEntry, "id" | "createdAt">, b: Pick<JournalEntry, "id" | "createdAt">) =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
