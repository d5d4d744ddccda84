import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export class JournalCorruptError extends Error {
  constructor(file: string, line: number, reason: string) {
    super(`journal ${file} is damaged at line ${line} (${reason}); it was left as it is`);
    this.name = 'JournalCorruptError';
  }
}

/**
 * An append-only file of JSON records, one a line, each fsynced before the append returns: a write that
 * returned survives a crash. A crash in the middle of an append leaves a last line without its newline; on
 * opening, that torn line is ignored and cut off, so the next append starts on a clean line.
 */
export class Journal<T> {
  private fd: number | undefined;

  private constructor(
    readonly file: string,
    readonly records: T[],
  ) {}

  /** Opens (creating when absent) the journal and reads back every complete record. */
  static open<T>(file: string): Journal<T> {
    mkdirSync(dirname(file), { recursive: true });
    const created = !existsSync(file);
    const fd = openSync(file, 'a+');
    if (created) fsyncDir(dirname(file));
    const text = readFileSync(file, 'utf8');
    const complete = text.lastIndexOf('\n') + 1;
    const records: T[] = [];
    text.slice(0, complete).split('\n').forEach((line, index) => {
      if (!line) return;
      try {
        records.push(JSON.parse(line) as T);
      } catch (error) {
        closeSync(fd);
        throw new JournalCorruptError(file, index + 1, (error as Error).message);
      }
    });
    if (complete < Buffer.byteLength(text)) {
      ftruncateSync(fd, Buffer.byteLength(text.slice(0, complete)));
      fsyncSync(fd);
    }
    const journal = new Journal<T>(file, records);
    journal.fd = fd;
    return journal;
  }

  /** Appends a record durably: written and fsynced when this returns. */
  append(record: T): void {
    if (this.fd === undefined) throw new Error(`journal ${this.file} is closed`);
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
    this.records.push(record);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
