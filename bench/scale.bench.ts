/**
 * npm run bench:scale — ESCO at all-language size, embedded against a SPARQL server, in one run.
 * Builds the synthetic all-language v1.1.1 (bench/all-languages-dump.ts: the real graph, its English text repeated
 * under each ESCO language tag with a marker) and measures, for the embedded store and for a real Oxigraph server
 * (`oxigraph serve`, RocksDB): the import of that dump, the start-up on the saved store (embedded: re-inserting the
 * saved file; server: connecting and reading the meta graph), the peak RSS of escograph's process and of
 * oxigraph's, and the p50 of the bench:graphql workloads (bench/graphql-workloads.ts) on the started store.
 * Each step runs in a fresh child process, in a process group of its own that is killed when it passes its time
 * cap, so nothing is left running. The embedded store lives in a 32-bit WebAssembly heap (at most 4 GiB) and is
 * saved and read back as one JavaScript string (at most 2^29 − 24 characters): when its import fails (out of
 * memory, the cap), the bench says how and at what size — the parts loaded so far, their triples and characters —
 * and goes on with the server.
 * Usage: npm run bench:scale [-- --languages N (1–28, default 28)] [--keep] [--rounds R (default 20)] [--cap-minutes M (default 20)]
 *   [--backend both|embedded|server (default both)]
 *   --keep reuses the dump generated for N languages by an earlier --keep run, and keeps it afterwards; without it
 *   the dump is removed at the end, as the stores always are (all under the OS temp folder).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { type ImportProgress, importEsco } from '../src/ingest/import.js';
import { openConfiguredStore } from '../src/store/open-store.js';
import { openSavedStore, saveStore } from '../src/store/persistence.js';
import { startOxigraphServer } from '../test/oxigraph-server.js';
import { type DumpManifest, describeDump, existingDump, SCALE_LANGUAGES } from './all-languages-dump.js';
import { runGraphqlWorkloads, type WorkloadResult } from './graphql-workloads.js';

/** What a step's child passes to the bench: its progress while it runs, then its result. */
type ChildMessage = { progress: string | ImportProgress } | { imported: Imported } | { result: StepResult };

/** The embedded import, reported before the store is saved: saving can fail where importing did not. */
interface Imported {
  ms: number;
  detail: string;
}

interface StepResult {
  ms: number;
  /** Embedded import: the time to save the store after it (part of what an import costs). */
  saveMs?: number;
  /** Server start-up: how long `oxigraph serve` took to answer on its storage, before escograph connected. */
  serverAnswerMs?: number;
  detail: string;
  workloads?: WorkloadResult[];
}

interface StepArgs {
  dump: string;
  /** The step's stores: the embedded data dir and the server's storage, both inside. */
  work: string;
  rounds: number;
}

const emit = (message: ChildMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);
// A child's stdout carries its messages; what people read goes to stderr.
const log = (line: string) => process.stderr.write(`${line}\n`);
const dataDir = (work: string) => join(work, 'data');
const serverLocation = (work: string) => join(work, 'oxigraph');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

