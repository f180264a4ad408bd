import { Inject, Injectable } from '@nestjs/common';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { isPrivateAddress } from './private-networks';

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

const REFUSED_ADDRESS = 'EPRIVATEADDRESS';

/**
 * Resolves like `dns.lookup` but keeps only public addresses: the check happens on the address
 * the connection is made to, so a host name that resolved to a public address when the webhook
 * was made and to a private one now (DNS rebinding) is still refused.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
    if (error) return callback(error, '', 4);
    const allowed = found.filter((entry) => !isPrivateAddress(entry.address));
    if (allowed.length === 0) {
      const refusal = Object.assign(new Error(`${hostname} resolves to ${found.map((entry) => entry.address).join(', ')}, no public address`), {
        code: REFUSED_ADDRESS,
      });
      return callback(refusal, '', 4);
    }
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, allowed);
    callback(null, allowed[0].address, allowed[0].family);
  });
};

/**
 * POSTs one webhook. Redirects are not followed (a 3xx is a failure: the receiver must give its
 * final URL), the answer's body is not read, and the whole exchange has a deadline. Unless the
 * operator allows it (WEBHOOK_PRIVATE_ADDRESSES), only public addresses are connected to.
 */
@Injectable()
export class WebhookTransport {
  private readonly allowPrivate: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.allowPrivate = config.deliveries.webhookPrivateAddresses === 'allow';
  }

  /** Resolves with the 2xx status; rejects with a WebhookFailure otherwise. */
  async post({ url, rawBody, headers, timeoutMs }: WebhookPost): Promise<number> {
    const target = new URL(url);
    // A literal address is connected to without a lookup: check it here (a host name is not private by itself).
    if (!this.allowPrivate && isPrivateAddress(target.hostname)) {
      throw new WebhookFailure(`POST ${url} refused: ${target.hostname} is a loopback, private or reserved address (WEBHOOK_PRIVATE_ADDRESSES=deny)`, null);
    }
    const signal = AbortSignal.timeout(timeoutMs);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(
        target,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'PyPE-Lifecycle-Webhooks',
            ...headers,
            'content-length': String(Buffer.byteLength(rawBody)),
          },
          signal,
          ...(this.allowPrivate ? {} : { lookup: publicOnlyLookup }),
        },
        resolve,
      );
      request.on('error', (error: Error & { code?: string }) => {
        const reason = signal.aborted
          ? `no answer within ${timeoutMs} ms`
          : error.code === REFUSED_ADDRESS
            ? `refused: ${error.message}`
            : (error.code ?? error.message);
        reject(new WebhookFailure(`POST ${url} failed: ${reason}`, null));
      });
      request.end(rawBody);
    });
    // The answer's body is not wanted: drop it and the connection it would hold.
    response.destroy();
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return status;
    const why = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
    throw new WebhookFailure(`POST ${url} answered ${status}${why}`, status);
  }
}
