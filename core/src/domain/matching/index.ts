export * from "./input";
export { FIT_UNITS, fitScale, fitParts, type FitScale, type PairFacts } from "./fit";
export { minCostFlow, type FlowNetwork, type FlowSolution } from "./flow";
export { weeklyIntervals, sharedMinutes, MINUTES_PER_WEEK } from "./hours";
export { OPEN_STATUSES, MET_STATUSES } from "./rules";
export { matchCohort, proposalsOf, type MatchingRun, type MatchingStats } from "./solve";
export { describeFitPart, describeRule, describeShortfall, describeUnmatched, describeWhyNot, type Names } from "./words";
export { prepareMatching, type PreparedMatching, type Candidates } from "./solve";
