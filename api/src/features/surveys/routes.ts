import { TandemError, api, type ClosingSurvey } from "@tandem/core";
import { route } from "../../platform/http";
import type { FeatureContext } from "../../platform/deps";

/**
 * The closing survey of a completed tandem (issue 14, point 7): each member answers once, and reads their own answer
 * back. No route gives another person's answer: coordinators are to see counts only, never what someone learned.
 */
export const surveyRoutes = ({ deps, http }: FeatureContext) => [
  route(api.getMyClosingSurvey, http, {
    prefetch: (r, { caller, params }) => r.surveys.get(caller.tenantId, params.id, caller.userId),
    handle: async ({ prefetched }) => ({ body: { answer: prefetched?.value ?? null } }),
  }),
  route(api.answerClosingSurvey, http, async ({ caller, access, body }) => {
    if (access.tandem.value.status !== "completed") {
      throw new TandemError("illegal_transition", "The closing survey opens once the tandem is completed.");
    }
    const survey: ClosingSurvey = { tandemId: access.tandem.value.id, personId: caller.userId, ...body, createdAt: deps.clock.now() };
    let saved: ClosingSurvey;
    try {
      saved = (await deps.repos.surveys.create(caller.tenantId, survey)).value;
    } catch (e) {
      if (e instanceof TandemError && e.code === "conflict") throw new TandemError("conflict", "You have already answered the closing survey of this tandem.");
      throw e;
    }
    // The program report counts the answers (never shows them): the tandem's digest is recomputed with them.
    await deps.aggregates.tandemChanged(caller.tenantId, survey.tandemId);
    return { body: saved };
  }),
];