/** The steps, each run by a child: `node --import tsx bench/scale.bench.ts <step> <StepArgs as JSON>`. */
const STEPS: Record<string, (args: StepArgs) => Promise<StepResult>> = {
  'embedded-import': async ({ dump, work }) => {
    const imported = await timed(() => importEsco({ paths: [dump], onProgress: (progress) => emit({ progress }) }));
    const { store, summaries } = imported.value;
    // Node counts WebAssembly memory as external: how close the store came to the 4 GiB a 32-bit heap can reach.
    const detail = `${summaries[0]!.triples.toLocaleString('en')} triples, ${summaries[0]!.languages.length} languages; ` +
      `memory outside the JS heap (the WebAssembly heap, mostly) ${(process.memoryUsage().external / 1024 ** 3).toFixed(2)} GiB`;
    emit({ imported: { ms: imported.ms, detail } });
    emit({ progress: 'save' });
    const saved = await timed(() => saveStore(store, dataDir(work)));
    return { ms: imported.ms, saveMs: saved.ms, detail };
  },
  'embedded-serve': async ({ work, rounds }) => {
    const started = await timed(() => openSavedStore(dataDir(work)));
    const store = started.value;
    log(`embedded: restarted from the saved store in ${seconds(started.ms)}; the bench:graphql workloads:`);
    const workloads = await runGraphqlWorkloads(store, store.defaultVersion!, rounds, log);
    return { ms: started.ms, detail: `${(await store.size()).toLocaleString('en')} quads re-inserted`, workloads };
  },
  'server-import': async ({ dump, work }) => {
    const server = await startOxigraphServer({ location: serverLocation(work) });
    try {
      const config = loadConfig({}, server.env).store;
      const imported = await timed(() =>
        importEsco({ paths: [dump], into: async () => (await openConfiguredStore(config, work))!, onProgress: (progress) => emit({ progress }) }),
      );
      const summary = imported.value.summaries[0]!;
      return { ms: imported.ms, detail: `${summary.triples.toLocaleString('en')} triples, ${summary.languages.length} languages, into an empty server` };
    } finally {
      await server.stop();
    }
  },
  'server-serve': async ({ work, rounds }) => {
    const answered = await timed(() => startOxigraphServer({ location: serverLocation(work), timeoutMs: 600_000 }));
    const server = answered.value;
    try {
      const config = loadConfig({}, server.env).store;
      const started = await timed(async () => (await openConfiguredStore(config, work))!);
      const store = started.value;
      log(`server: connected and meta graph read in ${seconds(started.ms)} (oxigraph serve answered after ${seconds(answered.ms)}); the bench:graphql workloads:`);
      const workloads = await runGraphqlWorkloads(store, store.defaultVersion!, rounds, log);
      return { ms: started.ms, serverAnswerMs: answered.ms, detail: 'connected, meta graph read: nothing re-inserted', workloads };
    } finally {
      await server.stop();
    }
  },
};

/** How a step's child ended, with the peak RSS of its processes (escograph's node, oxigraph) read from /proc. */
interface Outcome {
  result?: StepResult;
  /** Why it failed, when it did. */
  failure?: string;
  /** The last progress the child reported. */
  progress?: string | ImportProgress;
  imported?: Imported;
  peakRssMb: { escograph: number; oxigraph?: number };
}

const procStatus = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
};

/** The process and its descendants (oxigraph serve is the child's child). */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    // Gone already.
  }
  return [pid, ...children.flatMap(processTree)];
}

/**
 * Runs a step in a child of its own process group, polling the peak RSS (VmHWM) of every process in it; past
 * `capMs` the whole group is killed. A child killed by the kernel or by V8 running out of memory leaves no result,
 * but its last progress and its stderr's last lines.
 */
function runStep(step: string, args: StepArgs, capMs: number): Promise<Outcome> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, step, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', killGroup);
  const outcome: Outcome = { peakRssMb: { escograph: 0 } };
  const poll = setInterval(() => {
    for (const pid of processTree(child.pid!)) {
      const status = procStatus(pid);
      const name = /^Name:\s*(\S+)/m.exec(status)?.[1];
      const hwmMb = Math.round(Number(/^VmHWM:\s*(\d+)/m.exec(status)?.[1] ?? 0) / 1024);
      if (name === 'oxigraph') outcome.peakRssMb.oxigraph = Math.max(outcome.peakRssMb.oxigraph ?? 0, hwmMb);
      else if (pid === child.pid) outcome.peakRssMb.escograph = Math.max(outcome.peakRssMb.escograph, hwmMb);
    }
  }, 250);
  let timedOut = false;
  const cap = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, capMs);
  let stderrTail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString()).slice(-2000);
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let message: ChildMessage;
    try {
      message = JSON.parse(line) as ChildMessage;
    } catch {
      return;
    }
    if ('progress' in message) outcome.progress = message.progress;
    else if ('imported' in message) outcome.imported = message.imported;
    else outcome.result = message.result;
  });
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(cap);
      killGroup();
      process.off('exit', killGroup);
      if (timedOut) outcome.failure = `stopped at the time cap of ${seconds(capMs)}`;
      else if (code !== 0 || !outcome.result) {
        const lastError = stderrTail.trim().split('\n').filter((line) => /error|memory|abort|fatal/i.test(line)).at(-1) ?? stderrTail.trim().split('\n').at(-1);
        outcome.failure = `exited with ${signal ? `signal ${signal}` : `code ${code}`}: ${lastError?.trim() ?? 'no message'}`;
      }
      resolve(outcome);
    });
  });
}

