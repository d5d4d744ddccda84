import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEsco } from '../ingest/import.js';
import { writeHostileInputs } from '../ingest/testing/hostile-inputs.js';
import { saveStore, storeFile } from '../store/persistence.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'escograph.js');
const FIXTURE = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'esco-v1.0.x-quirks.ttl');

async function escograph(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...nodeArgs, BIN, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('escograph import (the installed command)', () => {
  it('imports, saves, prints a JSON summary and plain progress lines when not on a terminal', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'escograph-cli-'));
    const result = await escograph(['import', FIXTURE, '--json'], { ESCOGRAPH_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ version: 'v1.0.x', occupations: 1, skills: 1, iscoGroups: 1, optionalRelations: 1 });
    for (const key of ['triples', 'skillGroups', 'essentialRelations', 'danglingReferences', 'languages']) {
      expect(summary).toHaveProperty(key);
    }
    expect(result.stderr).toMatch(/\[read 1\/1\] .*esco-v1\.0\.x-quirks\.ttl/);
    expect(readFileSync(storeFile(dataDir), 'utf8')).toContain('# graph <urn:escograph:esco:v1.0.x>');
  });

  it('exits non-zero with one clear line and leaves the saved store as it was', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'escograph-cli-'));
    expect((await escograph(['import', FIXTURE, '--data-dir', dataDir])).code).toBe(0);
    const saved = readFileSync(storeFile(dataDir));
    const broken = join(mkdtempSync(join(tmpdir(), 'escograph-cli-')), 'v1.0.x-broken.ttl');
    writeFileSync(broken, '<http://a> a <http://www.w3.org/2004/02/skos/core#Concept> ; <http://b> "never closed .\n');
    const result = await escograph(['import', broken, '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^escograph: import failed: .*v1\.0\.x-broken\.ttl: .*line 1/);
    expect(readFileSync(storeFile(dataDir)).equals(saved)).toBe(true);
  });

  it('rejects an unknown language code', async () => {
    const result = await escograph(['import', FIXTURE, '--languages', 'en,zz', '--data-dir', mkdtempSync(join(tmpdir(), 'x-'))]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown language code\(s\): zz/);
  });
});

describe('hostile imports (the installed command)', () => {
  const root = mkdtempSync(join(tmpdir(), 'escograph-hostile-cli-'));
  const inputs = writeHostileInputs(root);
  const dataDir = join(root, 'data');
  let saved: Buffer;
  beforeAll(async () => {
    await saveStore((await importEsco({ paths: [FIXTURE] })).store, dataDir);
    saved = readFileSync(storeFile(dataDir));
  });
  // The child reports its own peak RSS and CPU time as it exits: a test hook outside the product. CPU time, unlike
  // wall time, does not grow when other processes load the machine.
  const usage = join(root, 'usage.mjs');
  writeFileSync(
    usage,
    "process.on('exit', () => { const u = process.resourceUsage(); " +
      "process.stderr.write(`\\nusage ${u.maxRSS} ${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\\n`); });\n",
  );
  const rows: string[] = [];

  it.each(inputs.map((input) => [input.name, input] as const))('%s: exits 1 within 10 s of CPU under 1 GB, naming the problem, the store untouched', async (name, input) => {
    const started = performance.now();
    const result = await escograph(['import', input.path, '--data-dir', dataDir], input.env, ['--import', usage]);
    const ms = Math.round(performance.now() - started);
    const [, rssKb, cpuMs] = /usage (\d+) (\d+)/.exec(result.stderr) ?? [];
    const rssMb = Number(rssKb) / 1024;
    const message = result.stderr.split('\n').find((line) => line.startsWith('escograph: import failed: ')) ?? result.stderr;
    const shown = message.replace('escograph: import failed: ', '').replaceAll(root, '…').replaceAll('|', '\\|');
    rows.push(`| ${name} | ${result.code} | ${shown} | ${ms} | ${cpuMs} | ${Math.round(rssMb)} MB |`);
    expect(result.code).toBe(1);
    expect(message).toMatch(input.message);
    expect(Number(cpuMs)).toBeLessThan(10_000);
    expect(rssMb).toBeLessThan(1024);
    expect(readFileSync(storeFile(dataDir)).equals(saved)).toBe(true);
  });

  it('removes what a killed import left behind, at the next import', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const leftover = `${storeFile(dataDir)}.${deadPid}.tmp`;
    writeFileSync(leftover, '<http://a> <http://b> "half a');
    const result = await escograph(['import', inputs[0]!.path, '--data-dir', dataDir]);
    expect(result.stderr).toContain(`removed ${leftover}, left by an import or write that was killed`);
    expect(existsSync(leftover)).toBe(false);
    expect(readFileSync(storeFile(dataDir)).equals(saved)).toBe(true);
  });

  afterAll(() => {
    // The README's table of hostile imports is this output.
    console.log(['| input | exit | message | ms | CPU ms | peak RSS |', '|---|---|---|---|---|---|', ...rows].join('\n'));
  });
});
