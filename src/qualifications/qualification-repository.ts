import { randomUUID, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import type { EscoStore } from '../store/esco-store.js';
import { selectRows } from '../store/tsv-rows.js';
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
  /** The journal lives in `<dataDir>/qualifications/journal.jsonl` (embedded store only). */
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
 * Qualifications as part of the graph `urn:escograph:qualifications`. On the embedded store every change is first
 * appended (fsynced) to the journal, then applied to the graph; at startup the graph is rebuilt from the journal,
 * so whatever a write returned survives a restart or a crash. On a SPARQL server the change is one SPARQL Update,
 * and a write returns once the server acknowledged it: the server is the durable copy, shared by every process
 * that uses it, and there is no journal. Reads always come from the graph, never from a copy held here, so a
 * process sees another's writes at once.
 */
export class QualificationRepository {
  private constructor(
    private readonly store: EscoStore,
    private readonly journal: Journal<QualificationEvent> | undefined,
    private readonly writeToken: string | undefined,
  ) {}

  static async open({ store, dataDir, writeToken }: RepositoryOptions): Promise<QualificationRepository> {
    if (store.backend.durable) return new QualificationRepository(store, undefined, writeToken);
    const journal = Journal.open<QualificationEvent>(journalFile(dataDir));
    // A saved store may hold an older copy of the graph: the journal is the truth.
    await store.update(DROP_QUALIFICATIONS);
    for (const event of journal.records) await store.update(updateOf(event));
    return new QualificationRepository(store, journal, writeToken);
  }

  get readOnly(): boolean {
    return !this.writeToken;
  }

  close(): void {
    this.journal?.close();
  }

  async create(input: QualificationInput, auth: WriteAuth): Promise<Qualification> {
    this.authorize(auth);
    const { learningOutcomes, ...fields } = validate(qualificationInput, input, 'invalid qualification');
    const id = `urn:escograph:qualification:${randomUUID()}`;
    const outcomes = learningOutcomes.map((outcome, n) => {
      const { text, acceptedSkills } = typeof outcome === 'string' ? { text: outcome, acceptedSkills: [] } : outcome;
      return { id: `${id}:outcome:${n + 1}`, text, acceptedSkills: [...new Set(acceptedSkills)] };
    });
    for (const outcome of outcomes) for (const skill of outcome.acceptedSkills) await this.checkSkill(skill);
    await this.write({ type: 'create', qualification: { id, ...fields, createdAt: new Date().toISOString(), learningOutcomes: outcomes } });
    return (await this.get(id))!;
  }

  /** Imports every qualification of an ELM v3 credential; its related ESCO skills become accepted links. */
  async importCredential(json: string, auth: WriteAuth, source?: string): Promise<Qualification[]> {
    this.authorize(auth);
    return this.createAll(readElmCredential(json, source), auth);
  }

  async importCsv(csv: string, auth: WriteAuth, source?: string): Promise<Qualification[]> {
    this.authorize(auth);
    return this.createAll(readQualificationCsv(csv, source), auth);
  }

  /** Validates all before writing any, so a bad row leaves nothing half-imported. */
  private async createAll(inputs: QualificationInput[], auth: WriteAuth): Promise<Qualification[]> {
    inputs.forEach((input, n) => validate(qualificationInput, input, `qualification ${n + 1} is invalid`));
    const created: Qualification[] = [];
    for (const input of inputs) created.push(await this.create(input, auth));
    return created;
  }

  /** Accepts or rejects a suggested skill for one learning outcome; returns the outcome as it now is. */
  async reviewLink(review: ReviewInput, auth: WriteAuth): Promise<LearningOutcome> {
    this.authorize(auth);
    const qualification = await this.existing(review.qualification);
    if (!qualification.learningOutcomes.some((o) => o.id === review.outcome)) {
      throw new QualificationError(`qualification ${review.qualification} has no learning outcome ${review.outcome}`);
    }
    if (review.status !== 'ACCEPTED' && review.status !== 'REJECTED') {
      throw new QualificationError(`status must be ACCEPTED or REJECTED, got ${String(review.status)}`);
    }
    await this.checkSkill(review.skill);
    await this.write({ type: 'review', ...review, at: new Date().toISOString() });
    return (await this.get(review.qualification))!.learningOutcomes.find((o) => o.id === review.outcome)!;
  }

  /** Changes the fields named in `changes` (null removes one); outcomes and their decisions stay as they are. */
  async update(id: string, changes: QualificationUpdate, auth: WriteAuth): Promise<Qualification> {
    this.authorize(auth);
    const valid = validate(qualificationUpdate, changes, `invalid update of qualification ${id}`);
    await this.existing(id);
    await this.write({ type: 'update', qualification: id, changes: valid, at: new Date().toISOString() });
    return (await this.get(id))!;
  }

  /** Deletes a qualification with its outcomes and their review decisions; returns its id. */
  async delete(id: string, auth: WriteAuth): Promise<string> {
    this.authorize(auth);
    await this.existing(id);
    await this.write({ type: 'delete', qualification: id, at: new Date().toISOString() });
    return id;
  }

  async get(id: string): Promise<Qualification | undefined> {
    if (!/^urn:escograph:qualification:[0-9a-f-]{36}$/.test(id)) return undefined;
    return (await this.read(id))[0];
  }

  list(): Promise<Qualification[]> {
    return this.read();
  }

  private async read(id?: string): Promise<Qualification[]> {
    const [qualifications, outcomeRows] = await Promise.all([
      selectRows(this.store.backend, selectQualifications(id)),
      selectRows(this.store.backend, selectOutcomes(id)),
    ]);
    const byId = new Map<string, Qualification>();
    for (const row of qualifications) {
      const value = (name: string) => row[name]?.value;
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
    for (const row of outcomeRows) {
      const q = byId.get(row.q!.value);
      if (!q) continue;
      const outcomeId = row.o!.value;
      let outcome = outcomes.get(outcomeId);
      if (!outcome) {
        outcome = { id: outcomeId, text: row.text!.value, acceptedSkills: [], rejectedSkills: [] };
        outcomes.set(outcomeId, outcome);
        q.learningOutcomes.push(outcome);
      }
      const skill = row.skill?.value;
      if (skill) (row.status!.value === 'ACCEPTED' ? outcome.acceptedSkills : outcome.rejectedSkills).push(skill);
    }
    for (const q of byId.values()) {
      q.skills = [...new Set(q.learningOutcomes.flatMap((o) => o.acceptedSkills))].sort();
    }
    return [...byId.values()];
  }

  /** Checked before an event is journaled: the journal only ever holds events that apply. */
  private async existing(id: string): Promise<Qualification> {
    const qualification = await this.get(id);
    if (!qualification) throw new QualificationError(`no qualification ${id}`);
    return qualification;
  }

  private async write(event: QualificationEvent): Promise<void> {
    // Built before appending, so an event that cannot become SPARQL never reaches the journal.
    const update = updateOf(event);
    this.journal?.append(event);
    await this.store.update(update);
  }

  private authorize(auth: WriteAuth): void {
    if (!this.writeToken) throw new WriteRefusedError('read-only: writes are refused because ESCOGRAPH_WRITE_TOKEN is not set');
    if (auth === true) return;
    const [given, expected] = [Buffer.from(auth || ''), Buffer.from(this.writeToken)];
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new WriteRefusedError('write refused: missing or wrong write token');
    }
  }

  private async checkSkill(uri: string): Promise<void> {
    let query: string;
    try {
      query = isSkill(uri);
    } catch (error) {
      throw new QualificationError((error as Error).message);
    }
    // Without an ESCO version loaded there is nothing to check against; the IRI was still validated.
    const known = this.store.defaultVersion ? await this.store.ask(query) : true;
    if (!known) throw new QualificationError(`not an ESCO skill of version ${this.store.defaultVersion}: ${uri}`);
  }
}
