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
  /** Share of the best enumeration part's score in a split query's score; the rest is the whole text's. */
  partsWeight?: number;
}

/**
 * Tuned on the SkillSkape dev set only (`npm run bench:link -- --tune`): the cosine of the best-matching text
 * carries most of the ranking, BM25 lifts concepts whose exact words appear.
 */
export const DEFAULT_VECTOR_WEIGHT = 0.7;

/**
 * Tuned on the SkillSkape dev set only, the vector weight kept at its earlier tuned value (0.3–0.5 is a plateau,
 * 0.4 the best RP@5): the whole text keeps most of the say (it holds the context that ties the parts together),
 * the best-matching part lifts skills that one part alone names.
 */
export const DEFAULT_PARTS_WEIGHT = 0.4;

const MATCHED_ON: Record<TextField, MatchedOn> = { label: 'LABEL', altLabel: 'ALT_LABEL', description: 'DESCRIPTION' };

/** One text to rank by, with its vector when there is an embedder. */
export interface QueryText {
  text: string;
  vector?: Float32Array;
}

/** The two signals for one text, computed once: fusion weights can then be varied cheaply (the benchmark's tuning). */
export interface TextSignals {
  vector?: VectorScores;
  lexical: Map<number, number>;
}

/**
 * Signals of each query's texts (`queryTexts`: the whole text first, then its enumeration parts). The texts of all
 * queries share one vector scan: ranking a programme's outcomes together costs a few scans, not one per outcome.
 */
export async function rankingSignals(index: ConceptIndex, queries: QueryText[][], mode: RankingMode = 'hybrid'): Promise<TextSignals[][]> {
  const texts = queries.flat();
  const withVectors = mode !== 'lexical' && texts.length > 0 && texts.every((q) => q.vector);
  const vectors = withVectors ? await index.vectorScores(texts.map((q) => q.vector!)) : undefined;
  let position = 0;
  return queries.map((query) => query.map((q) => ({
    vector: vectors?.[position++],
    lexical: mode === 'vector' && vectors ? new Map<number, number>() : index.lexicalScores(q.text),
  })));
}

/**
 * Ranks every concept of an index for each query: the single ranking behind the GraphQL resolvers, the CLI and
 * the benchmark. Without vectors (no embedder) it is lexical.
 */
export async function rankConcepts(index: ConceptIndex, queries: QueryText[][], options: RankOptions): Promise<RankedConcept[][]> {
  return (await rankingSignals(index, queries, options.mode)).map((signals) => fuseSignals(index, signals, options));
}

/**
 * Each text scores every concept by its own hybrid (its own BM25 normalization, its own cosine); a split query's
 * score is `(1 − p) · whole + p · best part`, so a skill named by one part of an enumeration is not drowned by
 * the part the whole text's vector and BM25 favour.
 */
export function fuseSignals(index: ConceptIndex, signals: TextSignals[], options: RankOptions): RankedConcept[] {
  const [whole, ...parts] = signals.map((s) => hybridScores(index, s, options.vectorWeight ?? DEFAULT_VECTOR_WEIGHT));
  const p = parts.length > 0 ? (options.partsWeight ?? DEFAULT_PARTS_WEIGHT) : 0;
  const scores = new Float64Array(index.size);
  const matched: MatchedOn[] = new Array(index.size);
  for (let c = 0; c < index.size; c++) {
    let best = parts[0];
    for (const part of parts) if (part.scores[c]! > best!.scores[c]!) best = part;
    const partScore = best ? best.scores[c]! : 0;
    scores[c] = (1 - p) * whole!.scores[c]! + p * partScore;
    matched[c] = best && p * partScore > (1 - p) * whole!.scores[c]! ? best.matched[c]! : whole!.matched[c]!;
  }
  const order = Array.from(scores.keys()).filter((c) => scores[c]! > 0 && scores[c]! >= (options.minScore ?? 0));
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.slice(0, options.first).map((c) => ({ concept: index.docs[c]!, score: scores[c]!, matchedOn: matched[c]! }));
}

/** `w · cosine + (1 − w) · BM25 / max BM25` per concept, and which field made it match. */
function hybridScores(index: ConceptIndex, { vector, lexical }: TextSignals, vectorWeight: number) {
  let maxLexical = 0;
  for (const score of lexical.values()) maxLexical = Math.max(maxLexical, score);
  const alpha = vector ? (lexical.size > 0 ? vectorWeight : 1) : 0;
  const scores = new Float64Array(index.size);
  const matched: MatchedOn[] = new Array(index.size);
  for (let c = 0; c < index.size; c++) {
    const cosine = vector ? Math.max(0, vector.scores[c]!) : 0;
    const bm25 = maxLexical > 0 ? (lexical.get(c) ?? 0) / maxLexical : 0;
    scores[c] = alpha * cosine + (1 - alpha) * bm25;
    matched[c] = vector && alpha * cosine >= (1 - alpha) * bm25 ? MATCHED_ON[vector.fields[c]!] : 'LEXICAL';
  }
  return { scores, matched };
}
