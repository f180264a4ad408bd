/**
 * Runs synchronous parsing work with V8's stack-trace capture switched off. The readers
 * report bad lines by catching the parsers' exceptions and turning them into findings,
 * so their stacks are never used; capturing them made a file of garbage lines cost
 * tens of microseconds per line, an easy way to keep a server busy. The previous limit
 * is restored afterwards, also when the work throws.
 */
export function withoutStackTraces<T>(work: () => T): T {
  const previous = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return work();
  } finally {
    Error.stackTraceLimit = previous;
  }
}
