import { ByteBoundedCache } from '../graphql/byte-bounded-cache';

/** What one entry may take besides its value: the key (a hex hash), bookkeeping, the map slot. */
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * Values read from the database (API token lookups, signed-in answers) kept in memory for a short
 * while, for as long as nothing they were read from has changed.
 *
 * Freshness rests on three things, each enough on its own for what it covers:
 * - `forgetAll()` whenever something that decides a value may have changed: the database
 *   notifies every replica of writes to the tables the values are read from, and a replica
 *   forgets after each of its own mutations;
 * - `trusted` false (the notification connection is down): nothing is answered from memory;
 * - every entry expires `ttlMs` after its lookup started, the bound if a notification is lost
 *   while the connection still looks alive.
 * A lookup that started before a `forgetAll()` is not stored, so a read racing a write (a
 * revocation, a new deployment) cannot put the old value back. Callers decide what is worth
 * storing (for tokens, only those that authenticated: unknown hashes would let anyone fill it).
 */
export class ChangeAwareCache<V> {
  private readonly entries: ByteBoundedCache<{ value: V; expiresAt: number }>;
  private generation = 0;
  /** False while changes could go unnoticed (no notification connection). */
  trusted = false;

  constructor(
    private readonly ttlMs: number,
    maxBytes: number,
    private readonly now: () => number,
    sizeOf: (value: V) => number,
  ) {
    this.entries = new ByteBoundedCache(maxBytes, (key, entry) => ENTRY_OVERHEAD_BYTES + key.length + sizeOf(entry.value));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Memory the entries are charged, in bytes. */
  get bytes(): number {
    return this.entries.bytes;
  }

  /** Taken before a lookup reads the database, and handed back to `remember`. */
  startLookup(): { generation: number; startedAt: number } {
    return { generation: this.generation, startedAt: this.now() };
  }

  get(tokenHash: string): V | undefined {
    if (!this.trusted || this.ttlMs === 0) return undefined;
    const entry = this.entries.get(tokenHash);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.now()) return entry.value;
    this.entries.delete(tokenHash);
    return undefined;
  }

  /** Stores what a lookup read, unless something was forgotten since it started. */
  remember(tokenHash: string, value: V, lookup: { generation: number; startedAt: number }): void {
    if (!this.trusted || this.ttlMs === 0 || lookup.generation !== this.generation) return;
    this.entries.set(tokenHash, { value, expiresAt: lookup.startedAt + this.ttlMs });
  }

  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
