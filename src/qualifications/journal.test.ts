import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, JournalCorruptError } from './journal.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'escograph-journal-')), 'sub', 'journal.jsonl');

describe('Journal', () => {
  it('reads back what was appended, after closing and reopening', () => {
    const file = tempFile();
    const journal = Journal.open<{ n: number }>(file);
    journal.append({ n: 1 });
    journal.append({ n: 2 });
    journal.close();
    expect(Journal.open<{ n: number }>(file).records).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('ignores a torn last line, cuts it off, and appends cleanly after it', () => {
    const file = tempFile();
    const journal = Journal.open<{ n: number }>(file);
    journal.append({ n: 1 });
    journal.close();
    appendFileSync(file, '{"n": 2, "tor');
    const reopened = Journal.open<{ n: number }>(file);
    expect(reopened.records).toEqual([{ n: 1 }]);
    reopened.append({ n: 3 });
    reopened.close();
    expect(readFileSync(file, 'utf8')).toBe('{"n":1}\n{"n":3}\n');
  });

  it('refuses a journal damaged before its last line, naming the line, and leaves it as it is', () => {
    const file = tempFile();
    Journal.open(file).close();
    writeFileSync(file, '{"n":1}\nnot json\n{"n":3}\n');
    expect(() => Journal.open(file)).toThrow(JournalCorruptError);
    expect(() => Journal.open(file)).toThrow(/line 2/);
    expect(readFileSync(file, 'utf8')).toBe('{"n":1}\nnot json\n{"n":3}\n');
  });
});
