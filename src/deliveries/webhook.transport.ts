import { Injectable } from '@nestjs/common';

export interface WebhookPost {
  url: string;
  rawBody: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** A failed attempt: the receiver's status when it answered, and why. */
export class WebhookFailure extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'WebhookFailure';
  }
}

/**
 * POSTs one webhook. Redirects are not followed (a 3xx is a failure: the receiver must give its
 * final URL), the answer's body is not read, and the whole exchange has a deadline.
 */
@Injectable()
export class WebhookTransport {
  /** Resolves with the 2xx status; rejects with a WebhookFailure otherwise. */
  async post({ url, rawBody, headers, timeoutMs }: WebhookPost): Promise<number> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        body: rawBody,
        headers: { 'content-type': 'application/json', 'user-agent': 'PyPE-Lifecycle-Webhooks', ...headers },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = error as Error & { cause?: { code?: string; message?: string } };
      const reason = cause.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause.cause?.code ?? cause.cause?.message ?? cause.message);
      throw new WebhookFailure(`POST ${url} failed: ${reason}`, null);
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return response.status;
    const why = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
    throw new WebhookFailure(`POST ${url} answered ${response.status}${why}`, response.status);
  }
}
