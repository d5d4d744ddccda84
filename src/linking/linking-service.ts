import { join } from 'node:path';
import type { EscoStore } from '../store/esco-store.js';
import type { LinkableType } from '../store/queries/linking.js';
import { type BuildProgress, BuildTracker, vectorBuildLog } from './build-progress.js';
import { ConceptIndex } from './concept-index.js';
import { type ConceptDoc, loadConceptDocs } from './concept-texts.js';
import type { EmbedderChoice } from './create-embedder.js';
import { queryEncoder } from './embedder.js';
import { type MatchedOn, type RankedConcept, rankConcepts } from './hybrid-ranker.js';
import { splitLearningOutcomes } from './outcome-splitter.js';
import { queryTexts } from './query-parts.js';
import { type Ranker, rankerFor } from './ranker/model.js';

// The CLI shows a progress bar, not log lines; a ranker missing for its model must still be said.
const warn = (line: string) => process.stderr.write(`escograph: ${line}\n`);

/** Where linking stands for one concept type: `ready` once ranking uses vectors (or there are none to build). */
export interface LinkingProgress {
  type: LinkableType;
  ready: boolean;
  vectors?: BuildProgress;
}

/** Page sizes and input sizes that one request may ask for. */
export const LIMITS = { first: 100, textLength: 10_000, outcomes: 200, outcomeLength: 2_000 } as const;

export class LinkingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkingInputError';
  }
}

/** One ranked concept for a text. */
export interface Suggestion {
  uri: string;
  label: string;
  type: LinkableType;
  score: number;
  matchedOn: MatchedOn;
}

export interface OutcomeSuggestions {
  text: string;
  suggestions: Suggestion[];
}

export interface LinkOptions {
  first?: number;
  minScore?: number;
}

export interface LinkingServiceOptions {
  store: EscoStore;
  /** The ESCO version whose concepts are linked (default: the store's default version). */
  version?: string;
  embedder: EmbedderChoice;
  /** Vector caches go to `<dataDir>/vectors`; without a dataDir, vectors are built in memory only. */
  dataDir?: string;
  /** Languages of the indexed labels and descriptions (default English). */
  languages?: string[];
  /** Restricts the indexed concepts, e.g. to a subset of skills in tests. */
  filter?: (doc: ConceptDoc) => boolean;
  onProgress?: (type: LinkableType, done: number, total: number) => void;
  /** Receives a log line on the vector build's progress (count, rate, time left) every few seconds. */
  log?: (line: string) => void;
  /**
   * Reorders the fusion's best skill candidates; default the committed model trained for the embedder's model
   * (none for a model without one, said on `log`, else on stderr), `null` for the fusion alone.
   */
  ranker?: Ranker | null;
  /**
   * Answer from the words alone (BM25) while the vectors are still being built, instead of keeping requests
   * waiting: a cold build takes many minutes. The server sets it; the CLI, the benchmark and tests wait.
   */
  answerWhileBuilding?: boolean;
}

/**
 * Links texts to ESCO concepts: the one ranking behind GraphQL, the CLI and the analysis. Indexes are built on
 * first use, per concept type, from the vector cache when it matches the model and the data.
 */
export class LinkingService {
  private readonly indexes = new Map<LinkableType, Promise<ConceptIndex>>();
  private readonly built = new Set<LinkableType>();
  private readonly lexicalIndexes = new Map<LinkableType, Promise<ConceptIndex>>();
  private readonly trackers = new Map<LinkableType, BuildTracker>();
  private readonly ranker?: Ranker;
  readonly version: string;

  constructor(private readonly options: LinkingServiceOptions) {
    const version = options.version ?? options.store.defaultVersion;
    if (!version) throw new LinkingInputError('the store holds no ESCO version: import ESCO first');
    this.version = version;
    // Loaded now, not on first use: a model that does not fit the code should stop startup, not a request.
    this.ranker = options.ranker === null ? undefined : (options.ranker ?? rankerFor(options.embedder.embedder, options.log ?? warn));
  }

  /** Per concept type whose index was asked for: whether it is ready, and how far its vector build is. */
  progress(): LinkingProgress[] {
    return [...this.indexes.keys()].map((type) => ({
      type,
      ready: !this.lexicalIndexes.has(type) || this.built.has(type),
      vectors: this.trackers.get(type)?.progress,
    }));
  }

  get embedder(): EmbedderChoice {
    return this.options.embedder;
  }

  index(type: LinkableType): Promise<ConceptIndex> {
    let index = this.indexes.get(type);
    if (!index) {
      const { store, embedder, dataDir, filter, onProgress, log } = this.options;
      const languages = this.options.languages ?? ['en'];
      const docs = loadConceptDocs(store, type, languages, this.version).then((all) => all.filter(filter ?? (() => true)));
      const tracker = new BuildTracker();
      this.trackers.set(type, tracker);
      const logLine = vectorBuildLog(type.toLowerCase(), log ?? (() => {}), 10_000, tracker);
      index = docs.then((found) => ConceptIndex.build(found, embedder.embedder, {
        cacheDir: dataDir ? join(dataDir, 'vectors') : undefined,
        dataLabel: `esco-${this.version}-${type}-${languages.join('+')}`,
        onProgress: (done, total) => {
          logLine(done, total);
          onProgress?.(type, done, total);
        },
        language: languages[0],
      }));
      if (this.options.answerWhileBuilding) {
        const lexical = docs.then((found) => ConceptIndex.build(found, undefined, { dataLabel: 'lexical', language: languages[0] }));
        // A failed read of the texts fails the full index too, and is reported where that one is awaited.
        lexical.catch(() => {});
        this.lexicalIndexes.set(type, lexical);
        void index.then(() => this.built.add(type), () => {});
      }
      this.indexes.set(type, index);
    }
    return index;
  }

