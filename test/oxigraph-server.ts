import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port.js';

/**
 * A real `oxigraph serve` (the PyPI package `oxigraph`, which .ci/run installs) on a loopback port of its own, with
 * its RocksDB storage in a folder: what the tests and benchmarks of the SPARQL server backend run against. A
 * missing binary fails loudly, naming how to install it: nothing passes by skipping.
 */
export interface OxigraphServer {
  /** The query URL, as ESCOGRAPH_STORE takes it. */
  queryUrl: string;
  port: number;
  /** Where its storage lives. */
  location: string;
  /** ESCOGRAPH_STORE set for this server, for a child process's environment or loadConfig. */
  env: NodeJS.ProcessEnv;
  /** Stops the process; SIGKILL when `kill` (a crash), else SIGTERM. The storage stays unless `remove`. */
  stop(options?: { kill?: boolean; remove?: boolean }): Promise<void>;
}

const INSTALL = 'python3 -m pip install --user oxigraph==0.5.13';

/** The `oxigraph` command: OXIGRAPH_BIN, else on PATH, else in pip's user scheme (`pip install --user` without PATH set up). */
export function oxigraphCommand(): string {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (process.env.OXIGRAPH_BIN) return process.env.OXIGRAPH_BIN;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && executable(join(dir, 'oxigraph'))) return join(dir, 'oxigraph');
  try {
    const userBin = join(execFileSync('python3', ['-m', 'site', '--user-base'], { encoding: 'utf8' }).trim(), 'bin', 'oxigraph');
    if (executable(userBin)) return userBin;
  } catch {
    // No python3: the error below says what to install.
  }
  throw new Error(`the Oxigraph server (the oxigraph command) is not installed: ${INSTALL}, or set OXIGRAPH_BIN`);
}

/**
 * Starts the server (on an existing storage folder, when given; on `port`, when given, as a restart after a crash
 * must be to keep its clients' URL; `queryTimeoutS` is its own query time limit) and resolves once it answers a query.
 */
export async function startOxigraphServer(options: { location?: string; port?: number; timeoutMs?: number; queryTimeoutS?: number } = {}): Promise<OxigraphServer> {
  const command = oxigraphCommand();
  const location = options.location ?? mkdtempSync(join(tmpdir(), 'escograph-oxigraph-'));
  const port = options.port ?? (await freePort());
  const queryUrl = `http://127.0.0.1:${port}/query`;
  const args = ['serve', '--location', location, '--bind', `127.0.0.1:${port}`, ...(options.queryTimeoutS ? ['--timeout-s', String(options.queryTimeoutS)] : [])];
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A test process that dies without stopping it (a crash, a closed pipe) must not leave the server running.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  void exited.then(() => process.off('exit', orphaned));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`oxigraph serve exited with code ${child.exitCode}: ${stderr.trim()}`);
    try {
      const answer = await fetch(`${queryUrl}?query=${encodeURIComponent('ASK {}')}`);
      if (answer.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`oxigraph serve did not answer on ${queryUrl} within ${options.timeoutMs ?? 30_000} ms: ${stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    queryUrl,
    port,
    location,
    env: { ESCOGRAPH_STORE: queryUrl },
    async stop({ kill = false, remove = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(kill ? 'SIGKILL' : 'SIGTERM');
        await exited;
      }
      if (remove) rmSync(location, { recursive: true, force: true });
    },
  };
}
