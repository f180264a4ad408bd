import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** DNS, behind a class so the rules about a webhook's host read as one call each. */
@Injectable()
export class HostResolver {
  /**
   * The addresses `hostname` names now (an IP literal names itself); none when it does not
   * resolve, or not within `timeoutMs`.
   */
  async addresses(hostname: string, timeoutMs = 5_000): Promise<string[]> {
    const bare = hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(bare) !== 0) return [bare];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), timeoutMs);
    });
    try {
      return await Promise.race([
        lookup(bare, { all: true }).then(
          (found) => found.map((entry) => entry.address),
          () => [],
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
