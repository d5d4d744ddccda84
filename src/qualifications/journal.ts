import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type QualificationChanges,
  type QualificationTriples,
  type ReviewStatus,
  deleteQualification,
  insertQualification,
  setReview,
  updateQualification,
} from '../store/queries/qualifications.js';

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

/**
 * What the qualifications journal holds, one event a line. Events are only ever added, never changed: a journal
 * written by an earlier version (create and review only) replays as it did then.
 */
export type QualificationEvent =
  | { type: 'create'; qualification: QualificationTriples }
  | { type: 'review'; qualification: string; outcome: string; skill: string; status: ReviewStatus; at: string }
  | { type: 'update'; qualification: string; changes: QualificationChanges; at: string }
  | { type: 'delete'; qualification: string; at: string };

/** The SPARQL update that applies an event to the qualifications graph, when written and when replayed. */
export function updateOf(event: QualificationEvent): string {
  switch (event.type) {
    case 'create':
      return insertQualification(event.qualification);
    case 'review':
      return setReview(event.outcome, event.skill, event.status);
    case 'update':
      return updateQualification(event.qualification, event.changes, event.at);
    case 'delete':
      return deleteQualification(event.qualification);
    default:
      // A journal from a newer version: replaying it without this event would quietly lose data.
      throw new Error(`the qualifications journal holds an event this version does not know: ${JSON.stringify(event).slice(0, 200)}`);
  }
}
