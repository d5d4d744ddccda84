/**
 * npm run bench:cold-start — the first start from an empty data dir, as a newcomer runs it, and the restart after.
 * Starts `escograph serve` (what `npm start` runs once the web app is built) with USE-lite on ESCO v1.1.1 in a
 * fresh data dir, and polls it: when it listens, when `linkingBackend` says the skill and occupation vectors are
 * ready, and when `linkOutcomes` first ranks with vectors (a suggestion matched on a label or description rather
 * than the words alone). Then, the builds done and the embedding workers stopped, the resident memory at rest;
 * and the same for a restart on that data dir (vectors from the cache). Peak RSS from /proc (VmHWM), and the
 * server's CPU seconds until vector linking: on a shared machine the wall time follows the other load, the CPU
 * time much less, and divided by the cores it tells what a quiet machine would take.
 * `--compare <checkout>` runs another checkout's server (e.g. a `git worktree` of an older commit, its
 * node_modules linked) the same way first, as the baseline of the same run on the same machine load.
 * Usage: npm run bench:cold-start [-- --compare ../old] [-- --threads N] [-- --rest-seconds 70]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SPARQL_LIMITS } from '../src/sparql/sparql-endpoint.js';
import { freePort } from '../test/free-port.js';

/**
 * At rest means after the idle SPARQL workers have stopped (`serve` starts one ready, holding its snapshot of the
 * store): 20 s after the last build a restart held 2.4 GB, and 1.4–1.7 GB once the worker had stopped.
 */
const REST_SECONDS = DEFAULT_SPARQL_LIMITS.idleMs / 1000 + 10;

const { values } = parseArgs({
  options: { compare: { type: 'string' }, threads: { type: 'string' }, 'rest-seconds': { type: 'string', default: String(REST_SECONDS) } },
});
const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const escoData = process.env.ESCO_DATA ?? join(shared, 'esco', 'v1.1.1');
const restMillis = Number(values['rest-seconds']) * 1000;
const POLL_MILLIS = 500;

interface Phase {
  listeningS: number;
  skillVectorsS?: number;
  vectorLinkingS?: number;
  /** The server's CPU time (all threads) until then: what a quiet machine's cores would share. */
  vectorLinkingCpuS?: number;
  occupationVectorsS?: number;
  restRssMb: number;
  peakRssMb: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));


/** VmRSS and VmHWM of a process, in MB: threads (embedding, SPARQL workers) included. */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** User + system CPU seconds of a process, all its threads (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function graphql(port: number, query: string): Promise<Record<string, unknown> | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown> };
    return body.data;
  } catch {
    return undefined;
  }
}

const PROGRESS = '{ linkingBackend { ready progress { type ready } } }';
const LINK = '{ linkOutcomes(outcomes: ["look after small children and plan games for them"], first: 10) { suggestions { matchedOn } } }';

/**
 * The variables `npm start` sets for the server in a checkout's package.json (`NAME=value … node bin/escograph.js
 * serve`), so that the bench measures what a newcomer runs: glibc reads `MALLOC_ARENA_MAX` as the process starts.
 */
function startScriptEnv(checkout: string): Record<string, string> {
  const { scripts } = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const serve = /((?:\w+=\S+\s+)*)node bin\/escograph\.js serve\s*$/.exec(scripts.start);
  if (!serve) throw new Error(`${checkout}: package.json's start script does not end in 'node bin/escograph.js serve': ${scripts.start}`);
  return Object.fromEntries(serve[1]!.split(/\s+/).filter(Boolean).map((assignment) => assignment.split('=', 2) as [string, string]));
}

