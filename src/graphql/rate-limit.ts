/**
 * Per-client token buckets over the cost units of limits.ts: a bucket holds at most `burst` units and refills at
 * `perMinute`. A token bucket rather than rate-limiter-flexible's fixed windows: a client that has been idle may
 * spend its whole burst at once (one big legitimate request), and is then held to the refill rate.
 */
export interface RateLimit {
  /** Units a client regains per minute; 0 turns rate limiting off. */
  perMinute: number;
  /** Most units a client may spend at once: at least the cost limit, so one request within it is never refused. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perMinute: 300_000, burst: 100_000 };

export type Charge = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  units: number;
  at: number;
}

/** Past this many clients, buckets that have refilled (the same as a fresh one) are forgotten. */
const MAX_CLIENTS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(readonly limit: RateLimit, private readonly now: () => number = Date.now) {
    this.perMs = limit.perMinute / 60_000;
  }

  get enabled(): boolean {
    return this.limit.perMinute > 0;
  }

  /** Takes `units` from the client's bucket, or says in how many seconds it will hold them (nothing is taken then). */
  charge(client: string, units: number): Charge {
    if (!this.enabled || units <= 0) return { ok: true };
    const now = this.now();
    const bucket = this.refilled(client, now);
    if (bucket.units >= units) {
      bucket.units -= units;
      return { ok: true };
    }
    // A request above the burst could never pass: it waits as if it were the burst, and the cost limit refuses it.
    const missing = Math.min(units, this.limit.burst) - bucket.units;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.perMs / 1000)) };
  }

  /** Gives back what a charge took for work that was then not done (the server refused it as busy). */
  refund(client: string, units: number): void {
    if (!this.enabled || units <= 0) return;
    const bucket = this.refilled(client, this.now());
    bucket.units = Math.min(this.limit.burst, bucket.units + units);
  }

  private refilled(client: string, now: number): Bucket {
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size >= MAX_CLIENTS) this.forgetFull(now);
      bucket = { units: this.limit.burst, at: now };
      this.buckets.set(client, bucket);
    }
    bucket.units = Math.min(this.limit.burst, bucket.units + (now - bucket.at) * this.perMs);
    bucket.at = now;
    return bucket;
  }

  private forgetFull(now: number) {
    for (const [client, bucket] of this.buckets) {
      if (bucket.units + (now - bucket.at) * this.perMs >= this.limit.burst) this.buckets.delete(client);
    }
    // Every client still owing: the oldest go, so memory stays bounded under a flood of addresses.
    for (const client of this.buckets.keys()) {
      if (this.buckets.size < MAX_CLIENTS) break;
      this.buckets.delete(client);
    }
  }
}
