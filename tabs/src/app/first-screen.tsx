/**
 * Build time only (scripts/lib/first-screen-styles.ts loads this module in Node): renders the first screens of the
 * tab with sample data, and returns the CSS rules Griffel inserted on the way, as `<style>` elements for the
 * page's head (page-styles.ts says why). It draws what a person sees first: the loading skeleton, the navigation,
 * a mentee's home with an active tandem, and a mentor's, untrained, with a proposed tandem and one under way.
 * A rule it misses is inserted at run time, as before: only slower.
 */
import { renderToString } from "react-dom/server";
import { createDOMRenderer, RendererProvider, teamsLightTheme } from "@fluentui/react-components";
import { defaultCompareMediaQueries, styleBucketOrdering, type StyleBucketName } from "@griffel/core";
import type { Me, TandemStatus, TandemView } from "@tandem/core";
import { ShellProviders } from "@tandem/ui";
import { createI18n } from "../i18n/i18n";
import { SessionContext, prefetch, type Session } from "./session";
import { Shell } from "./Shell";
import { ViewSkeleton } from "../components/ViewSkeleton";
import { styleBucketsHtml, type StyleBucket } from "./page-styles";

const at = "2026-01-05T09:00:00.000Z";
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const mentor = { id: id(1), displayName: "Camille Mentor", role: "mentor", timeZone: "Europe/Paris", mail: "camille@example.com" } as const;
const mentee = { id: id(2), displayName: "Dominique Mentee", role: "mentee", timeZone: "Europe/Paris", mail: "dominique@example.com" } as const;

function tandem(n: number, status: TandemStatus, myRelation: "mentor" | "mentee", allowedActions: TandemView["allowedActions"]): TandemView {
  return {
    id: id(100 + n),
    kind: "tandem",
    cycleId: id(10),
    mentorId: mentor.id,
    menteeIds: [mentee.id],
    status,
    acceptedBy: [],
    history: [],
    createdAt: at,
    updatedAt: at,
    etag: `W/"${n}"`,
    members: [mentor, mentee],
    allowedActions,
    myRelation,
  };
}

function person(who: typeof mentor | typeof mentee, roles: Me["roles"]): Me {
  return { id: who.id, tenantId: id(9), displayName: who.displayName, roles, profile: null, directory: null };
}

function Home({ me, tandems }: { me: Me; tandems: TandemView[] }) {
  const session: Session = {
    call: () => Promise.reject(new Error("no api at build time")),
    me,
    refreshMe: async () => undefined,
    openLink: () => undefined,
    prefetched: prefetch({ tandems: { promise: Promise.resolve(tandems), value: tandems, ready: true } }),
  };
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}

/** The first screens' CSS, as `<style>` elements in Griffel's order. */
export function firstScreenStyles(): string {
  const renderer = createDOMRenderer(undefined);
  renderToString(
    <RendererProvider renderer={renderer}>
      <ShellProviders theme={teamsLightTheme} themeName="default" i18n={createI18n("en", "UTC")}>
        <ViewSkeleton />
        <Home me={person(mentee, ["mentee"])} tandems={[tandem(1, "active", "mentee", ["pause", "complete"])]} />
        <Home
          me={person(mentor, ["mentor"])}
          tandems={[tandem(2, "proposed", "mentor", ["accept", "decline"]), tandem(3, "accepted", "mentor", ["activate"])]}
        />
      </ShellProviders>
    </RendererProvider>,
  );
  // Griffel's own order (its renderToStyleElements): by bucket, then media query, then priority.
  const order = (bucket: StyleBucketName) => styleBucketOrdering.indexOf(bucket);
  const sheets = Object.values(renderer.stylesheets).sort(
    (a, b) =>
      order(a.bucketName) - order(b.bucketName) ||
      defaultCompareMediaQueries(a.elementAttributes.media ?? "", b.elementAttributes.media ?? "") ||
      Number(a.elementAttributes["data-priority"]) - Number(b.elementAttributes["data-priority"]),
  );
  const buckets: StyleBucket[] = sheets.map((sheet) => ({ attributes: sheet.elementAttributes, rules: sheet.cssRules() }));
  return styleBucketsHtml(buckets);
}
