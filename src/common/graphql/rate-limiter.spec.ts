import { describe, expect, it } from 'vitest';
import { clientKeyOf, RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('lets a burst through, then one request per refill interval, per client', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 3, 100, () => now); // one a second after a burst of 3
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1000);
    expect(limiter.take('b')).toBe(0);
    now = 500;
    expect(limiter.take('a')).toBe(500);
    now = 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });

  it('tells how long a client must wait without counting a request (waitFor)', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 2, 100, () => now);
    expect(limiter.waitFor('a')).toBe(0);
    expect(limiter.clients).toBe(0);
    limiter.take('a');
    expect(limiter.waitFor('a')).toBe(0);
    limiter.take('a');
    expect(limiter.waitFor('a')).toBe(1000);
    expect(limiter.waitFor('a')).toBe(1000);
    now = 1000;
    expect(limiter.waitFor('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
  });

  it('is off with 0 per minute', () => {
    const limiter = new RateLimiter(0, 1);
    for (let i = 0; i < 10; i++) expect(limiter.take('a')).toBe(0);
    expect(limiter.clients).toBe(0);
  });

  it('keeps at most maxClients buckets, dropping full ones first', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 2, 3, () => now);
    limiter.take('a');
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    now = 10;
    limiter.take('d'); // room is made: none is full yet, so the oldest (a) goes
    expect(limiter.clients).toBe(3);
    expect(limiter.take('a')).toBe(0); // a starts over with a full bucket
  });
});

describe('clientKeyOf', () => {
  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(clientKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
  });
});
