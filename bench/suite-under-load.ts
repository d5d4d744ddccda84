/**
 * The test suite with the machine loaded (issue 12, item 10): one CPU burner per core, each a separate process at
 * normal priority spinning for the whole run, while `vitest run` runs N times in a row. It prints each run's verdict,
 * duration and failed tests, and exits non-zero when any run failed. Tests must not depend on the machine's speed:
 * a timing-dependent test shows here as a run that fails while the same suite passes on a quiet machine.
 * Usage: npm run test:under-load [-- --runs N] [--burners N] [-- vitest args...]   (default 3 runs, one burner a core)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, burners: { type: 'string', default: String(availableParallelism()) } },
  allowPositionals: true,
});

function startBurner(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

function runSuite(): Promise<{ ok: boolean; seconds: number; failures: string[] }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', ...positionals], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      out += chunk.toString();
    });
    child.on('close', (code) => {
      // vitest marks each failed test with FAIL (and ×); the summary lines say how many.
      const failures = out.split('\n').filter((line) => /^\s*(FAIL|×)\s/.test(line.replace(/\x1b\[[0-9;]*m/g, '')));
      resolve({ ok: code === 0, seconds: (performance.now() - started) / 1000, failures });
    });
  });
}

const burners = Array.from({ length: Number(values.burners) }, startBurner);
const stopBurners = (): void => burners.forEach((burner) => burner.kill('SIGKILL'));
// Burners left behind would load the machine until someone notices: stop them however this process ends.
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(130));

const verdicts: string[] = [];
let failed = 0;
for (let run = 1; run <= Number(values.runs); run++) {
  const { ok, seconds, failures } = await runSuite();
  if (!ok) failed++;
  verdicts.push(`run ${run}: ${ok ? 'passed' : 'FAILED'} in ${seconds.toFixed(0)} s` +
    (failures.length ? `\n  ${failures.map((line) => line.trim()).join('\n  ')}` : ''));
}
stopBurners();
console.log(`\nsuite under load (${burners.length} CPU burners on ${availableParallelism()} cores):\n${verdicts.join('\n')}`);
process.exit(failed ? 1 : 0);
