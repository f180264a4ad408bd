import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A stored secret could not be opened: no key, or not the key it was sealed with. */
export class SealedSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedSecretError';
  }
}

/** A secret as stored: sealed (encrypted with the key) or, without a key, as given. */
export interface StoredSecret {
  secret: string;
  sealed: boolean;
}

const IV_BYTES = 12;

/**
 * Webhook secrets at rest: sealed with AES-256-GCM under WEBHOOK_SECRET_KEY when one is set, so a
 * copy of the database alone does not let anyone sign webhooks their receivers would believe.
 * Stored as `iv.tag.ciphertext` (base64url); the tag makes a wrong key or an altered value fail
 * rather than yield a wrong secret.
 */
export class SecretBox {
  constructor(private readonly key: Buffer | null) {
    if (key !== null && key.length !== 32) throw new Error('A secret box key has 32 bytes');
  }

  get sealing(): boolean {
    return this.key !== null;
  }

  seal(secret: string): StoredSecret {
    if (this.key === null) return { secret, sealed: false };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return { secret: [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.'), sealed: true };
  }

  open(stored: StoredSecret): string {
    if (!stored.sealed) return stored.secret;
    if (this.key === null) throw new SealedSecretError('the webhook secret is sealed and WEBHOOK_SECRET_KEY is not set');
    const [iv, tag, ciphertext] = stored.secret.split('.').map((part) => Buffer.from(part, 'base64url'));
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedSecretError('the webhook secret was sealed with another WEBHOOK_SECRET_KEY (or altered)');
    }
  }
}
