import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeCrashLeftovers, storeFile } from './persistence.js';

describe('crash leftovers', () => {
  it('removes the temp files of writers that are gone, keeping live writers\' files and the store', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'escograph-leftovers-'));
    mkdirSync(join(dataDir, 'store'));
    mkdirSync(join(dataDir, 'vectors'));
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const file = (path: string) => (writeFileSync(path, 'partial'), path);
    const dead = file(`${storeFile(dataDir)}.${deadPid}.tmp`);
    const deadVectors = file(join(dataDir, 'vectors', `en.f32.${deadPid}.tmp`));
    const live = file(`${storeFile(dataDir)}.${process.ppid}.tmp`);
    // In a container a restarted process often gets its killed predecessor's pid: older than this process, not ours.
    const reusedPid = file(join(dataDir, 'store', `old.nt.${process.pid}.tmp`));
    utimesSync(reusedPid, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const ours = file(join(dataDir, 'store', `new.nt.${process.pid}.tmp`));
    const store = file(storeFile(dataDir));

    expect(removeCrashLeftovers(dataDir).sort()).toEqual([dead, deadVectors, reusedPid].sort());
    expect([dead, deadVectors, reusedPid].map(existsSync)).toEqual([false, false, false]);
    expect([live, ours, store].map(existsSync)).toEqual([true, true, true]);
    expect(readFileSync(store, 'utf8')).toBe('partial');
  });

  it('does nothing in a data directory that does not exist yet', () => {
    expect(removeCrashLeftovers(join(tmpdir(), 'escograph-never-created'))).toEqual([]);
  });
});
