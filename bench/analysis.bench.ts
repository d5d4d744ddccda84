/**
 * Latency of the analyses on real ESCO (the saved store, else a fresh import of ../shared/esco/v1.1.1): the
 * relations index build once, then p50/p95 of skillsGap, occupationMatches over all occupations and a
 * supplyDemand with 100 demand entries, each on varied inputs, in one run. Target: every p50 under 50 ms.
 * Usage: npm run bench:analysis [-- --runs N]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type AnalysisContext, analyzeOccupationMatches, analyzeSkillsGap, analyzeSupplyDemand, relationsIndexFor,
} from '../src/analysis/index.js';
import { loadConfig } from '../src/config.js';
import { openLinkingStore } from '../src/linking/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const runs = Number(values.runs);
const TARGET_MS = 50;
const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');

const { store, version } = await openLinkingStore(loadConfig(), join(shared, 'esco', 'v1.1.1'));
const context: AnalysisContext = { store };

let started = performance.now();
const index = await relationsIndexFor(store, version);
const buildMillis = performance.now() - started;
started = performance.now();
index.labels('en');
const labelMillis = performance.now() - started;

const occupations = index.occupations.filter((o) => o.essential.length >= 5);
const uris = (ids: Int32Array | number[]) => [...ids].map((id) => index.skillUris[id]!);
/** Run i's input: an occupation's essential skills minus three, plus five of another's optional skills. */
const input = (i: number) => {
  const own = occupations[(i * 37) % occupations.length]!;
  const other = occupations[(i * 53 + 11) % occupations.length]!;
  return { occupation: own.uri, skills: [...uris(own.essential).slice(3), ...uris(other.optional).slice(0, 5)] };
};

async function measure(name: string, run: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  console.log(`${name.padEnd(52)} p50 ${p50.toFixed(2).padStart(7)} ms   p95 ${p95.toFixed(2).padStart(7)} ms   ${p50 < TARGET_MS ? 'OK' : 'OVER TARGET'}`);
  return p50;
}

console.log(`analysis bench: ESCO ${version}, ${index.occupations.length} occupations, ${index.skillUris.length} skills, ${runs} runs each`);
console.log(`relations index build ${buildMillis.toFixed(0)} ms, English labels ${labelMillis.toFixed(0)} ms (once per version)`);
const p50s = [
  await measure('skillsGap (one occupation)', (i) => {
    const { occupation, skills } = input(i);
    return analyzeSkillsGap(context, { occupation, from: { skills } });
  }),
  await measure(`occupationMatches (all ${index.occupations.length} occupations, first 20)`, (i) =>
    analyzeOccupationMatches(context, { from: { skills: input(i).skills }, first: 20 })),
  await measure('supplyDemand (2 supply, 100 demand entries, SKILL)', (i) =>
    analyzeSupplyDemand(context, {
      supply: [{ skills: input(i).skills, weight: 300 }, { skills: input(i + 1).skills, weight: 150 }],
      demand: Array.from({ length: 100 }, (_, d) => ({ occupation: occupations[(i + d * 29) % occupations.length]!.uri, weight: 1 + (d % 40) })),
    })),
];
console.log(`target p50 < ${TARGET_MS} ms: ${p50s.every((p) => p < TARGET_MS) ? 'met' : 'NOT met'}`);
