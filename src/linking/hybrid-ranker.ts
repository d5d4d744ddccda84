import type { ConceptIndex, VectorScores } from './concept-index.js';
import type { ConceptDoc, TextField } from './concept-texts.js';

/** What made a concept match: one of its texts by meaning, or the words it shares with the query. */
export type MatchedOn = 'LABEL' | 'ALT_LABEL' | 'DESCRIPTION' | 'LEXICAL';

export type RankingMode = 'hybrid' | 'vector' | 'lexical';

export interface RankedConcept {
  concept: ConceptDoc;
  /** In [0, 1] for the hybrid: the weighted mix of cosine similarity and max-normalized BM25. */
  score: number;
  matchedOn: MatchedOn;
}

export interface RankOptions {
  first: number;
  minScore?: number;
  mode?: RankingMode;
  /** Share of the cosine in the hybrid score; the rest is normalized BM25. */
  vectorWeight?: number;
}

/**
 * Tuned on the SkillSkape dev set only (`npm run bench:link -- --tune`): the cosine of the best-matching text
 * carries most of the ranking, BM25 lifts concepts whose exact words appear.
 */
export const DEFAULT_VECTOR_WEIGHT = 0.7;

const MATCHED_ON: Record<TextField, MatchedOn> = { label: 'LABEL', altLabel: 'ALT_LABEL', description: 'DESCRIPTION' };

/** The two signals for one text, computed once: fusion weights can then be varied cheaply (the benchmark's tuning). */
export interface RankingSignals {
  vector?: VectorScores;
  lexical: Map<number, number>;
}

export function rankingSignals(index: ConceptIndex, text: string, queryVector: Float32Array | undefined, mode: RankingMode = 'hybrid'): RankingSignals {
  const vector = queryVector && mode !== 'lexical' ? index.vectorScores(queryVector) : undefined;
  const lexical = mode === 'vector' && vector ? new Map<number, number>() : index.lexicalScores(text);
  return { vector, lexical };
}

/**
 * Ranks every concept of an index for a text: the single ranking behind the GraphQL resolvers, the CLI and the
 * benchmark. Without a query vector (no embedder) it is the lexical ranking.
 */
export function rankConcepts(index: ConceptIndex, text: string, queryVector: Float32Array | undefined, options: RankOptions): RankedConcept[] {
  return fuseSignals(index, rankingSignals(index, text, queryVector, options.mode), options);
}

export function fuseSignals(index: ConceptIndex, { vector, lexical }: RankingSignals, options: RankOptions): RankedConcept[] {
  let maxLexical = 0;
  for (const score of lexical.values()) maxLexical = Math.max(maxLexical, score);
  const alpha = vector ? (lexical.size > 0 ? (options.vectorWeight ?? DEFAULT_VECTOR_WEIGHT) : 1) : 0;

  const scores = new Float64Array(index.size);
  const matched: MatchedOn[] = new Array(index.size);
  for (let c = 0; c < index.size; c++) {
    const cosine = vector ? Math.max(0, vector.scores[c]!) : 0;
    const bm25 = maxLexical > 0 ? (lexical.get(c) ?? 0) / maxLexical : 0;
    scores[c] = alpha * cosine + (1 - alpha) * bm25;
    matched[c] = vector && alpha * cosine >= (1 - alpha) * bm25 ? MATCHED_ON[vector.fields[c]!] : 'LEXICAL';
  }
  const order = Array.from(scores.keys()).filter((c) => scores[c]! > 0 && scores[c]! >= (options.minScore ?? 0));
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.slice(0, options.first).map((c) => ({ concept: index.docs[c]!, score: scores[c]!, matchedOn: matched[c]! }));
}
