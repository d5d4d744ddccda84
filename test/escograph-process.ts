import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const BIN = join(import.meta.dirname, '..', 'bin', 'escograph.js');

export interface EscographProcess {
  /** http://localhost:<port>, as the process logged it. */
  url: string;
  /** Resolves with the first line the process writes to stderr from now on that matches (its log of linking, say). */
  waitForLog(pattern: RegExp, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * `escograph serve` as its own process (bin/escograph.js), as a replica runs in production: on a port of its own,
 * a data directory of its own, lexical linking (no model to load), and `env` on top (ESCOGRAPH_STORE, the write
 * token). Resolves once it logged that it listens.
 */
export async function startEscographServe(env: NodeJS.ProcessEnv, timeoutMs = 540_000): Promise<EscographProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'escograph-replica-'));
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, ESCOGRAPH_DATA_DIR: dataDir, ESCOGRAPH_EMBEDDER: 'none', ESCOGRAPH_SPARQL_WORKERS: '1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => process.off('exit', orphaned));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const stderrLines = createInterface({ input: child.stderr! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`escograph serve did not listen within ${timeoutMs} ms: ${stderr.trim()}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`escograph serve exited with code ${code}: ${stderr.trim()}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      // pino's JSON lines; anything else a dependency prints is not the one awaited.
      const entry = (line.startsWith('{') ? JSON.parse(line) : {}) as { msg?: string; url?: string };
      if (entry.msg === 'listening') {
        clearTimeout(timer);
        resolve(entry.url!.replace(/\/$/, ''));
      }
    });
  });
  let stopping = false;
  // A replica that dies under a test would otherwise show only as refused connections.
  child.once('exit', (code, signal) => stopping || process.stderr.write(`escograph serve at ${url} exited (${code ?? signal}): ${stderr.trim()}\n`));
  return {
    url,
    waitForLog: (pattern, timeoutMs) => new Promise((resolve, reject) => {
      const onLine = (line: string) => {
        if (!pattern.test(line)) return;
        clearTimeout(timer);
        stderrLines.off('line', onLine);
        resolve(line);
      };
      const timer = setTimeout(() => {
        stderrLines.off('line', onLine);
        reject(new Error(`escograph serve at ${url} logged nothing matching ${pattern} within ${timeoutMs} ms: ${stderr.trim().slice(-1000)}`));
      }, timeoutMs);
      stderrLines.on('line', onLine);
    }),
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
