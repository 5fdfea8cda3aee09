import { TandemError, type Directory } from "@tandem/core";

/**
 * Outside local mode the directory is Microsoft Graph, which the api reaches on behalf of the user once the
 * Graph client lands (booking work). Until then, what needs the manager tree answers 503 rather than guess.
 */
export const unavailableDirectory: Directory = {
  async person() {
    return null;
  },
  async reportsOf() {
    throw new TandemError("unavailable", "The organisation directory (Microsoft Graph) is not configured.");
  },
};
