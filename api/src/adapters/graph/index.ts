import { TandemError, type Calendar } from "@tandem/core";
import type { Config } from "../../config";
import { graphCalendar } from "./calendar";
import { parseICalUId } from "./shapes";
import { graphClient } from "./client";
import { onBehalfOf, ownToken } from "./tokens";
import type { AppTokenFor } from "./directory-source";

/** The one place that knows Microsoft Graph: a calendar per caller, reached on their behalf. */
export type CalendarFor = (caller: { tenantId: string; accessToken: string }) => Calendar;

export function graphCalendars(graph: Config["graph"]): CalendarFor {
  const retry = { maxRetries: graph.maxRetries, maxDelaySeconds: graph.maxRetryDelaySeconds };
  if (graph.credential === null) return () => unconfigured;
  const tokenFor = graph.credential === "development-token" ? ownToken : onBehalfOf(graph.credential);
  return (caller) =>
    graphCalendar(graphClient(graph.baseUrl, tokenFor(caller), retry), {
      baseUrl: graph.baseUrl,
      retries: retry.maxRetries,
      maxRetryDelaySeconds: retry.maxDelaySeconds,
    });
}

/**
 * A member's calendar reached by the app itself (application permission Calendars.ReadWrite), for the jobs that run
 * with nobody signed in: the orphan sweep.
 */
export function appCalendars(graph: Config["graph"], tokenFor: AppTokenFor | null): (tenantId: string, userId: string) => Calendar {
  const retry = { maxRetries: Math.max(graph.maxRetries, 5), maxDelaySeconds: Math.max(graph.maxRetryDelaySeconds, 60) };
  if (tokenFor === null) return () => unconfigured;
  return (tenantId, userId) =>
    graphCalendar(graphClient(graph.baseUrl, tokenFor(tenantId), retry), {
      baseUrl: graph.baseUrl,
      retries: retry.maxRetries,
      maxRetryDelaySeconds: retry.maxDelaySeconds,
      mailbox: `/users/${encodeURIComponent(userId)}`,
    });
}

const notConfigured = () => {
  throw new TandemError(
    "unavailable",
    "Microsoft Graph is not configured for this Tandem installation (AAD_APP_CLIENT_ID and AAD_APP_CLIENT_SECRET): booking is off.",
  );
};

/** Without the Entra app's credentials, booking answers 503 rather than guess. */
const unconfigured: Calendar = {
  findMeetingTimes: notConfigured,
  workingHours: notConfigured,
  mailboxTimeZone: notConfigured,
  createEvent: notConfigured,
  findByTransactionId: notConfigured,
  getEvent: notConfigured,
  getEvents: notConfigured,
  eventsBetween: notConfigured,
  listInstances: notConfigured,
  updateEvent: notConfigured,
  cancelEvent: notConfigured,
  parseICalUId,
};
