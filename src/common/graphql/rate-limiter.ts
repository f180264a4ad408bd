/**
 * Per-client token buckets for callers without a token: each client may send `burst` requests at
 * once and `perMinute` a minute after that. Bounded in memory like everything else: at most
 * `maxClients` buckets; a full bucket is the same as none, so those go first when room is needed.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly tokensPerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly maxClients = 100_000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokensPerMs = perMinute / 60_000;
  }

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  get clients(): number {
    return this.buckets.size;
  }

  /** Like take(), without counting: 0 when this client may send one more, otherwise the milliseconds until it may. */
  waitFor(client: string): number {
    const bucket = this.enabled ? this.buckets.get(client) : undefined;
    if (bucket === undefined) return 0;
    const tokens = Math.min(this.burst, bucket.tokens + (this.now() - bucket.at) * this.tokensPerMs);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.tokensPerMs);
  }

  /** Counts a request of this client: 0 when it may go ahead, otherwise the milliseconds until it may. */
  take(client: string): number {
    if (!this.enabled) return 0;
    const now = this.now();
    let bucket = this.buckets.get(client);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxClients) this.makeRoom(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(client, bucket);
    } else {
      bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.tokensPerMs);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.tokensPerMs);
  }

  private makeRoom(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.tokensPerMs >= this.burst) this.buckets.delete(client);
    }
    // Still full: the longest-known clients go (Map keeps insertion order).
    for (const client of this.buckets.keys()) {
      if (this.buckets.size < this.maxClients) break;
      this.buckets.delete(client);
    }
  }
}

/** The client a request is counted for: its address, IPv6 by its /64 (one host usually owns the whole prefix). */
export function clientKeyOf(ip: string): string {
  if (!ip.includes(':') || ip.startsWith('::ffff:')) return ip.replace(/^::ffff:/, '');
  const groups = expandIpv6(ip);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : ip;
}

function expandIpv6(ip: string): string[] | null {
  const [head, tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  if (tail === undefined && left.length !== 8) return null;
  const missing = 8 - left.length - right.length;
  if (missing < 0) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
