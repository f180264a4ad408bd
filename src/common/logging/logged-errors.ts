/**
 * Requests whose error has already been written to the log, with the request id. The access
 * log skips them, so a failed request is one line, not two.
 */
const requestsWithLoggedError = new WeakSet<object>();

export function markErrorLogged(request: object | undefined): void {
  if (request) requestsWithLoggedError.add(request);
}

export function errorWasLogged(request: object): boolean {
  return requestsWithLoggedError.has(request);
}
