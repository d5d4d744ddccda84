import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleCollector, collectGarbage } from './idle-collector.js';

describe('IdleCollector', () => {
  afterEach(() => vi.useRealTimers());

  it('collects once the quiet time has passed after the last work, never while work runs', async () => {
    vi.useFakeTimers();
    const collect = vi.fn(() => true);
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
    expect(collect.mock.calls).toEqual([[0]]);
  });

  it('takes a step every stepMs until the collection says it is done, at most maxSteps', async () => {
    vi.useFakeTimers();
    const untilThird = vi.fn((step: number) => step === 2);
    new IdleCollector(1_000, untilThird, 500, 10).track(async () => {});
    await vi.advanceTimersByTimeAsync(1_000);
    expect(untilThird.mock.calls).toEqual([[0]]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(untilThird.mock.calls).toEqual([[0], [1], [2]]);

    const never = vi.fn(() => false);
    new IdleCollector(1_000, never, 500, 4).track(async () => {});
    await vi.advanceTimersByTimeAsync(60_000);
    expect(never.mock.calls).toEqual([[0], [1], [2], [3]]);
  });

  it('stops its steps when work comes, and starts from the first after that work', async () => {
    vi.useFakeTimers();
    const collect = vi.fn(() => false);
    const collector = new IdleCollector(1_000, collect, 500, 10);
    await collector.track(async () => {});
    await vi.advanceTimersByTimeAsync(1_500);
    expect(collect.mock.calls).toEqual([[0], [1]]);
    let finish!: () => void;
    const work = collector.track(() => new Promise<void>((resolve) => (finish = resolve)));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(collect).toHaveBeenCalledTimes(2);
    finish();
    await work;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(collect.mock.calls.at(-1)).toEqual([0]);
  });

  it('counts failed work as finished', async () => {
    vi.useFakeTimers();
    const collect = vi.fn(() => true);
    const collector = new IdleCollector(1_000, collect);
    await expect(collector.track(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(collect).toHaveBeenCalledTimes(1);
  });
});

describe('collectGarbage', () => {
  const youngBytes = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.physical_space_size;

  it('frees what nothing refers to any more', async () => {
    let garbage: object | undefined = { scores: new Array(100_000).fill(1) };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    // A WeakRef's target is kept until the end of the current job.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage(0);
    expect(ref.deref()).toBeUndefined();
  });

  it('shrinks a grown young generation within a few steps a second apart', async () => {
    // Short-lived objects, as a linking call makes, grow the young generation to its maximum.
    let kept: object[] = [];
    for (let round = 0; round < 100; round++) {
      kept = Array.from({ length: 20_000 }, (_, i) => ({ i, text: `label ${i}` }));
    }
    expect(kept).toHaveLength(20_000);
    kept = [];
    expect(youngBytes()).toBeGreaterThan(8 * 2 ** 20);
    let step = 0;
    while (!collectGarbage(step) && step < 14) {
      step++;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(youngBytes()).toBeLessThanOrEqual(8 * 2 ** 20);
  }, 30_000);
});