/** Starts `bin/escograph.js serve` of a checkout in a data dir, as `npm start` does, and follows it until its linking is built and at rest. */
async function runPhase(checkout: string, dataDir: string, name: string): Promise<Phase> {
  const port = await freePort();
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const env: NodeJS.ProcessEnv = {
    ...process.env, ...startScriptEnv(checkout), ESCO_DATA: escoData, ESCOGRAPH_DATA_DIR: dataDir, PORT: String(port), ESCOGRAPH_EMBEDDER: 'use-lite',
  };
  if (values.threads !== undefined) env.ESCOGRAPH_EMBED_THREADS = values.threads;
  const child: ChildProcess = spawn(process.execPath, [join(checkout, 'bin', 'escograph.js'), 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log += chunk;
    for (const line of chunk.toString().split('\n')) if (/vectors|index ready|failed|error/i.test(line)) console.error(`  [${name} ${seconds().toFixed(0)} s] ${line}`);
  });
  const exited = new Promise<number | null>((done) => child.on('exit', done));
  const phase: Partial<Phase> = {};
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log.slice(-2000)}`);
      const data = await graphql(port, PROGRESS);
      if (data) {
        phase.listeningS ??= seconds();
        const { progress } = data.linkingBackend as { progress: { type: string; ready: boolean }[] };
        const ready = (type: string) => progress.some((p) => p.type === type && p.ready);
        if (ready('Skill')) phase.skillVectorsS ??= seconds();
        if (ready('Occupation')) phase.occupationVectorsS ??= seconds();
        if (phase.vectorLinkingS === undefined) {
          const linked = await graphql(port, LINK);
          const outcomes = linked?.linkOutcomes as { suggestions: { matchedOn: string }[] }[] | undefined;
          if (outcomes?.[0]!.suggestions.some((s) => s.matchedOn !== 'LEXICAL')) {
            phase.vectorLinkingS = seconds();
            phase.vectorLinkingCpuS = cpuSeconds(child.pid!);
          }
        }
        if (phase.skillVectorsS !== undefined && phase.occupationVectorsS !== undefined && phase.vectorLinkingS !== undefined) break;
      }
      await sleep(POLL_MILLIS);
    }
    // At rest: the builds' embedding workers stop a few seconds after their last batch, the SPARQL workers after
    // their idle time; nothing else runs.
    await sleep(restMillis);
    const memory = memoryMb(child.pid!);
    return { ...(phase as Phase), restRssMb: memory.rss, peakRssMb: memory.peak };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function measure(checkout: string, name: string): Promise<{ cold: Phase; restart: Phase }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'escograph-cold-start-'));
  const startEnv = Object.entries(startScriptEnv(checkout)).map(([variable, value]) => `${variable}=${value}`).join(' ');
  console.error(`${name}: the variables npm start sets for the server: ${startEnv || 'none'}`);
  try {
    const cold = await runPhase(checkout, dataDir, `${name} cold`);
    const restart = await runPhase(checkout, dataDir, `${name} restart`);
    return { cold, restart };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const loadBefore = load();
const runs: [string, Awaited<ReturnType<typeof measure>>][] = [];
if (values.compare) runs.push([`baseline (${values.compare})`, await measure(resolve(values.compare), 'baseline')]);
runs.push(['this checkout', await measure(resolve(import.meta.dirname, '..'), 'this')]);

const s = (value?: number) => (value === undefined ? '—' : `${value.toFixed(0)} s`).padStart(8);
console.log(`escograph bench:cold-start — ESCO v1.1.1 (${escoData}), USE-lite, ESCOGRAPH_EMBED_THREADS=${values.threads ?? 'default'}; ` +
  `load average before ${loadBefore}, after ${load()}; at rest = ${restMillis / 1000} s after the last build`);
console.log('run                                     start   listens  skill vec  linking w/ vec  (CPU)     occ. vec  RSS at rest  peak RSS');
for (const [name, { cold, restart }] of runs) {
  for (const [kind, p] of [['cold', cold], ['restart', restart]] as const) {
    console.log(`${name.slice(0, 38).padEnd(40)}${kind.padEnd(8)}${s(p.listeningS)}  ${s(p.skillVectorsS)}  ${s(p.vectorLinkingS).padStart(14)}  ${s(p.vectorLinkingCpuS)}  ` +
      `${s(p.occupationVectorsS)}  ${`${p.restRssMb} MB`.padStart(11)}  ${`${p.peakRssMb} MB`.padStart(8)}`);
  }
}
if (runs.length === 2) {
  const [base, ours] = [runs[0]![1].cold, runs[1]![1].cold];
  console.log(`cold start, time until linking ranks with vectors: ${(ours.vectorLinkingS! / base.vectorLinkingS!).toFixed(2)}× the baseline's; ` +
    `RSS at rest after the restart: ${(runs[1]![1].restart.restRssMb / runs[0]![1].restart.restRssMb).toFixed(2)}×`);
}
