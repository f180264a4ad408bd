/**
 * A small memo for pure parse functions. Scans see the same few hundred version and
 * specifier strings over and over; a bounded memo keeps that fast without letting a
 * hostile stream of distinct strings grow memory.
 *
 * Two generations instead of a true LRU: lookups hit the young map, then the old one
 * (promoting the entry); when the young map is full it becomes the old one. Every
 * operation is O(1) with no iterator walks, and at most 2 × capacity entries are kept.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}

/** Strings longer than this are parsed every time rather than kept in a memo. */
export const MAX_CACHED_KEY_LENGTH = 256;
