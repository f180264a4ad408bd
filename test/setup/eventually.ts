/**
 * Polls until `accept` holds (or the time is up) and returns the last value: for changes that
 * other replicas learn by notification, a few milliseconds after the write commits.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((done) => setTimeout(done, 25));
  }
}
