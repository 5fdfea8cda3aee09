import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { bookSession, bookingReads } from "./book";
import { cancelSession } from "./cancel";
import { findMeeting, meetingContext, notBooked } from "./meeting-context";
import { moveSession } from "./move";
import { reconcile } from "./reconcile";
import { setSessionStatus } from "./status";
import { suggestSessions } from "./suggest";
import { sessionView } from "./view";

/** Sessions and their Outlook meetings: list (reconciled with Outlook), suggest, book, move, cancel, status. */
export const sessionRoutes = ({ deps, http }: FeatureContext) => [
  route(api.listSessions, http, {
    prefetch: (r, { caller, params }) => r.sessions.list(caller.tenantId, params.id),
    handle: async ({ caller, access, prefetched }) => ({
      body: { items: (await reconcile(deps, caller, access.relation, prefetched)).map(sessionView) },
    }),
  }),
  route(api.setSessionStatus, http, {
    prefetch: (r, { caller, params }) => r.sessions.list(caller.tenantId, params.id),
    handle: async ({ caller, access, prefetched, params, body, ifMatch }) => {
      const saved = await setSessionStatus(deps, caller, access, prefetched, params.sessionId, body, ifMatch);
      return { body: sessionView(saved), etag: saved.etag };
    },
  }),
  route(api.suggestSessions, http, {
    prefetch: (r, { caller }) => r.profiles.get(caller.tenantId, caller.userId),
    handle: async ({ caller, access, prefetched, body }) => ({ body: await suggestSessions(deps, caller, access, body, prefetched) }),
  }),
  route(api.bookSession, http, {
    prefetch: (r, { caller, params, idempotencyKey }) => bookingReads(r, caller, params.id, idempotencyKey!),
    handle: async ({ caller, access, prefetched, params, body, idempotencyKey }) => {
      const sessions = await bookSession(deps, caller, access, body, idempotencyKey!, prefetched);
      return { body: { items: sessions.map(sessionView) }, location: `/api/tandems/${params.id}/sessions` };
    },
  }),
  route(api.rescheduleSession, http, {
    prefetch: (r, { caller, params }) => r.sessions.list(caller.tenantId, params.id),
    handle: async ({ caller, access, prefetched, params, body, ifMatch }) => ({
      body: { items: (await moveSession(deps, caller, access, prefetched, params.sessionId, body, ifMatch!)).map(sessionView) },
    }),
  }),
  route(api.cancelSession, http, {
    prefetch: (r, { caller, params }) => r.sessions.list(caller.tenantId, params.id),
    handle: async ({ caller, access, prefetched, params, body }) => ({
      body: { items: (await cancelSession(deps, caller, access, prefetched, params.sessionId, body)).map(sessionView) },
    }),
  }),
  route(api.meetingContext, http, {
    locate: { tandemOf: ({ caller, query }) => findMeeting(deps, caller, query), hidden: notBooked },
    handle: async ({ caller, access, located }) => ({ body: await meetingContext(deps, caller, access, located) }),
  }),
];