  /** The index to rank with now, and whether its vectors are there to use. */
  private async rankingIndex(type: LinkableType): Promise<{ index: ConceptIndex; withVectors: boolean }> {
    const full = this.index(type);
    const lexical = this.lexicalIndexes.get(type);
    if (!lexical || this.built.has(type)) return { index: await full, withVectors: true };
    return { index: await lexical, withVectors: false };
  }

  /** The skills ranked for one text, best first. */
  async linkText(text: string, options: LinkOptions = {}): Promise<Suggestion[]> {
    const [ranked] = await this.linkTexts([text], options);
    return ranked!;
  }

  /** The same ranking for many texts, their vectors computed in batches. */
  linkTexts(texts: string[], options: LinkOptions = {}): Promise<Suggestion[][]> {
    return this.rankTexts('Skill', texts.map((text) => checkText(text)), options);
  }

  /** A qualification's text split into learning outcomes, as `linkLearningOutcomes` ranks them. */
  splitOutcomes(text: string, language?: string): string[] {
    return splitLearningOutcomes(checkText(text, LIMITS.textLength * 10), language);
  }

  /** Splits a qualification's text into learning outcomes and ranks skills for each. */
  linkLearningOutcomes(text: string, options: LinkOptions & { language?: string } = {}): Promise<OutcomeSuggestions[]> {
    return this.rankOutcomes(this.splitOutcomes(text, options.language), options);
  }

  /** Ranks skills for each learning outcome as given (a person's corrected split), all in one batched pass. */
  linkOutcomes(outcomes: string[], options: LinkOptions = {}): Promise<OutcomeSuggestions[]> {
    return this.rankOutcomes(outcomes.map((outcome) => checkText(outcome, LIMITS.outcomeLength)), options);
  }

  private async rankOutcomes(outcomes: string[], options: LinkOptions): Promise<OutcomeSuggestions[]> {
    if (outcomes.length > LIMITS.outcomes) {
      throw new LinkingInputError(`${outcomes.length} learning outcomes given; at most ${LIMITS.outcomes} are linked at once`);
    }
    const ranked = await this.rankTexts('Skill', outcomes, options);
    return outcomes.map((outcome, i) => ({ text: outcome, suggestions: ranked[i]! }));
  }

  /** Skills and/or occupations for a text, merged by score. */
  async semanticSearch(text: string, types: LinkableType[], options: LinkOptions = {}): Promise<Suggestion[]> {
    const first = checkFirst(options.first);
    const lists = await Promise.all([...new Set(types)].map((type) => this.rankTexts(type, [checkText(text)], options)));
    return lists.flatMap(([list]) => list!).sort((a, b) => b.score - a.score).slice(0, first);
  }

  suggestOccupations(text: string, options: LinkOptions = {}): Promise<Suggestion[]> {
    return this.suggestOccupationsFor([text], options).then(([list]) => list!);
  }

  /** The occupations ranked for each of many texts (job ads), their vectors computed in batches. */
  suggestOccupationsFor(texts: string[], options: LinkOptions = {}): Promise<Suggestion[][]> {
    return this.rankTexts('Occupation', texts.map((text) => checkText(text)), options);
  }

  /**
   * Skills closest in meaning to a skill's preferred label; without vectors, the skills that share its words.
   * Undefined when the URI is not a skill of the index.
   */
  async similarSkills(uri: string, options: LinkOptions = {}): Promise<Suggestion[] | undefined> {
    const index = await this.index('Skill');
    const position = index.indexOf(uri);
    if (position < 0) return undefined;
    const doc = index.docs[position]!;
    const first = checkFirst(options.first);
    const query = [{ text: doc.label, vector: index.labelVector(position) }];
    const [ranked] = await rankConcepts(index, [query], { first: first + 1, minScore: options.minScore, ranker: this.ranker });
    return ranked!.filter((r) => r.concept.uri !== uri).slice(0, first).map(toSuggestion);
  }

  private async rankTexts(type: LinkableType, texts: string[], options: LinkOptions): Promise<Suggestion[][]> {
    const first = checkFirst(options.first);
    const { index, withVectors } = await this.rankingIndex(type);
    const language = this.options.languages?.[0] ?? 'en';
    const queries = texts.map((text) => queryTexts(text, language));
    const all = queries.flat();
    const vectors = all.length > 0 && withVectors && this.embedder.embedder ? await queryEncoder(this.embedder.embedder).embed(all) : [];
    let position = 0;
    const embedded = queries.map((query) => query.map((text) => ({ text, vector: vectors[position++] })));
    // The ranker learned skills: occupations keep the fusion's order.
    const ranker = type === 'Skill' ? this.ranker : undefined;
    const ranked = await rankConcepts(index, embedded, { first, minScore: options.minScore, ranker });
    return ranked.map((list) => list.map(toSuggestion));
  }
}

const toSuggestion = (r: RankedConcept): Suggestion => ({
  uri: r.concept.uri,
  label: r.concept.label,
  type: r.concept.type,
  score: r.score,
  matchedOn: r.matchedOn,
});

function checkText(text: string, max: number = LIMITS.textLength): string {
  if (!text.trim()) throw new LinkingInputError('text is empty');
  if (text.length > max) throw new LinkingInputError(`text is ${text.length} characters long; at most ${max} are accepted`);
  return text;
}

function checkFirst(first: number = 10): number {
  if (!Number.isInteger(first) || first < 1 || first > LIMITS.first) {
    throw new LinkingInputError(`first must be an integer from 1 to ${LIMITS.first}, got ${first}`);
  }
  return first;
}