/** How far an import got when it failed: the dump's parts (and their triples and characters) loaded by then. */
function sizeReached(progress: Outcome['progress'], manifest: DumpManifest): string {
  const everything = `all ${manifest.parts.length} parts (${manifest.triples.toLocaleString('en')} triples, ${(manifest.chars / 1024 ** 2).toFixed(0)} MiB) loaded`;
  if (progress === undefined) return 'before the first part was read';
  if (typeof progress === 'string') return `${everything}, while saving the store`;
  if (progress.phase !== 'read') return `${everything}, while the import was at its ${progress.phase} phase (${progress.done + 1} of ${progress.total})`;
  const loaded = manifest.parts.slice(0, progress.done);
  const triples = loaded.reduce((sum, part) => sum + part.triples, 0);
  const chars = loaded.reduce((sum, part) => sum + part.chars, 0);
  return `${loaded.length} of ${manifest.parts.length} parts loaded (${triples.toLocaleString('en')} of ${manifest.triples.toLocaleString('en')} triples, ` +
    `${(chars / 1024 ** 2).toFixed(0)} of ${(manifest.chars / 1024 ** 2).toFixed(0)} MiB of N-Triples), reading part ${progress.done + 1}`;
}

const rss = (outcome: Outcome) =>
  `peak RSS escograph ${outcome.peakRssMb.escograph.toLocaleString('en')} MB` +
  (outcome.peakRssMb.oxigraph === undefined ? '' : `, oxigraph ${outcome.peakRssMb.oxigraph.toLocaleString('en')} MB`);
const load = () => `loadavg ${loadavg().map((value) => value.toFixed(1)).join(' ')}`;

const BACKENDS = ['embedded', 'server'] as const;
type Backend = (typeof BACKENDS)[number];

/** One backend's import of the dump, then (when it succeeded) its start-up and workloads. */
interface BackendRun {
  import: Outcome;
  serve?: Outcome;
}

const TITLES: Record<Backend, string> = {
  embedded: 'embedded (Oxigraph in WebAssembly): import of the dump, then saving the store',
  server: 'SPARQL server (oxigraph serve, RocksDB): import of the dump into an empty server',
};

