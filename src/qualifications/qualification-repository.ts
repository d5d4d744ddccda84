import { randomUUID, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import type { EscoStore } from '../store/esco-store.js';
import { isSkill } from '../store/queries/linking.js';
import type { z } from 'zod';
import {
  DROP_QUALIFICATIONS,
  type ReviewStatus,
  fieldsOfRow,
  selectOutcomes,
  selectQualifications,
} from '../store/queries/qualifications.js';
import { readElmCredential } from './credential-import.js';
import { readQualificationCsv } from './csv-import.js';
import { Journal, type QualificationEvent, updateOf } from './journal.js';
import {
  type LearningOutcome,
  type Qualification,
  QualificationError,
  type QualificationInput,
  type QualificationUpdate,
  qualificationInput,
  qualificationUpdate,
  WriteRefusedError,
} from './qualification.js';

/**
 * The write token a caller presents, or `true` when the caller (the GraphQL layer) has itself checked the
 * request's token against the same configured one. Without a configured token every write is refused.
 */
export type WriteAuth = string | boolean | undefined;

export interface RepositoryOptions {
  store: EscoStore;
  /** The journal lives in `<dataDir>/qualifications/journal.jsonl`. */
  dataDir: string;
  /** Writes must present this token; without one the repository is read-only. */
  writeToken?: string;
}

export interface ReviewInput {
  qualification: string;
  outcome: string;
  skill: string;
  status: ReviewStatus;
}

function validate<S extends z.ZodType>(schema: S, input: unknown, problem: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
  throw new QualificationError(`${problem}: ${issues.join('; ')}`);
}

export const journalFile = (dataDir: string) => join(dataDir, 'qualifications', 'journal.jsonl');

/**
 * Qualifications as part of the graph. Every change is first appended (fsynced) to the journal, then applied to
 * the named graph `urn:escograph:qualifications`; at startup the graph is rebuilt from the journal, so whatever a
 * write returned survives a restart or a crash. Reads come from the graph.
 */
export class QualificationRepository {
  private constructor(
    private readonly store: EscoStore,
    private readonly journal: Journal<QualificationEvent>,
    private readonly writeToken: string | undefined,
  ) {}

  static open({ store, dataDir, writeToken }: RepositoryOptions): QualificationRepository {
    const journal = Journal.open<QualificationEvent>(journalFile(dataDir));
    const repository = new QualificationRepository(store, journal, writeToken);
    // A saved store may hold an older copy of the graph: the journal is the truth.
    store.update(DROP_QUALIFICATIONS);
    for (const event of journal.records) store.update(updateOf(event));
    return repository;
  }

  get readOnly(): boolean {
    return !this.writeToken;
  }

  close(): void {
    this.journal.close();
  }

  create(input: QualificationInput, auth: WriteAuth): Qualification {
    this.authorize(auth);
    const { learningOutcomes, ...fields } = validate(qualificationInput, input, 'invalid qualification');
    const id = `urn:escograph:qualification:${randomUUID()}`;
    const outcomes = learningOutcomes.map((outcome, n) => {
      const { text, acceptedSkills } = typeof outcome === 'string' ? { text: outcome, acceptedSkills: [] } : outcome;
      acceptedSkills.forEach((skill) => this.checkSkill(skill));
      return { id: `${id}:outcome:${n + 1}`, text, acceptedSkills: [...new Set(acceptedSkills)] };
    });
    this.write({ type: 'create', qualification: { id, ...fields, createdAt: new Date().toISOString(), learningOutcomes: outcomes } });
    return this.get(id)!;
  }

  /** Imports every qualification of an ELM v3 credential; its related ESCO skills become accepted links. */
  importCredential(json: string, auth: WriteAuth, source?: string): Qualification[] {
    this.authorize(auth);
    return this.createAll(readElmCredential(json, source), auth);
  }

  importCsv(csv: string, auth: WriteAuth, source?: string): Qualification[] {
    this.authorize(auth);
    return this.createAll(readQualificationCsv(csv, source), auth);
  }

  /** Validates all before writing any, so a bad row leaves nothing half-imported. */
  private createAll(inputs: QualificationInput[], auth: WriteAuth): Qualification[] {
    inputs.forEach((input, n) => validate(qualificationInput, input, `qualification ${n + 1} is invalid`));
    return inputs.map((input) => this.create(input, auth));
  }

  /** Accepts or rejects a suggested skill for one learning outcome; returns the outcome as it now is. */
  reviewLink(review: ReviewInput, auth: WriteAuth): LearningOutcome {
    this.authorize(auth);
    const qualification = this.existing(review.qualification);
    if (!qualification.learningOutcomes.some((o) => o.id === review.outcome)) {
      throw new QualificationError(`qualification ${review.qualification} has no learning outcome ${review.outcome}`);
    }
    if (review.status !== 'ACCEPTED' && review.status !== 'REJECTED') {
      throw new QualificationError(`status must be ACCEPTED or REJECTED, got ${String(review.status)}`);
    }
    this.checkSkill(review.skill);
    this.write({ type: 'review', ...review, at: new Date().toISOString() });
    return this.get(review.qualification)!.learningOutcomes.find((o) => o.id === review.outcome)!;
  }

  /** Changes the fields named in `changes` (null removes one); outcomes and their decisions stay as they are. */
  update(id: string, changes: QualificationUpdate, auth: WriteAuth): Qualification {
    this.authorize(auth);
    const valid = validate(qualificationUpdate, changes, `invalid update of qualification ${id}`);
    this.existing(id);
    this.write({ type: 'update', qualification: id, changes: valid, at: new Date().toISOString() });
    return this.get(id)!;
  }

  /** Deletes a qualification with its outcomes and their review decisions; returns its id. */
  delete(id: string, auth: WriteAuth): string {
    this.authorize(auth);
    this.existing(id);
    this.write({ type: 'delete', qualification: id, at: new Date().toISOString() });
    return id;
  }

  get(id: string): Qualification | undefined {
    if (!/^urn:escograph:qualification:[0-9a-f-]{36}$/.test(id)) return undefined;
    return this.read(id)[0];
  }

  list(): Qualification[] {
    return this.read();
  }

  private read(id?: string): Qualification[] {
    const query = (q: string) => this.store.store.query(q) as Map<string, { value: string }>[];
    const byId = new Map<string, Qualification>();
    for (const row of query(selectQualifications(id))) {
      const value = (name: string) => row.get(name)?.value;
      const q: Qualification = {
        id: value('q')!,
        ...fieldsOfRow(value),
        source: value('source'),
        createdAt: value('created')!,
        modifiedAt: value('modified'),
        learningOutcomes: [],
        skills: [],
      };
      byId.set(q.id, q);
    }
    const outcomes = new Map<string, LearningOutcome>();
    for (const row of query(selectOutcomes(id))) {
      const q = byId.get(row.get('q')!.value);
      if (!q) continue;
      const outcomeId = row.get('o')!.value;
      let outcome = outcomes.get(outcomeId);
      if (!outcome) {
        outcome = { id: outcomeId, text: row.get('text')!.value, acceptedSkills: [], rejectedSkills: [] };
        outcomes.set(outcomeId, outcome);
        q.learningOutcomes.push(outcome);
      }
      const skill = row.get('skill')?.value;
      if (skill) (row.get('status')!.value === 'ACCEPTED' ? outcome.acceptedSkills : outcome.rejectedSkills).push(skill);
    }
    for (const q of byId.values()) {
      q.skills = [...new Set(q.learningOutcomes.flatMap((o) => o.acceptedSkills))].sort();
    }
    return [...byId.values()];
  }

  /** Checked before an event is journaled: the journal only ever holds events that apply. */
  private existing(id: string): Qualification {
    const qualification = this.get(id);
    if (!qualification) throw new QualificationError(`no qualification ${id}`);
    return qualification;
  }

  private write(event: QualificationEvent): void {
    // Built before appending, so an event that cannot become SPARQL never reaches the journal.
    const update = updateOf(event);
    this.journal.append(event);
    this.store.update(update);
  }

  private authorize(auth: WriteAuth): void {
    if (!this.writeToken) throw new WriteRefusedError('read-only: writes are refused because ESCOGRAPH_WRITE_TOKEN is not set');
    if (auth === true) return;
    const [given, expected] = [Buffer.from(auth || ''), Buffer.from(this.writeToken)];
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new WriteRefusedError('write refused: missing or wrong write token');
    }
  }

  private checkSkill(uri: string): void {
    let known: boolean;
    try {
      // Without an ESCO version loaded there is nothing to check against; the IRI is still validated.
      known = this.store.defaultVersion ? this.store.ask(isSkill(uri)) : (isSkill(uri), true);
    } catch (error) {
      throw new QualificationError((error as Error).message);
    }
    if (!known) throw new QualificationError(`not an ESCO skill of version ${this.store.defaultVersion}: ${uri}`);
  }
}
