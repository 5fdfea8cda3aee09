import type { ComponentType, LazyExoticComponent } from "react";
import type { MessageKey } from "../../i18n/en";
import { lazyView, messagesChunk, reportMessages } from "../../i18n/i18n";

/**
 * The coordinator's area ("Program"), one entry per section: its place in the URL (`#/program/<id>`), its name
 * in the area's navigation, and its view, loaded when first opened (a chunk of its own, with its strings). The
 * area shows its sections in this order, the first one by default. A new section is one more entry here: its
 * view (a default export), its name in tabs/src/app/messages.ts or its feature's messages, and, when its strings
 * are many, a chunk of strings of its own passed to lazyView as `reportMessages` is.
 */
export interface CoordinatorSection {
  id: string;
  label: MessageKey;
  View: LazyExoticComponent<ComponentType>;
}

/** The console's strings (matching, demand, tandems, catalogue): loaded with the first of those sections. */
export const consoleMessages = messagesChunk(() => import("./messages").then((m) => m.consoleMessages));

export const coordinatorSections: readonly CoordinatorSection[] = [
  { id: "health", label: "program.section.health", View: lazyView(() => import("./health/HealthSection"), reportMessages) },
  { id: "matching", label: "program.section.matching", View: lazyView(() => import("./matching/MatchingSection"), reportMessages, consoleMessages) },
  { id: "demand", label: "program.section.demand", View: lazyView(() => import("./demand/DemandSection"), reportMessages, consoleMessages) },
  { id: "tandems", label: "program.section.tandems", View: lazyView(() => import("./tandems/TandemsSection"), reportMessages, consoleMessages) },
  { id: "catalogue", label: "program.section.catalogue", View: lazyView(() => import("./catalogue/CatalogueSection"), reportMessages, consoleMessages) },
];
