import MiniSearch from 'minisearch';
import { type ConceptIndex, FIELD_COUNT } from '../concept-index.js';
import type { FusedQuery } from '../hybrid-ranker.js';
import { termProcessor } from '../lexical-analyzer.js';

/**
 * The learned ranker's inputs, in order; the model file names them, so a change here without retraining is caught
 * when the model loads. Raw cosines beside the normalized signals: min-max normalization hides how good the best
 * match actually is.
 */
export const FEATURE_NAMES = [
  'fused', 'whole.fused', 'part.fused',
  'whole.cos.label', 'whole.cos.altLabels', 'whole.cos.description',
  'part.cos.label', 'part.cos.altLabels', 'part.cos.description',
  'whole.lexical', 'whole.vector', 'part.lexical', 'part.vector',
  'whole.bm25.label', 'whole.bm25.description',
  'log.rank.fused', 'log.rank.cos.label', 'log.rank.cos.description', 'log.rank.lexical',
  'gap.cos.label', 'gap.cos.description', 'ratio.fused',
  'label.terms', 'label.terms.in.query', 'query.terms.in.label', 'label.in.query', 'altLabel.terms.in.query',
  'knowledge', 'reuse.transversal', 'reuse.cross-sector', 'reuse.sector-specific', 'reuse.occupation-specific',
  'log.essential.for', 'log.optional.for', 'log.altLabels', 'has.description', 'log.query.terms', 'has.parts',
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** Analyzed terms of a text, as the BM25 index sees them. */
function termsOf(text: string, process: (term: string) => string | null): string[] {
  return tokenize(text).flatMap((token) => {
    const term = token ? process(token) : null;
    return term ? [term] : [];
  });
}

interface ConceptTerms {
  label: string[];
  altLabels: string[][];
}

/** Concept terms are analyzed once per index: a query touches only its ~200 candidates, but often the same ones. */
const termCache = new WeakMap<ConceptIndex, Map<number, ConceptTerms>>();

function conceptTerms(index: ConceptIndex, concept: number, process: (term: string) => string | null): ConceptTerms {
  let cache = termCache.get(index);
  if (!cache) termCache.set(index, (cache = new Map()));
  let terms = cache.get(concept);
  if (!terms) {
    const doc = index.docs[concept]!;
    terms = { label: termsOf(doc.label, process), altLabels: doc.altLabels.map((alt) => termsOf(alt, process)) };
    cache.set(concept, terms);
  }
  return terms;
}

const share = (terms: string[], within: Set<string>) =>
  terms.length === 0 ? 0 : terms.filter((t) => within.has(t)).length / terms.length;

/** 0 for the best of the candidates by `value`, then log(1 + rank). */
function logRanks(candidates: number[], value: (c: number) => number): Float64Array {
  const order = candidates.map((_, i) => i).sort((a, b) => value(candidates[b]!) - value(candidates[a]!) || a - b);
  const out = new Float64Array(candidates.length);
  order.forEach((i, rank) => (out[i] = Math.log1p(rank)));
  return out;
}

/** One row of `FEATURE_COUNT` features per candidate (concept positions, best fused first). */
export function candidateFeatures(index: ConceptIndex, fused: FusedQuery, candidates: number[]): Float32Array {
  const process = termProcessor(index.language);
  const [whole, ...parts] = fused.texts;
  const wholeSignals = fused.signals[0]!;
  const cosines = (i: number) => fused.signals[i]?.vector;
  const cos = (i: number, c: number, f: number) => cosines(i)?.[c * FIELD_COUNT + f] ?? 0;
  const maxOver = (values: IterableIterator<number>) => Math.max(0, ...values);
  const maxLabel = maxOver(wholeSignals.lexical.label.values());
  const maxDescription = maxOver(wholeSignals.lexical.description.values());
  const queryText = wholeSignals.text.toLowerCase();
  const queryTerms = new Set(termsOf(wholeSignals.text, process));
  const rankLabel = logRanks(candidates, (c) => cos(0, c, 0));
  const rankDescription = logRanks(candidates, (c) => cos(0, c, 2));
  const rankLexical = logRanks(candidates, (c) => whole!.lexical[c]!);
  const topLabel = Math.max(...candidates.map((c) => cos(0, c, 0)));
  const topDescription = Math.max(...candidates.map((c) => cos(0, c, 2)));
  const topFused = fused.scores[candidates[0]!] || 1;
  const rows = new Float32Array(candidates.length * FEATURE_COUNT);
  candidates.forEach((c, i) => {
    const doc = index.docs[c]!;
    const bestPart = parts.reduce((best, part, p) => (part.fused[c]! > (parts[best]?.fused[c] ?? -1) ? p : best), 0);
    const part = parts[bestPart];
    const partMax = (f: number) => Math.max(0, ...parts.map((_, p) => cos(p + 1, c, f)));
    const terms = conceptTerms(index, c, process);
    const labelTerms = new Set(terms.label);
    const row = [
      fused.scores[c]!, whole!.fused[c]!, part?.fused[c] ?? 0,
      cos(0, c, 0), cos(0, c, 1), cos(0, c, 2),
      partMax(0), partMax(1), partMax(2),
      whole!.lexical[c]!, whole!.vector[c]!, part?.lexical[c] ?? 0, part?.vector[c] ?? 0,
      maxLabel > 0 ? (wholeSignals.lexical.label.get(c) ?? 0) / maxLabel : 0,
      maxDescription > 0 ? (wholeSignals.lexical.description.get(c) ?? 0) / maxDescription : 0,
      Math.log1p(i), rankLabel[i]!, rankDescription[i]!, rankLexical[i]!,
      cos(0, c, 0) - topLabel, cos(0, c, 2) - topDescription, fused.scores[c]! / topFused,
      terms.label.length, share(terms.label, queryTerms), share([...queryTerms], labelTerms),
      queryText.includes(doc.label.toLowerCase()) ? 1 : 0, Math.max(0, ...terms.altLabels.map((alt) => share(alt, queryTerms))),
      doc.facets.skillType === 'knowledge' ? 1 : 0,
      doc.facets.reuseLevel === 'transversal' ? 1 : 0, doc.facets.reuseLevel === 'cross-sector' ? 1 : 0,
      doc.facets.reuseLevel === 'sector-specific' ? 1 : 0, doc.facets.reuseLevel === 'occupation-specific' ? 1 : 0,
      Math.log1p(doc.facets.essentialFor), Math.log1p(doc.facets.optionalFor), Math.log1p(doc.altLabels.length),
      doc.description ? 1 : 0, Math.log1p(queryTerms.size), parts.length > 0 ? 1 : 0,
    ];
    rows.set(row, i * FEATURE_COUNT);
  });
  return rows;
}
