import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature, webhookSignature } from './webhook-signature';

const SECRET = 'a-secret-of-sufficient-length';
const BODY = '{"id":"d1","event":"notice.milestone"}';

describe('webhookSignature', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', SECRET).update(`1700000000.${BODY}`).digest('hex');
    expect(webhookSignature(SECRET, 1_700_000_000, BODY)).toBe(`t=1700000000,v1=${expected}`);
  });
});

describe('verifyWebhookSignature', () => {
  const header = webhookSignature(SECRET, 1_700_000_000, BODY);

  it('accepts the signature of this body within the tolerance', () => {
    expect(verifyWebhookSignature(header, SECRET, BODY, 1_700_000_100)).toEqual({ valid: true, timestamp: 1_700_000_000 });
  });

  it('rejects another body, another secret, a changed timestamp and a malformed header', () => {
    expect(verifyWebhookSignature(header, SECRET, BODY.replace('d1', 'd2'), 1_700_000_000)).toMatchObject({ valid: false, reason: 'signature does not match' });
    expect(verifyWebhookSignature(header, 'another-secret-of-enough-length', BODY, 1_700_000_000)).toMatchObject({ valid: false });
    expect(verifyWebhookSignature(header.replace('t=1700000000', 't=1700000001'), SECRET, BODY, 1_700_000_000)).toMatchObject({ valid: false });
    expect(verifyWebhookSignature('v1=abc', SECRET, BODY, 1_700_000_000)).toMatchObject({ valid: false, reason: 'malformed signature header' });
    expect(verifyWebhookSignature(undefined, SECRET, BODY, 1_700_000_000)).toMatchObject({ valid: false });
  });

  it('rejects a replay older than the tolerance', () => {
    expect(verifyWebhookSignature(header, SECRET, BODY, 1_700_000_000 + 301)).toMatchObject({
      valid: false,
      reason: 'timestamp outside the tolerance (replay?)',
    });
  });
});
