import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** DNS, behind a class so the rule "a webhook's host must resolve" reads as one call. */
@Injectable()
export class HostResolver {
  /** Whether `hostname` names an address now (IP literals always do); gives up after `timeoutMs`. */
  async resolves(hostname: string, timeoutMs = 5_000): Promise<boolean> {
    const bare = hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(bare) !== 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([
        lookup(bare).then(
          () => true,
          () => false,
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
