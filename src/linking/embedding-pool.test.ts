import { describe, expect, it } from 'vitest';
import { EmbeddingPool, type Feeds } from './embedding-pool.js';
import { ELEMENT, model, node, valueInfo } from './onnx-proto.js';

/** The smallest model a job can run: int64 `values` in, the same numbers as floats out. */
const castModel = model('cast', [
  node('Cast', ['values'], ['out'], { to: ELEMENT.FLOAT }),
  valueInfo(11, 'values', ELEMENT.INT64, ['n']),
  valueInfo(12, 'out', ELEMENT.FLOAT, ['n']),
], 13);
const job = (...numbers: number[]): Feeds => ({ values: { data: BigInt64Array.from(numbers, BigInt), dims: [numbers.length] } });

describe('EmbeddingPool', () => {
  it('answers every job, in the order of the jobs, across its workers', async () => {
    const pool = new EmbeddingPool(castModel, 'out', 2);
    const jobs = Array.from({ length: 20 }, (_, i) => job(i, i + 1));
    const outputs = await pool.run(jobs);
    expect(outputs.map((o) => Array.from(o))).toEqual(Array.from({ length: 20 }, (_, i) => [i, i + 1]));
    // A second run after the first reuses or restarts the workers alike.
    expect(Array.from((await pool.run([job(7)]))[0]!)).toEqual([7]);
    await pool.close();
  });

  it('fails a job the model refuses with the runtime message, and keeps serving the others', async () => {
    const pool = new EmbeddingPool(castModel, 'out', 1);
    const wrong: Feeds = { other: { data: BigInt64Array.of(1n), dims: [1] } };
    await expect(pool.run([wrong])).rejects.toThrow(/embedding worker: .*values/i);
    expect(Array.from((await pool.run([job(3)]))[0]!)).toEqual([3]);
    await pool.close();
  });

  it('fails, rather than hangs, when the model cannot load, and on close', async () => {
    // Two workers: the first to fail stops its sibling, which may be inside onnxruntime's native session creation
    // then (terminating a thread there aborted the process in CI; the pool stops workers by message).
    const broken = new EmbeddingPool(Buffer.from('not a model'), 'out', 2);
    await expect(broken.run([job(1), job(2)])).rejects.toThrow();
    const pool = new EmbeddingPool(castModel, 'out', 1);
    const waiting = expect(pool.run([job(1), job(2), job(3)])).rejects.toThrow(/closed/);
    await pool.close();
    await waiting;
  });

  it('refuses a pool without workers', () => {
    expect(() => new EmbeddingPool(castModel, 'out', 0)).toThrow(/at least one worker/);
  });
});
