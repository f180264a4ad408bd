import { Transform, type TransformCallback } from 'node:stream';
import type { AppConfig } from '../config/app-config';

/** Fastify's code for a body over its limit; the GraphQL-aware error handler answers it (app.factory.ts). */
const BODY_TOO_LARGE = 'FST_ERR_CTP_BODY_TOO_LARGE' as const;

export interface AnonymousBodyTooLarge extends Error {
  code: typeof BODY_TOO_LARGE;
  statusCode: 413;
  anonymousLimitBytes: number;
}

export function anonymousBodyTooLarge(limitBytes: number): AnonymousBodyTooLarge {
  return Object.assign(new Error(`Request body larger than ${limitBytes} bytes`), {
    code: BODY_TOO_LARGE,
    statusCode: 413 as const,
    anonymousLimitBytes: limitBytes,
  });
}

export function isAnonymousBodyTooLarge(error: unknown): error is AnonymousBodyTooLarge {
  return typeof (error as Partial<AnonymousBodyTooLarge> | null)?.anonymousLimitBytes === 'number';
}

/**
 * The GraphQL error for a body over ANONYMOUS_BODY_LIMIT_BYTES. What an anonymous caller usually
 * sends that large is a requirements file, so the message says what a scan may hold as well.
 */
export function anonymousBodyError(config: Pick<AppConfig, 'anonymousBodyLimitBytes' | 'scan'>): {
  message: string;
  extensions: Record<string, unknown>;
} {
  const limitBytes = config.anonymousBodyLimitBytes;
  const scanBytes = config.scan.maxUploadBytes;
  return {
    message:
      `The request body is larger than ${limitBytes} bytes, the most this service reads without an API token ` +
      `(ANONYMOUS_BODY_LIMIT_BYTES). A scan takes at most ${scanBytes} bytes of file content (SCAN_MAX_UPLOAD_BYTES); ` +
      `send less, or send larger bodies with "Authorization: Bearer <token>"`,
    extensions: { code: 'BAD_USER_INPUT', limit: 'ANONYMOUS_BODY_LIMIT_BYTES', limitBytes, scanMaxUploadBytes: scanBytes },
  };
}

/** Whether the declared length alone exceeds the limit (a body without Content-Length is capped while it streams). */
export function declaredLengthExceeds(contentLength: string | undefined, limitBytes: number): boolean {
  return contentLength !== undefined && Number(contentLength) > limitBytes;
}

/**
 * Passes a chunked body on until it exceeds `limitBytes`, then fails with the anonymous 413, so that
 * an anonymous body of unknown length is never buffered past the limit.
 */
export function capBodyStream(limitBytes: number): Transform {
  let received = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      received += chunk.length;
      if (received > limitBytes) callback(anonymousBodyTooLarge(limitBytes));
      else callback(null, chunk);
    },
  });
}
