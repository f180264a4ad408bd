import { describe, expect, it } from 'vitest';
import { cookieValue, setCookie } from './cookies';

describe('cookieValue', () => {
  it('finds a cookie among others', () => {
    expect(cookieValue('a=1; pype_session=abc_DEF-123; b=2', 'pype_session')).toBe('abc_DEF-123');
  });

  it('is null when absent, empty or not a token', () => {
    expect(cookieValue(undefined, 'x')).toBeNull();
    expect(cookieValue('x=', 'x')).toBeNull();
    expect(cookieValue('x=a"b', 'x')).toBeNull();
    expect(cookieValue('xx=1', 'x')).toBeNull();
  });
});

describe('setCookie', () => {
  it('writes an HttpOnly cookie, Secure only when asked', () => {
    expect(setCookie('s', 'v', { maxAgeSeconds: 60, secure: false, sameSite: 'Lax' })).toBe('s=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
    expect(setCookie('s', '', { maxAgeSeconds: 0, secure: true, sameSite: 'Strict' })).toBe('s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure');
  });
});
