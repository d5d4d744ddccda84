/**
 * Admission for heavy operations (linking and analysis: the fields limits.ts prices as work): at most `concurrent`
 * run at once, at most `queue` wait, and none waits longer than `maxWaitSeconds`. A request that cannot be admitted
 * is refused at once with a time to retry (503, Retry-After), rather than piling up until its client times out;
 * cheap reads never pass through the gate. p-limit and p-queue bound concurrency, but neither refuses when its
 * queue is full nor gives up a wait.
 */
export interface WorkGateLimits {
  concurrent: number;
  queue: number;
  maxWaitSeconds: number;
}

/**
 * Two lanes (the machines this runs on have two cores; one lane leaves the event loop to cheap reads between a heavy
 * operation's steps, two keep a long one from holding the rest back), 64 waiting, 30 s at most: the first requests
 * after a start wait for the linking index (10–20 s for v1.1.1, lanes held meanwhile), and a browser waits that long;
 * past it a client hears "retry" instead of nothing.
 */
export const DEFAULT_WORK_GATE: WorkGateLimits = { concurrent: 2, queue: 64, maxWaitSeconds: 30 };

export type Admission = { ok: true; leave: () => void } | { ok: false; reason: 'queue full' | 'waited too long'; retryAfterSeconds: number };

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

export class WorkGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Mean run time of recent admissions (exponentially weighted), for Retry-After. */
  private meanMillis = 1_000;

  constructor(readonly limits: WorkGateLimits) {
    if (!Number.isInteger(limits.concurrent) || limits.concurrent < 1) throw new RangeError(`the work gate needs at least one concurrent operation, not ${limits.concurrent}`);
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Resolves once the operation may run (call `leave` when it is done), or with the refusal. */
  enter(): Promise<Admission> {
    if (this.running < this.limits.concurrent && this.waiting.length === 0) return Promise.resolve(this.admitted());
    if (this.waiting.length >= this.limits.queue) return Promise.resolve(this.refused('queue full'));
    return new Promise((resolve) => {
      const waiter: Waiter = {
        admit: () => resolve(this.admitted()),
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          resolve(this.refused('waited too long'));
        }, this.limits.maxWaitSeconds * 1000),
      };
      this.waiting.push(waiter);
    });
  }

  private admitted(): Admission {
    this.running++;
    const started = performance.now();
    let left = false;
    return {
      ok: true,
      leave: () => {
        if (left) return;
        left = true;
        this.running--;
        this.meanMillis = 0.8 * this.meanMillis + 0.2 * (performance.now() - started);
        const next = this.waiting.shift();
        if (next) {
          clearTimeout(next.timer);
          next.admit();
        }
      },
    };
  }

  /** Retry once the operations ahead would have run: the queue's length over the lanes, at the recent pace. */
  private refused(reason: 'queue full' | 'waited too long'): Admission {
    const ahead = (this.waiting.length + this.running) / this.limits.concurrent;
    return { ok: false, reason, retryAfterSeconds: Math.min(60, Math.max(1, Math.ceil((ahead * this.meanMillis) / 1000))) };
  }
}
