import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PREFIX = 'pype_';
/**
 * Feed tokens (read-only, for calendar subscriptions) look different from API tokens, so the API
 * can refuse one with a clear message without looking it up. `pype_` is not a prefix of it.
 */
export const FEED_TOKEN_PREFIX = 'pypefeed_';
/** What people see of a token in listings: enough to tell tokens apart, useless to an attacker. */
const VISIBLE_CHARACTERS = 12;

export interface NewTokenSecret {
  token: string;
  hash: string;
  visiblePrefix: string;
}

export function generateTokenSecret(prefix = TOKEN_PREFIX): NewTokenSecret {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token), visiblePrefix: token.slice(0, VISIBLE_CHARACTERS) };
}

export const generateFeedTokenSecret = (): NewTokenSecret => generateTokenSecret(FEED_TOKEN_PREFIX);

export const isFeedToken = (token: string): boolean => token.startsWith(FEED_TOKEN_PREFIX);

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares secrets in constant time, so response timing says nothing about the secret. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Reads `Authorization: Bearer <token>`; null when absent, undefined when malformed. */
export function bearerTokenOf(header: string | undefined): string | null | undefined {
  if (header === undefined || header === '') return null;
  const match = /^Bearer[ \t]+([!-~]{1,512})[ \t]*$/i.exec(header);
  return match ? match[1] : undefined;
}
