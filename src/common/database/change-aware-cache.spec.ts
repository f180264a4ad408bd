import { describe, expect, it } from 'vitest';
import { ChangeAwareCache } from './change-aware-cache';

function cacheAt(start = 1_000, ttlMs = 5_000, maxBytes = 1024 * 1024) {
  const clock = { now: start };
  const cache = new ChangeAwareCache<string>(
    ttlMs,
    maxBytes,
    () => clock.now,
    (value) => value.length,
  );
  cache.trusted = true;
  return { cache, clock };
}

describe('ChangeAwareCache', () => {
  it('answers a remembered lookup until its time is up, counted from when the lookup started', () => {
    const { cache, clock } = cacheAt();
    const lookup = cache.startLookup();
    clock.now += 1_000; // the database read took a second
    cache.remember('hash', 'principal', lookup);
    expect(cache.get('hash')).toBe('principal');
    clock.now += 3_999;
    expect(cache.get('hash')).toBe('principal');
    clock.now += 1;
    expect(cache.get('hash')).toBeUndefined();
  });

  it('forgets everything at once, and does not store a lookup that started before', () => {
    const { cache } = cacheAt();
    cache.remember('a', 'one', cache.startLookup());
    const racing = cache.startLookup();
    cache.forgetAll();
    expect(cache.get('a')).toBeUndefined();
    cache.remember('b', 'read before the revocation', racing);
    expect(cache.get('b')).toBeUndefined();
    cache.remember('b', 'read after it', cache.startLookup());
    expect(cache.get('b')).toBe('read after it');
  });

  it('answers nothing from memory and stores nothing while changes could go unnoticed, or with no time to live', () => {
    const { cache } = cacheAt();
    cache.remember('a', 'one', cache.startLookup());
    cache.trusted = false;
    expect(cache.get('a')).toBeUndefined();
    cache.remember('b', 'two', cache.startLookup());
    cache.trusted = true;
    expect(cache.get('b')).toBeUndefined();

    const off = cacheAt(0, 0).cache;
    off.remember('a', 'one', off.startLookup());
    expect(off.get('a')).toBeUndefined();
  });

  it('is bounded by bytes, dropping the least recently used', () => {
    const { cache } = cacheAt(0, 5_000, 3 * (512 + 1 + 100));
    for (const key of ['a', 'b', 'c', 'd']) cache.remember(key, 'x'.repeat(100), cache.startLookup());
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('d')).toBe('x'.repeat(100));
  });
});
