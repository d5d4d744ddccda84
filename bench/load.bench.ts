/**
 * npm run bench:load — import and restart speed on real ESCO v1.1.1 (English CSV zips).
 * Every measurement runs in a fresh child process, so none profits from a heap or WASM memory another one grew.
 * Prints: zip import time; the baseline (a bare oxigraph Store.load of the same graph as N-Triples); our import of
 * that N-Triples file; the restart from the saved store; then on a real Oxigraph server (`oxigraph serve`, RocksDB
 * storage): the server's own bulk load of that file (`oxigraph load`), our import of it into the server, and the
 * start-up on the server's saved store (connect and read the meta graph: nothing is re-inserted); peak RSS of each
 * (of escograph's process); and the ratios the targets name.
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
import { loadConfig } from '../src/config.js';
import { importEsco } from '../src/ingest/import.js';
import { GRAPH } from '../src/ingest/vocabulary.js';
import type { EscoStore } from '../src/store/esco-store.js';
import { openConfiguredStore } from '../src/store/open-store.js';
import { openSavedStore, saveStore } from '../src/store/persistence.js';
import { oxigraphCommand, startOxigraphServer } from '../test/oxigraph-server.js';

interface Measure {
  ms: number;
  peakRssMb: number;
  detail?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function timed(run: () => Promise<string | void> | string | void): Promise<Measure> {
  const start = performance.now();
  const detail = (await run()) ?? undefined;
  return { ms: performance.now() - start, peakRssMb: peakRssMb(), detail };
}

const ntFile = (work: string) => join(work, 'esco-v1.1.1.nt');
/** The Oxigraph server's storage: written by server-import-nt, opened again by server-restart. */
const serverLocation = (work: string) => join(work, 'oxigraph');
const VERSION_GRAPH = GRAPH.version('v1.1.1');

/** The steps, each run by a child: `node --import tsx bench/load.bench.ts <step> <work dir>`. */
const STEPS: Record<string, (work: string) => Promise<Measure>> = {
  'import-zips': async (work) => {
    const escoDir = resolve(process.env.ESCO_V111 ?? join(import.meta.dirname, '..', '..', 'shared', 'esco', 'v1.1.1'));
    let store!: EscoStore;
    const measure = await timed(async () => {
      store = (await importEsco({ paths: [escoDir] })).store;
    });
    const save = await timed(() => saveStore(store, join(work, 'data')));
    writeFileSync(ntFile(work), await store.dump(VERSION_GRAPH));
    return { ...measure, detail: `${(await store.size()).toLocaleString('en')} quads; saving took ${seconds(save.ms)}` };
  },
  'bare-load': (work) => bareLoad(work),
  'bare-load-named-graph': (work) => bareLoad(work, oxigraph.namedNode(VERSION_GRAPH)),
  'import-nt': (work) =>
    timed(async () => {
      const { summaries } = await importEsco({ paths: [ntFile(work)] });
      return `${summaries[0]!.triples.toLocaleString('en')} triples, ${summaries[0]!.skills} skills`;
    }),
  restart: (work) =>
    timed(async () => {
      const store = await openSavedStore(join(work, 'data'));
      return `${(await store.size()).toLocaleString('en')} quads, default version ${store.defaultVersion}`;
    }),
  // The server's own bulk load of the same file into an empty store: `oxigraph load`, a process of its own.
  'server-bulk-load': async (work) => {
    const location = join(work, 'oxigraph-load');
    rmSync(location, { recursive: true, force: true });
    return timed(() => {
      execFileSync(oxigraphCommand(), ['load', '--location', location, '--file', ntFile(work), '--graph', VERSION_GRAPH], { stdio: 'ignore' });
      rmSync(location, { recursive: true, force: true });
      return 'into a named graph, from an empty store';
    });
  },
  'server-import-nt': async (work) => {
    rmSync(serverLocation(work), { recursive: true, force: true });
    const server = await startOxigraphServer({ location: serverLocation(work) });
    try {
      const store = loadConfig({}, server.env).store;
      return await timed(async () => {
        const { summaries } = await importEsco({ paths: [ntFile(work)], into: async () => (await openConfiguredStore(store, work))! });
        return `${summaries[0]!.triples.toLocaleString('en')} triples, ${summaries[0]!.skills} skills, into an empty server`;
      });
    } finally {
      await server.stop();
    }
  },
  'server-restart': async (work) => {
    const started = performance.now();
    const server = await startOxigraphServer({ location: serverLocation(work) });
    const serverStart = performance.now() - started;
    try {
      const store = loadConfig({}, server.env).store;
      return await timed(async () => {
        const opened = (await openConfiguredStore(store, work))!;
        return `default version ${opened.defaultVersion}, connected and meta graph read; oxigraph serve itself took ${seconds(serverStart)} to answer`;
      });
    } finally {
      await server.stop();
    }
  },
};

/** The fastest checked load oxigraph offers (its default, one transaction, is >10x slower). */
function bareLoad(work: string, graph?: oxigraph.NamedNode): Promise<Measure> {
  const text = readFileSync(ntFile(work), 'utf8');
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
  process.stdout.write(`${JSON.stringify(await STEPS[step]!(work!))}\n`);
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
    console.log(row('SPARQL server: oxigraph load of that file', 'server-bulk-load'));
    console.log(row('SPARQL server: escograph import of that file', 'server-import-nt'));
    console.log(row('SPARQL server: start-up on its saved store', 'server-restart'));
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
    console.log(
      `SPARQL server: our import speed / oxigraph load speed: ${ratio('server-bulk-load', 'server-import-nt').toFixed(2)}× (target ≥ 0.8×); ` +
        `start-up ${seconds(results['server-restart']!.ms)} (target ≤ 2 s) against ${seconds(results.restart!.ms)} embedded re-insertion`,
    );
    console.log(`peak RSS, largest step: ${Math.max(...Object.values(results).map((m) => m.peakRssMb))} MB (escograph's process; the server's is its own)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
