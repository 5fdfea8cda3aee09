import type { Me } from "@tandem/core";
import { createSessionContext, type Call } from "@tandem/ui";
import type { OutlookItem } from "../platform/office";

/** The signed-in person, how to reach the api for them, and what Outlook opened the pane on. */
export interface Session {
  call: Call;
  me: Me;
  /** The message or meeting the pane was opened on; null when there is none (or outside Outlook). */
  item: OutlookItem | null;
  /** "Now", as an ISO instant: a function so that tests can hold the clock. */
  now(): string;
}

export const { SessionContext, useSession } = createSessionContext<Session>("a signed-in pane");
