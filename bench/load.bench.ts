/**
 * npm run bench:load — import and restart speed on real ESCO v1.1.1 (English CSV zips).
 * Every measurement runs in a fresh child process, so none profits from a heap or WASM memory another one grew.
 * Prints: zip import time; the baseline (a bare oxigraph Store.load of the same graph as N-Triples); our import of
 * that N-Triples file; the restart from the saved store; peak RSS of each; and the ratios the targets name.
 * Single runs vary by ±20% on a shared 2-core machine, so every step runs in each of several rounds (the steps
 * interleaved, so a busy moment hits them all) and the median round is reported.
 * Usage: npm run bench:load [-- --rounds N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import oxigraph from 'oxigraph';
import { importEsco } from '../src/ingest/import.js';
import { GRAPH } from '../src/ingest/vocabulary.js';
import { openSavedStore, saveStore } from '../src/store/persistence.js';

interface Measure {
  ms: number;
  peakRssMb: number;
  detail?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function timed(run: () => string | void): Measure {
  const start = performance.now();
  const detail = run() ?? undefined;
  return { ms: performance.now() - start, peakRssMb: peakRssMb(), detail };
}

/** The steps, each run by a child: `node --import tsx bench/load.bench.ts <step> <work dir>`. */
const STEPS: Record<string, (work: string) => Measure> = {
  'import-zips': (work) => {
    const escoDir = resolve(process.env.ESCO_V111 ?? join(import.meta.dirname, '..', '..', 'shared', 'esco', 'v1.1.1'));
    let store!: ReturnType<typeof importEsco>['store'];
    const measure = timed(() => {
      store = importEsco({ paths: [escoDir] }).store;
    });
    const save = timed(() => saveStore(store, join(work, 'data')));
    writeFileSync(
      join(work, 'esco-v1.1.1.nt'),
      store.store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.namedNode(GRAPH.version('v1.1.1')) }),
    );
    return { ...measure, detail: `${store.size.toLocaleString('en')} quads; saving took ${seconds(save.ms)}` };
  },
  'bare-load': (work) => bareLoad(work),
  'bare-load-named-graph': (work) => bareLoad(work, oxigraph.namedNode(GRAPH.version('v1.1.1'))),
  'import-nt': (work) =>
    timed(() => {
      const { summaries } = importEsco({ paths: [join(work, 'esco-v1.1.1.nt')] });
      return `${summaries[0]!.triples.toLocaleString('en')} triples, ${summaries[0]!.skills} skills`;
    }),
  restart: (work) =>
    timed(() => {
      const store = openSavedStore(join(work, 'data'));
      return `${store.size.toLocaleString('en')} quads, default version ${store.defaultVersion}`;
    }),
};

/** The fastest checked load oxigraph offers (its default, one transaction, is >10x slower). */
function bareLoad(work: string, graph?: oxigraph.NamedNode): Measure {
  const text = readFileSync(join(work, 'esco-v1.1.1.nt'), 'utf8');
  return timed(() => {
    const store = new oxigraph.Store();
    store.load(text, { format: 'application/n-triples', no_transaction: true, ...(graph ? { to_graph_name: graph } : {}) });
    return `${store.size.toLocaleString('en')} triples`;
  });
}

function runChild(step: string, work: string): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, step, work], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Measure;
}

const median = (measures: Measure[]): Measure => [...measures].sort((a, b) => a.ms - b.ms)[Math.floor(measures.length / 2)]!;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '3' } } });
const [step, work] = positionals;
if (step) {
  process.stdout.write(`${JSON.stringify(STEPS[step]!(work!))}\n`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'escograph-bench-load-'));
  try {
    const rounds = Array.from({ length: Number(values.rounds) }, () =>
      Object.fromEntries(Object.keys(STEPS).map((name) => [name, runChild(name, dir)])) as Record<string, Measure>,
    );
    const results = Object.fromEntries(Object.keys(STEPS).map((name) => [name, median(rounds.map((round) => round[name]!))]));
    const row = (label: string, name: string) => {
      const m = results[name]!;
      const all = rounds.map((round) => seconds(round[name]!.ms)).join(', ');
      return `${label.padEnd(44)} ${seconds(m.ms).padStart(9)}   peak RSS ${String(m.peakRssMb).padStart(5)} MB   ${m.detail ?? ''} [rounds: ${all}]`;
    };
    console.log(`escograph bench:load — ESCO v1.1.1 EN, each step in a fresh process, median of ${rounds.length} rounds`);
    console.log(row('import of the two v1.1.1 CSV zips', 'import-zips'));
    console.log(row('baseline: bare Store.load, default graph', 'bare-load'));
    console.log(row('baseline: bare Store.load, into a named graph', 'bare-load-named-graph'));
    console.log(row('escograph import of that N-Triples file', 'import-nt'));
    console.log(row('restart from the saved store', 'restart'));
    // Ratios are taken within each round, then the median, so load that slows a whole round cancels out.
    const ratio = (numerator: string, denominator: string) =>
      [...rounds.map((round) => round[numerator]!.ms / round[denominator]!.ms)].sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;
    console.log(`restart / first import: ${(ratio('restart', 'import-zips') * 100).toFixed(0)}% (target ≤ 25%)`);
    console.log(
      `our N-Triples import speed / bare load speed: ${ratio('bare-load', 'import-nt').toFixed(2)}× vs the default graph, ` +
        `${ratio('bare-load-named-graph', 'import-nt').toFixed(2)}× vs a named graph, where versions live ` +
        '(target ≥ 0.8×; ours also canonicalizes and counts)',
    );
    console.log(`restart / bare load into a named graph: ${ratio('restart', 'bare-load-named-graph').toFixed(2)}×`);
    console.log(`peak RSS, largest step: ${Math.max(...Object.values(results).map((m) => m.peakRssMb))} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
