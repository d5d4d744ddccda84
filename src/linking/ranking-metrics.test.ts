import { describe, expect, it } from 'vitest';
import { averageScores, reciprocalRank, rPrecisionAt } from './ranking-metrics.js';

describe('ranking metrics', () => {
  it('computes RP@k against min(k, |relevant|) and MRR from the first relevant rank', () => {
    const ranked = ['a', 'b', 'c', 'd'];
    expect(rPrecisionAt(ranked, new Set(['b']), 1)).toBe(0);
    expect(rPrecisionAt(ranked, new Set(['b']), 5)).toBe(1);
    expect(rPrecisionAt(ranked, new Set(['a', 'd', 'x']), 1)).toBe(1);
    expect(rPrecisionAt(ranked, new Set(['a', 'd', 'x']), 5)).toBeCloseTo(2 / 3);
    expect(reciprocalRank(ranked, new Set(['c']))).toBeCloseTo(1 / 3);
    expect(reciprocalRank(ranked, new Set(['x']))).toBe(0);
    expect(averageScores([{ ranked, relevant: new Set(['a']) }, { ranked, relevant: new Set(['b']) }]).mrr).toBeCloseTo(0.75);
  });
});
