import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { storeFile } from '../store/persistence.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'escograph.js');
const FIXTURE = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'esco-v1.0.x-quirks.ttl');

async function escograph(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
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
    writeFileSync(broken, '<http://a> <http://b> "never closed .\n');
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
