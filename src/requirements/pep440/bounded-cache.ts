/**
 * A small memo for pure parse functions. Scans see the same few hundred version and
 * specifier strings over and over; a bounded map keeps that fast without letting a
 * hostile stream of distinct strings grow memory. Eviction is oldest-first, which is
 * enough for a memo of immutable values.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Strings longer than this are parsed every time rather than kept in a memo. */
export const MAX_CACHED_KEY_LENGTH = 256;
