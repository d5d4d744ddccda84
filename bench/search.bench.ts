/**
 * Label search quality and speed on real ESCO v1.1.1: every 10th occupation and every 50th skill is searched by
 * its preferred label, then by the same label with one letter dropped from one of its longer words (a typo), and
 * the rank of the concept itself is scored (MRR@10, hits@1), with the search's p50 latency.
 * Usage: npm run bench:search
 */
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { openLinkingStore } from '../src/linking/linking-store.js';
import { SearchService } from '../src/search/search-service.js';
import { readAllLabels, type ConceptKind } from '../src/store/concept-reader.js';

const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const { store, version } = await openLinkingStore(loadConfig(), join(shared, 'esco', 'v1.1.1'));
const search = new SearchService(store);
const started = performance.now();
await search.index(version, 'en');
console.log(`search bench: ESCO ${version}, English label index built in ${Math.round(performance.now() - started)} ms`);

/** Deterministic, so every run asks the same questions. */
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function withTypo(label: string): string | undefined {
  const words = label.split(' ');
  const long = words.flatMap((word, i) => (word.length >= 5 ? [i] : []));
  if (long.length === 0) return undefined;
  const i = long[Math.floor(random() * long.length)]!;
  const at = 1 + Math.floor(random() * (words[i]!.length - 2));
  words[i] = words[i]!.slice(0, at) + words[i]!.slice(at + 1);
  return words.join(' ');
}

const labels = await readAllLabels(store, version, 'en');
for (const [kind, every] of [['OCCUPATION', 10], ['SKILL', 50]] as [ConceptKind, number][]) {
  const sample = labels.filter((concept) => concept.kind === kind && concept.preferred[0]).filter((_, i) => i % every === 0);
  for (const variant of ['preferred label', 'one typo'] as const) {
    const times: number[] = [];
    let reciprocal = 0;
    let first = 0;
    let asked = 0;
    for (const concept of sample) {
      const text = variant === 'one typo' ? withTypo(concept.preferred[0]!) : concept.preferred[0]!;
      if (!text) continue;
      const start = performance.now();
      const { hits } = await search.search(text, { version, language: 'en', kinds: [kind], limit: 10 });
      times.push(performance.now() - start);
      const rank = hits.findIndex((hit) => hit.uri === concept.uri);
      if (rank >= 0) reciprocal += 1 / (rank + 1);
      if (rank === 0) first++;
      asked++;
    }
    times.sort((a, b) => a - b);
    console.log(`${kind.toLowerCase().padEnd(10)} ${variant.padEnd(15)} ${String(asked).padStart(4)} searches   ` +
      `MRR@10 ${(reciprocal / asked).toFixed(3)}   hits@1 ${(first / asked).toFixed(3)}   p50 ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms`);
  }
}
