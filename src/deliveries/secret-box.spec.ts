import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SealedSecretError, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const key = randomBytes(32);

  it('seals a secret so that the stored value does not show it, and opens it again', () => {
    const box = new SecretBox(key);
    const stored = box.seal('a-long-enough-shared-secret');
    expect(stored.sealed).toBe(true);
    expect(stored.secret).not.toContain('shared-secret');
    expect(box.open(stored)).toBe('a-long-enough-shared-secret');
  });

  it('seals the same secret differently each time (a fresh IV)', () => {
    const box = new SecretBox(key);
    expect(box.seal('same secret, twice').secret).not.toBe(box.seal('same secret, twice').secret);
  });

  it('keeps secrets as given without a key, and opens unsealed ones with or without a key', () => {
    expect(new SecretBox(null).seal('plain secret here')).toEqual({ secret: 'plain secret here', sealed: false });
    expect(new SecretBox(key).open({ secret: 'plain secret here', sealed: false })).toBe('plain secret here');
  });

  it('refuses to open without the key, with another key, or an altered value', () => {
    const stored = new SecretBox(key).seal('a-long-enough-shared-secret');
    expect(() => new SecretBox(null).open(stored)).toThrow(SealedSecretError);
    expect(() => new SecretBox(randomBytes(32)).open(stored)).toThrow(/another WEBHOOK_SECRET_KEY/);
    const [iv, tag, ciphertext] = stored.secret.split('.');
    const altered = Buffer.from(ciphertext, 'base64url');
    altered[0] ^= 1;
    expect(() => new SecretBox(key).open({ sealed: true, secret: [iv, tag, altered.toString('base64url')].join('.') })).toThrow(SealedSecretError);
  });
});
