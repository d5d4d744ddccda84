import { describe, expect, it } from 'vitest';
import { VectorScan } from './vector-scan.js';

/** A deterministic pseudo-random matrix, so a failure can be replayed. */
function matrix(rows: number, dimension: number, seed: number): Float32Array {
  const out = new Float32Array(rows * dimension);
  let state = seed;
  for (let i = 0; i < out.length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out[i] = state / 2 ** 30 - 1;
  }
  return out;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const row = (m: Float32Array, dimension: number, r: number) => m.subarray(r * dimension, (r + 1) * dimension);

describe('VectorScan', () => {
  it('gives every query its dot product with every row, also across chunks of queries', async () => {
    const dimension = 24;
    const rows = 300;
    const data = matrix(rows, dimension, 7);
    const queries = Array.from({ length: 70 }, (_, q) => row(matrix(1, dimension, 100 + q), dimension, 0));
    const scan = await VectorScan.create(data, dimension);
    const dots = await collect(scan.dots(queries));
    expect(dots).toHaveLength(queries.length);
    for (const q of [0, 63, 64, 69]) {
      expect(dots[q]).toHaveLength(rows);
      for (const r of [0, 1, 150, rows - 1]) {
        const expected = row(data, dimension, r).reduce((sum, value, i) => sum + value * queries[q]![i]!, 0);
        expect(dots[q]![r]).toBeCloseTo(expected, 4);
      }
    }
  });

  it('refuses a query or matrix of the wrong dimension', async () => {
    await expect(VectorScan.create(new Float32Array(10), 4)).rejects.toThrow('does not hold 4-d rows');
    const scan = await VectorScan.create(matrix(5, 4, 1), 4);
    await expect(collect(scan.dots([new Float32Array(3)]))).rejects.toThrow('a 3-d query against 4-d vectors');
  });
});
