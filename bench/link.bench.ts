/**
 * Text → ESCO skill linking on the SkillSkape dev set: ranks all ESCO skills per sentence with lexical BM25,
 * USE-lite vectors and the hybrid (each sentence with its enumeration parts, as LinkingService ranks), and prints
 * RP@1/5/10, MRR, index build time and queries/s.
 * Usage: npm run bench:link [-- --limit N] [-- --tune]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../src/config.js';
import { progressReporter } from '../src/cli/progress.js';
import { openLinkingStore } from '../src/linking/linking-store.js';
import { ConceptIndex } from '../src/linking/concept-index.js';
import { loadConceptDocs } from '../src/linking/concept-texts.js';
import { createUseLiteEmbedder } from '../src/linking/use-lite-embedder.js';
import {
  DEFAULT_PARTS_WEIGHT,
  DEFAULT_VECTOR_WEIGHT,
  fuseSignals,
  type QueryText,
  rankingSignals,
  type RankingMode,
  type RankOptions,
  type TextSignals,
} from '../src/linking/hybrid-ranker.js';
import { queryTexts } from '../src/linking/query-parts.js';
import { averageScores, type RankingScores } from '../src/linking/ranking-metrics.js';

const { values } = parseArgs({
  options: { limit: { type: 'string' }, tune: { type: 'boolean' }, dev: { type: 'string' } },
});
const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const devFile = values.dev ?? join(shared, 'bench', 'skillskape', 'dev.csv');
const config = loadConfig();

/** Python-style list of labels, e.g. ['C#', "Java (computer programming)"]. */
const pythonList = (text: string) =>
  [...text.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2]!).replace(/\\(.)/g, '$1'));

const { store, version } = openLinkingStore(config, join(shared, 'esco', 'v1.1.1'));
const docs = loadConceptDocs(store, 'Skill', ['en'], version);
const byLabel = new Map(docs.map((doc) => [doc.label.toLowerCase(), doc.uri]));

const rows = parse(readFileSync(devFile), { columns: true, bom: true }) as { sentence: string; skills: string }[];
let unknownOnly = 0;
const unmapped = new Set<string>();
let queries = rows.flatMap((row) => {
  const labels = pythonList(row.skills).filter((label) => label !== 'UNK');
  if (labels.length === 0) {
    unknownOnly++;
    return [];
  }
  const uris = labels.map((label) => byLabel.get(label.toLowerCase()) ?? (unmapped.add(label), undefined));
  return [{ text: row.sentence, relevant: new Set(uris.filter((u): u is string => !!u)) }];
});
if (values.limit) queries = queries.slice(0, Number(values.limit));

const embedder = await createUseLiteEmbedder();
const progress = progressReporter();
const index = await ConceptIndex.build(docs, embedder, {
  cacheDir: join(config.dataDir, 'vectors'),
  dataLabel: `esco-${version}-Skill-en`,
  onProgress: (done, total) => progress.update('embedding ESCO skills', `${done} texts`, done - 1, total),
});
progress.stop();

// Each sentence is ranked by its whole text and its enumeration parts, exactly as LinkingService ranks.
const texts = queries.map((q) => queryTexts(q.text));
const started = performance.now();
const flatVectors = await embedder.embed(texts.flat());
const embedMillis = performance.now() - started;
let offset = 0;
const rankedQueries: QueryText[][] = texts.map((query) => {
  const withVector = query.map((text, i) => ({ text, vector: flatVectors[offset + i] }));
  offset += query.length;
  return withVector;
});

// The per-query signals do not depend on the fusion weight: compute them once per mode, fuse many times.
const signalMillis: Partial<Record<RankingMode, number>> = {};
const signalCache = new Map<RankingMode, TextSignals[][]>();
async function computeSignals(mode: RankingMode): Promise<void> {
  const start = performance.now();
  signalCache.set(mode, await rankingSignals(index, rankedQueries, mode));
  signalMillis[mode] = performance.now() - start;
}
await computeSignals('lexical');
await computeSignals('hybrid');
// The vector-only signals are the hybrid's without the words (as rankingSignals gives them): the exact scan,
// which dominates the time, runs once for both, and both are charged its time.
signalCache.set('vector', signalCache.get('hybrid')!.map((query) => query.map(({ vector }) => ({ vector, lexical: new Map<number, number>() }))));
signalMillis.vector = signalMillis.hybrid!;
const signals = (mode: RankingMode) => signalCache.get(mode)!;

function evaluate(mode: RankingMode, weights: Pick<RankOptions, 'vectorWeight' | 'partsWeight'> = {}): { scores: RankingScores; millis: number } {
  const perQuery = signals(mode);
  const start = performance.now();
  const results = queries.map((q, i) => ({
    ranked: fuseSignals(index, perQuery[i]!, { first: index.size, mode, ...weights }).map((r) => r.concept.uri),
    relevant: q.relevant,
  }));
  return { scores: averageScores(results), millis: performance.now() - start + signalMillis[mode]! };
}

const f = (n: number) => n.toFixed(3);
console.log(`SkillSkape dev: ${rows.length} rows, ${unknownOnly} skipped (UNK only), ${queries.length} evaluated` +
  `; ${unmapped.size} gold labels not ESCO v1.1.1 preferred labels (dropped): ${[...unmapped].slice(0, 5).join(' | ')}`);
console.log(`index: ${index.size} skills, ${index.vectorCount} vectors (${embedder.model}, ${embedder.dimension}-d); ` +
  `vectors ${index.buildMillis.vectorsFromCache ? 'loaded from cache' : 'built'} in ${(index.buildMillis.vectors / 1000).toFixed(1)} s, ` +
  `BM25 index built in ${(index.buildMillis.lexical / 1000).toFixed(1)} s`);
console.log(`query embedding: ${(queries.length / (embedMillis / 1000)).toFixed(1)} sentences/s ` +
  `(${texts.flat().length} texts: each sentence and its ${texts.flat().length - queries.length} enumeration parts)`);

if (values.tune) {
  const line = (name: string, { rp1, rp5, rp10, mrr }: RankingScores) =>
    console.log(`${name}  RP@1 ${f(rp1)}  RP@5 ${f(rp5)}  RP@10 ${f(rp10)}  MRR ${f(mrr)}`);
  for (let step = 0; step <= 10; step++) {
    const w = step / 10;
    line(`vectorWeight ${w.toFixed(2)} (partsWeight ${DEFAULT_PARTS_WEIGHT})`, evaluate('hybrid', { vectorWeight: w }).scores);
  }
  for (let step = 0; step <= 10; step++) {
    const p = step / 10;
    line(`partsWeight ${p.toFixed(2)} (vectorWeight ${DEFAULT_VECTOR_WEIGHT})`, evaluate('hybrid', { partsWeight: p }).scores);
  }
}
console.log('\nmode      RP@1   RP@5   RP@10  MRR    ranking queries/s (all skills, embedding excluded)');
for (const mode of ['lexical', 'vector', 'hybrid'] as const) {
  const { scores, millis } = evaluate(mode);
  const name = mode === 'vector' ? 'use-lite' : mode;
  console.log(`${name.padEnd(9)} ${f(scores.rp1)}  ${f(scores.rp5)}  ${f(scores.rp10)}  ${f(scores.mrr)}  ${(queries.length / (millis / 1000)).toFixed(1)}`);
}
