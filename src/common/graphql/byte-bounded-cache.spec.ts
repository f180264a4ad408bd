import { describe, expect, it } from 'vitest';
import { ByteBoundedCache } from './byte-bounded-cache';

const cacheOf = (maxBytes: number) => new ByteBoundedCache<string>(maxBytes, (key, value) => key.length + value.length);

describe('ByteBoundedCache', () => {
  it('evicts the least recently used entries when the bytes would exceed the budget', () => {
    const cache = cacheOf(20);
    cache.set('a', '123456789'); // 10 bytes
    cache.set('b', '123456789'); // 20
    expect(cache.get('a')).toBe('123456789'); // a is now the most recent
    cache.set('c', '1234'); // 25 > 20: b goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('123456789');
    expect(cache.get('c')).toBe('1234');
    expect(cache.bytes).toBe(15);
    expect(cache.size).toBe(2);
  });

  it('refuses an entry larger than the whole budget and keeps the others', () => {
    const cache = cacheOf(20);
    cache.set('a', '1');
    expect(cache.set('big', 'x'.repeat(50))).toBe(false);
    expect(cache.get('a')).toBe('1');
    expect(cache.bytes).toBe(2);
  });

  it('counts a replaced entry once', () => {
    const cache = cacheOf(100);
    cache.set('a', '1234');
    cache.set('a', '12');
    expect(cache.bytes).toBe(3);
    cache.delete('a');
    expect(cache.bytes).toBe(0);
    expect(cache.size).toBe(0);
  });
});
