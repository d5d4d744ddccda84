/**
 * HTTP load on the real server (issue 12, item 7): `serve`'s composition over real ESCO v1.1.1 (the saved store of
 * the data dir, else a fresh import of ../shared/esco/v1.1.1), on loopback, with its default limits (the rate limit
 * on) and the lexical linking backend, under a mix of 180 clients looking occupations up by URI and searching, and 20
 * clients linking three-outcome texts, for three runs in a row. Every client shares 127.0.0.1, so the server is
 * given one default rate-limit budget per linking client (ESCOGRAPH_RATE_LIMIT = 20 × 300,000; --rate-limit N to
 * change it), as 20 users would have: with one shared bucket, 20 clients that ignore Retry-After answer their 429s
 * by asking again at once, and that flood (hundreds of requests a second) is what the lookups then wait behind.
 * The load comes from two child processes (fetch users, bench/http-clients.ts), one per kind of client, so that the
 * server's event loop and RSS are its own.
 * `--cheap-rate R` paces the 180 lookup clients to R requests a second in all (people who read between requests), so
 * that their latency shows what linking beside them costs; without it they ask as fast as they are answered, and
 * their latency is mostly their own queue (180 connections over what the server answers a second).
 * `--alone` first runs the lookup clients without the linking ones, then one linking client alone: the same run's
 * baselines for what linking costs the lookups and for the single-client linking rate.
 * `--embedder use-lite` links with vectors, as `npm start` does (from <dataDir>/vectors, built there when missing);
 * the default is the lexical backend. The npm script sets MALLOC_ARENA_MAX as `npm start` does (the README's memory section).
 * Usage: npm run bench:load-http [-- --seconds N] [--runs N] [--cheap-rate R] [--rate-limit N] [--alone] [--embedder use-lite|none]
 *   (default 60 s a run, 3 runs, unpaced, lexical)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { DEFAULT_RATE_LIMIT } from '../src/graphql/rate-limit.js';
import { openLinkingStore } from '../src/linking/linking-store.js';
import { startFullServer } from '../test/full-server.js';
import { type Kind, TIMEOUT_SECONDS, mb, percentile, reportLine, runClientsInChild, writeInputs } from './http-clients.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    runs: { type: 'string', default: '3' },
    'cheap-rate': { type: 'string' },
    'rate-limit': { type: 'string' },
    alone: { type: 'boolean' },
    embedder: { type: 'string', default: 'none' },
  },
});
const seconds = Number(values.seconds);
const cheapRate = values['cheap-rate'] ? Number(values['cheap-rate']) : undefined;

const CLIENTS: Record<Kind, number> = { cheap: 180, linking: 20 };
const rateLimit = values['rate-limit'] ?? String(CLIENTS.linking * DEFAULT_RATE_LIMIT.perMinute);

/**
 * RSS and the main thread's V8 heap once a second while a run lasts. One sample after a run says where garbage
 * collection happened to be: under the use-lite mix RSS swung by up to 670 MB with the main thread's heap flat
 * (smaps put the swing in V8's 256 KB pages, the malloc arenas and onnxruntime flat), so a run's median and range
 * say more than its last second.
 */
function sampleMemory(): { stop(): { rss: number[]; heap: number[] } } {
  const rss: number[] = [];
  const heap: number[] = [];
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    rss.push(usage.rss);
    heap.push(usage.heapTotal);
  }, 1000);
  return { stop: () => (clearInterval(timer), { rss, heap }) };
}

/** median (min–max) of byte counts */
function spread(bytes: number[]): string {
  const sorted = [...bytes].sort((a, b) => a - b);
  return `median ${mb(percentile(sorted, 0.5) ?? 0)} (${mb(sorted[0] ?? 0)}–${mb(sorted.at(-1) ?? 0)})`;
}

async function main(): Promise<void> {
  const runs = Number(values.runs);
  const config = loadConfig();
  const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
  const started = performance.now();
  const store = (await openLinkingStore(config, join(shared, 'esco', 'v1.1.1'))).store;
  const embedder = values.embedder === 'use-lite' ? 'use-lite' : 'none';
  const server = await startFullServer(store, {
    env: { ...process.env, ESCOGRAPH_RATE_LIMIT: rateLimit }, embedder, ...(embedder === 'use-lite' ? { vectorCacheDir: config.dataDir } : {}),
  });
  console.log(`load-http bench: ESCO ${store.defaultVersion} on the ${store.backend.name} store (${(await store.size()).toLocaleString('en')} triples), server ready in ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s at ${server.url}; ${CLIENTS.cheap} clients by URI and search, ` +
    `${CLIENTS.linking} linking three-outcome texts (${embedder === 'none' ? 'lexical' : embedder}), ${seconds} s a run, ${runs} runs, timeout ${TIMEOUT_SECONDS} s, ` +
    `rate limit ${Number(rateLimit).toLocaleString('en')} units a minute` +
    `${cheapRate ? `; lookups paced to ${cheapRate} requests/s in all` : ''}; MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? 'unset'}`);
  const dir = mkdtempSync(join(tmpdir(), 'escograph-load-http-'));
  const inputsPath = await writeInputs(store, dir);
  try {
    if (values.alone) {
      console.log('one linking client alone:');
      console.log(reportLine('linking', await runClientsInChild('linking', 1, server.url, inputsPath, seconds)));
    }
    for (let run = values.alone ? 0 : 1; run <= runs; run++) {
      const before = process.memoryUsage().rss;
      const memory = sampleMemory();
      // How long the server's event loop was held up: what a cheap request waits for before it is even read.
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const clients = (kind: Kind) => runClientsInChild(kind, CLIENTS[kind], server.url, inputsPath, seconds, kind === 'cheap' ? cheapRate : undefined);
      // Run 0 (--alone): the lookups without linking beside them.
      const [cheap, linking] = await Promise.all([clients('cheap'), run === 0 ? undefined : clients('linking')]);
      const after = process.memoryUsage().rss;
      const during = memory.stop();
      loopDelay.disable();
      const delay = (p: number) => (loopDelay.percentile(p) / 1e6).toFixed(0);
      console.log(`run ${run}${run === 0 ? ' (lookups alone)' : ''}: server RSS ${mb(before)} before, ${mb(after)} after; ` +
        `event loop delay p50 ${delay(50)} ms, p99 ${delay(99)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms`);
      console.log(`  during the run, once a second: RSS ${spread(during.rss)}, of it the main thread's V8 heap ${spread(during.heap)}`);
      console.log(reportLine('cheap', cheap));
      if (linking) console.log(reportLine('linking', linking));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

await main();
// Linking's pools and timers would keep the process alive.
process.exit(0);
