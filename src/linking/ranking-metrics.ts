/** RP@k = |relevant ∩ top-k| / min(k, |relevant|): recall that does not punish k smaller than the gold set. */
export function rPrecisionAt(ranked: string[], relevant: Set<string>, k: number): number {
  if (relevant.size === 0) return 0;
  const hits = ranked.slice(0, k).filter((item) => relevant.has(item)).length;
  return hits / Math.min(k, relevant.size);
}

/** 1 / rank of the first relevant item, 0 when none is ranked. */
export function reciprocalRank(ranked: string[], relevant: Set<string>): number {
  const rank = ranked.findIndex((item) => relevant.has(item));
  return rank < 0 ? 0 : 1 / (rank + 1);
}

export interface RankingScores {
  rp1: number;
  rp5: number;
  rp10: number;
  mrr: number;
}

/** Averages RP@1, RP@5, RP@10 and MRR over queries. */
export function averageScores(results: { ranked: string[]; relevant: Set<string> }[]): RankingScores {
  const mean = (f: (r: (typeof results)[number]) => number) =>
    results.length === 0 ? 0 : results.reduce((sum, r) => sum + f(r), 0) / results.length;
  return {
    rp1: mean((r) => rPrecisionAt(r.ranked, r.relevant, 1)),
    rp5: mean((r) => rPrecisionAt(r.ranked, r.relevant, 5)),
    rp10: mean((r) => rPrecisionAt(r.ranked, r.relevant, 10)),
    mrr: mean((r) => reciprocalRank(r.ranked, r.relevant)),
  };
}