async function runBackend(backend: Backend, args: StepArgs, capMs: number, manifest: DumpManifest): Promise<BackendRun> {
  console.log(`\n${TITLES[backend]}; cap ${seconds(capMs)} a step`);
  const imported = await runStep(`${backend}-import`, args, capMs);
  const run: BackendRun = { import: imported };
  if (imported.failure) {
    const took = imported.imported ? `the import took ${seconds(imported.imported.ms)} (${imported.imported.detail}), then ` : '';
    const verdict = backend === 'embedded' ? 'the embedded store could not hold it' : 'the import failed';
    console.log(`  ${verdict}: ${took}the step ${imported.failure}, with ${sizeReached(imported.progress, manifest)}; ${rss(imported)}`);
  } else {
    const { ms, saveMs, detail } = imported.result!;
    console.log(`  import ${seconds(ms)} (${detail})${saveMs === undefined ? '' : `, then saving ${seconds(saveMs)}`}; ${rss(imported)}`);
    const serve = (run.serve = await runStep(`${backend}-serve`, args, capMs));
    if (serve.failure) console.log(`  the start-up and its workloads failed: the step ${serve.failure}; ${rss(serve)}`);
    else {
      const { ms, serverAnswerMs, detail } = serve.result!;
      const answered = serverAnswerMs === undefined ? '' : `; oxigraph serve itself answered after ${seconds(serverAnswerMs)}`;
      console.log(`  start-up on the saved store ${seconds(ms)} (${detail}${answered}); ${rss(serve)}`);
    }
  }
  rmSync(dataDir(args.work), { recursive: true, force: true });
  console.log(`  ${load()}`);
  return run;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    languages: { type: 'string', default: String(SCALE_LANGUAGES.length) }, keep: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '20' }, 'cap-minutes': { type: 'string', default: '20' }, backend: { type: 'string', default: 'both' },
  },
});
if (positionals[0]) {
  const [step, args] = positionals as [string, string];
  emit({ result: await STEPS[step]!(JSON.parse(args) as StepArgs) });
} else {
  if (![...BACKENDS, 'both'].includes(values.backend)) throw new Error(`--backend is embedded, server or both (got ${values.backend})`);
  const languageCount = Number(values.languages);
  const capMs = Number(values['cap-minutes']) * 60_000;
  const root = join(tmpdir(), 'escograph-bench-scale');
  const dump = join(root, `esco-v1.1.1-all-languages-${languageCount}`);
  const work = join(root, `stores-${process.pid}`);
  const args: StepArgs = { dump, work, rounds: Number(values.rounds) };
  console.log(`escograph bench:scale — synthetic all-language ESCO v1.1.1, ${languageCount} language tag(s); ${load()} at the start`);
  try {
    let manifest = values.keep ? existingDump(dump, languageCount) : undefined;
    if (manifest) console.log(`dump (kept from an earlier run): ${describeDump(manifest)}`);
    else {
      const generated = await timed(async () =>
        execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'all-languages-dump.ts'), '--languages', String(languageCount), '--out', dump], { stdio: 'inherit' }),
      );
      manifest = existingDump(dump, languageCount)!;
      console.log(`dump generated in ${seconds(generated.ms)}`);
    }
    mkdirSync(work, { recursive: true });

    const runs: Partial<Record<Backend, BackendRun>> = {};
    for (const backend of BACKENDS) if (values.backend === 'both' || values.backend === backend) runs[backend] = await runBackend(backend, args, capMs, manifest);
    const { embedded, server } = runs;

    console.log(`\nsummary — ${describeDump(manifest)}`);
    const cell = (outcome: Outcome | undefined, text: (result: StepResult) => string) =>
      !outcome ? 'not run' : outcome.failure ? 'failed' : text(outcome.result!);
    const row = (label: string, embedded: string, server: string) => console.log(`  ${label.padEnd(52)} ${embedded.padStart(22)} ${server.padStart(22)}`);
    row('', 'embedded', 'server');
    const embeddedImportCell = embedded?.import.failure && embedded.import.imported
      ? `${seconds(embedded.import.imported.ms)}, save failed`
      : cell(embedded?.import, (r) => `${seconds(r.ms)} + ${seconds(r.saveMs!)} save`);
    row('import of the dump', embeddedImportCell, cell(server?.import, (r) => seconds(r.ms)));
    row('start-up on the saved store', cell(embedded?.serve, (r) => seconds(r.ms)), cell(server?.serve, (r) => seconds(r.ms)));
    const peak = (outcomes: (Outcome | undefined)[], process: 'escograph' | 'oxigraph') => {
      const values = outcomes.flatMap((outcome) => (outcome?.peakRssMb[process] === undefined ? [] : [outcome.peakRssMb[process]!]));
      return values.length ? `${Math.max(...values).toLocaleString('en')} MB` : '—';
    };
    row('peak RSS, escograph', peak([embedded?.import, embedded?.serve], 'escograph'), peak([server?.import, server?.serve], 'escograph'));
    row('peak RSS, oxigraph serve', '—', peak([server?.import, server?.serve], 'oxigraph'));
    const workloadNames = (embedded?.serve?.result?.workloads ?? server?.serve?.result?.workloads ?? []).map((workload) => workload.name);
    for (const [index, name] of workloadNames.entries()) {
      const p50 = (outcome: Outcome | undefined) =>
        cell(outcome, (r) => `${r.workloads![index]!.graphql.p50.toFixed(2)} ms (raw ${r.workloads![index]!.raw.p50.toFixed(2)})`);
      row(`GraphQL p50: ${name}`, p50(embedded?.serve), p50(server?.serve));
    }
    console.log(`${load()} at the end`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (!values.keep) rmSync(dump, { recursive: true, force: true });
  }
}
