/**
 * An error that leaves the simulator in Graph's error shape: `{ error: { code, message, innerError } }`
 * (https://learn.microsoft.com/graph/errors). Codes are the ones Graph and Outlook answer with where we know them.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = "ErrorInvalidRequest") => new GraphError(400, code, message);

export const itemNotFound = () => new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");

export const resourceNotFound = (id: string) =>
  new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const accessDenied = () => new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
