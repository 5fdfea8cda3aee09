import { api } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";
import { sessionView, withEtag } from "../../platform/guards";
import { bookSession, cancelSession, meetingContext, rescheduleSession, suggestSessions } from "./service";

export const bookingRoutes = ({ deps, http }: FeatureContext) => [
  route(api.suggestSessions, http, async ({ caller, params, body }) => ({
    body: await suggestSessions(deps, caller, params.id, body),
  })),
  route(api.bookSession, http, async ({ caller, params, body, idempotencyKey }) => {
    const sessions = await bookSession(deps, caller, params.id, body, idempotencyKey!);
    return { body: { items: sessions.map(sessionView) }, location: `/api/tandems/${params.id}/sessions` };
  }),
  route(api.rescheduleSession, http, async ({ caller, params, body, ifMatch }) => ({
    body: { items: (await rescheduleSession(deps, caller, params.id, params.sessionId, body, ifMatch!)).map(sessionView) },
  })),
  route(api.cancelSession, http, async ({ caller, params, body }) => ({
    body: { items: (await cancelSession(deps, caller, params.id, params.sessionId, body)).map(sessionView) },
  })),
  route(api.meetingContext, http, async ({ caller, query }) => {
    const found = await meetingContext(deps, caller, query);
    return {
      body: {
        tandem: found.tandem,
        session: sessionView(found.session),
        goals: found.goals.map(withEtag),
        lastCheckIns: found.lastCheckIns.map(withEtag),
      },
    };
  }),
];
