/**
 * What the browser apps need before their first screen, without zod: the api's route table and plain constants.
 * The zod contracts (`@tandem/core`) load with the forms that validate input, after the first screen.
 */
export { routes, type Route, type RouteId } from "./contracts/routes";
export { trainingModules } from "./domain/training-modules";
