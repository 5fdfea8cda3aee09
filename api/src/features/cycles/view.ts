import type { Cycle, CycleView, Versioned } from "@tandem/core";
import { withEtag } from "../../platform/versions";

export const cycleView = (c: Versioned<Cycle>): CycleView => withEtag(c);
