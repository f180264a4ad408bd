/**
 * X-PyPE-Signature (PRODUCT.md "Notices"): `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * The timestamp is signed with the body, so a receiver that checks it against its own clock
 * rejects a replayed request as well as a forged one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function webhookSignature(secret: string, unixSeconds: number, rawBody: string): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

export type SignatureCheck = { valid: true; timestamp: number } | { valid: false; reason: string };

/** What a receiver does: parse the header, recompute, compare in constant time, check the age. */
export function verifyWebhookSignature(
  header: string | null | undefined,
  secret: string,
  rawBody: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): SignatureCheck {
  const parts = new Map((header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return { valid: false, reason: 'malformed signature header' };
  const expected = webhookSignature(secret, timestamp, rawBody).split('v1=')[1];
  if (!timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'))) return { valid: false, reason: 'signature does not match' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { valid: false, reason: 'timestamp outside the tolerance (replay?)' };
  return { valid: true, timestamp };
}
