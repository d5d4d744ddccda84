import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleCollector, collectGarbage } from './idle-collector.js';

describe('IdleCollector', () => {
  afterEach(() => vi.useRealTimers());

  it('collects once the quiet time has passed after the last work, never while work runs', async () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const collector = new IdleCollector(30_000, collect);
    let finish!: () => void;
    const long = collector.track(() => new Promise<void>((resolve) => (finish = resolve)));
    await collector.track(async () => 'short');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(collect).not.toHaveBeenCalled();
    finish();
    await long;
    await vi.advanceTimersByTimeAsync(29_000);
    expect(collect).not.toHaveBeenCalled();
    // Work within the quiet time starts it again.
    await collector.track(async () => 'again');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(collect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('counts failed work as finished', async () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const collector = new IdleCollector(1_000, collect);
    await expect(collector.track(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(collect).toHaveBeenCalledTimes(1);
  });
});

describe('collectGarbage', () => {
  it('frees what nothing refers to any more', async () => {
    let garbage: object | undefined = { scores: new Array(100_000).fill(1) };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    // A WeakRef's target is kept until the end of the current job.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});
