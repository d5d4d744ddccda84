import { join } from 'node:path';
import type { EscoStore } from '../store/esco-store.js';
import { labelLanguages, type LinkableType } from '../store/queries/linking.js';
import { type BuildProgress, BuildTracker, vectorBuildLog } from './build-progress.js';
import { ConceptIndex, LexicalIndex } from './concept-index.js';
import { alignedDocs, type ConceptDoc, loadConceptDocs } from './concept-texts.js';
import type { EmbedderChoice } from './create-embedder.js';
import { queryEncoder } from './embedder.js';
import { type MatchedOn, type QueryText, type RankedConcept, rankConcepts } from './hybrid-ranker.js';
import { chooseLanguages, type LanguageChoice, type LanguageSource, primaryLanguage } from './language-detection.js';
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

/** A text's ranked concepts, and the language it was ranked in (its enumeration parts, BM25 and labels). */
export interface OutcomeSuggestions {
  text: string;
  language: string;
  languageSource: LanguageSource;
  suggestions: Suggestion[];
}

export interface LinkOptions {
  first?: number;
  minScore?: number;
  /**
   * ISO 639-1 code of the texts' language, one the store holds labels in; without it each text's language is
   * detected among those (see `chooseLanguages`).
   */
  language?: string;
}

export interface LinkingServiceOptions {
  store: EscoStore;
  /** The ESCO version whose concepts are linked (default: the store's default version). */
  version?: string;
  embedder: EmbedderChoice;
  /** Vector caches go to `<dataDir>/vectors`; without a dataDir, vectors are built in memory only. */
  dataDir?: string;
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
  private readonly docs = new Map<LinkableType, Promise<ConceptDoc[]>>();
  private readonly languageLists = new Map<LinkableType, Promise<string[]>>();
  /** Per concept type and language other than the index's own: its texts in the index's order, and their BM25. */
  private readonly languageViews = new Map<string, Promise<{ docs: ConceptDoc[]; lexical: LexicalIndex }>>();
  private readonly ranker?: Ranker;
  readonly version: string;

  constructor(private readonly options: LinkingServiceOptions) {
    const version = options.version ?? options.store.defaultVersion;
    if (!version) throw new LinkingInputError('the store holds no ESCO version: import ESCO first');
    this.version = version;
    // Loaded now, not on first use: a model that does not fit the code should stop startup, not a request.
    this.ranker = options.ranker === null ? undefined : (options.ranker ?? rankerFor(options.embedder.embedder, options.log ?? warn, options.dataDir));
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

  /**
   * The languages the store holds labels of this type in (primary tags, `en-us` as `en`), read once: the default
   * first (English when there is English, else the first in order), whose texts the vectors are built from.
   */
  languages(type: LinkableType): Promise<string[]> {
    let languages = this.languageLists.get(type);
    if (!languages) {
      languages = this.options.store.select(labelLanguages(type), this.version).then((rows) => {
        const found = [...new Set(rows.map((row) => primaryLanguage(row.language!.value)))].sort();
        const first = found.includes('en') ? 'en' : (found[0] ?? 'en');
        return [first, ...found.filter((language) => language !== first)];
      });
      this.languageLists.set(type, languages);
      // A store that failed to answer (a SPARQL server restarting) is asked again by the next call.
      languages.catch(() => this.languageLists.delete(type));
    }
    return languages;
  }

  index(type: LinkableType): Promise<ConceptIndex> {
    let index = this.indexes.get(type);
    if (!index) {
      const { store, embedder, dataDir, filter, onProgress, log } = this.options;
      const language = this.languages(type).then(([first]) => first!);
      const docs = language.then((first) => loadConceptDocs(store, type, [first], this.version)).then((all) => all.filter(filter ?? (() => true)));
      this.docs.set(type, docs);
      const tracker = new BuildTracker();
      this.trackers.set(type, tracker);
      const logLine = vectorBuildLog(type.toLowerCase(), log ?? (() => {}), 10_000, tracker);
      index = Promise.all([docs, language]).then(([found, first]) => ConceptIndex.build(found, embedder.embedder, {
        cacheDir: dataDir ? join(dataDir, 'vectors') : undefined,
        dataLabel: `esco-${this.version}-${type}-${first}`,
        onProgress: (done, total) => {
          logLine(done, total);
          onProgress?.(type, done, total);
        },
        language: first,
      }));
      if (this.options.answerWhileBuilding) {
        const lexical = Promise.all([docs, language]).then(([found, first]) => ConceptIndex.build(found, undefined, { dataLabel: 'lexical', language: first }));
        // A failed read of the texts fails the full index too, and is reported where that one is awaited.
        lexical.catch(() => {});
        this.lexicalIndexes.set(type, lexical);
        void index.then(() => this.built.add(type), () => {});
      }
      this.indexes.set(type, index);
      // A failed build (the store's read cut off) is not kept: the next call builds again, as at start.
      const failed = index;
      failed.catch(() => {
        if (this.indexes.get(type) !== failed) return;
        for (const cache of [this.indexes, this.docs, this.trackers, this.lexicalIndexes]) cache.delete(type);
      });
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

  /**
   * A language's texts and BM25 for one concept type, built on the first query in that language (seconds for all
   * skills, yielding to the event loop as it goes): a store holding 24 languages costs only those asked for. Only
   * the queries in that language wait for it.
   */
  private languageView(type: LinkableType, language: string): Promise<{ docs: ConceptDoc[]; lexical: LexicalIndex }> {
    const key = `${type} ${language}`;
    let view = this.languageViews.get(key);
    if (!view) {
      const log = this.options.log ?? (() => {});
      log(`${type.toLowerCase()} index in "${language}": building BM25 over its ${language} labels (the first query in that language)`);
      // The default language's texts, not its index: a cold vector build must not hold up another language's words.
      void this.index(type);
      view = Promise.all([this.docs.get(type)!, loadConceptDocs(this.options.store, type, [language], this.version, false)])
        .then(async ([base, localized]) => {
          const docs = alignedDocs(base, localized);
          const { index, millis } = await LexicalIndex.build(docs, language);
          log(`${type.toLowerCase()} index in "${language}" ready (ESCO ${this.version}): ${localized.length} concepts labelled in ${language}, BM25 built in ${(millis / 1000).toFixed(1)} s`);
          return { docs, lexical: index };
        });
      // A failed read is the failing request's to report; the next query in that language tries again.
      view.catch(() => this.languageViews.delete(key));
      this.languageViews.set(key, view);
    }
    return view;
  }

  /** The skills ranked for one text, best first. */
  async linkText(text: string, options: LinkOptions = {}): Promise<Suggestion[]> {
    const [ranked] = await this.linkTexts([text], options);
    return ranked!;
  }

  /** The same ranking for many texts, their vectors computed in batches. */
  async linkTexts(texts: string[], options: LinkOptions = {}): Promise<Suggestion[][]> {
    return (await this.linkTextsWithLanguage(texts, options)).map((ranked) => ranked.suggestions);
  }

  /** linkTexts, with the language each text was ranked in. */
  linkTextsWithLanguage(texts: string[], options: LinkOptions = {}): Promise<OutcomeSuggestions[]> {
    return this.rankTexts('Skill', texts.map((text) => checkText(text)), options);
  }

  /** A qualification's text split into learning outcomes, as `linkLearningOutcomes` ranks them. */
  splitOutcomes(text: string, language?: string): string[] {
    return splitLearningOutcomes(checkText(text, LIMITS.textLength * 10), language);
  }

  /**
   * Splits a qualification's text into learning outcomes and ranks skills for each, in the given language, else
   * each outcome's own (the text's when the outcome is too short to tell).
   */
  async linkLearningOutcomes(text: string, options: LinkOptions = {}): Promise<OutcomeSuggestions[]> {
    const [whole] = await this.chooseLanguages('Skill', [checkText(text, LIMITS.textLength * 10)], options.language);
    return this.rankOutcomes(this.splitOutcomes(text, whole!.language), options, text);
  }

  /**
   * Ranks skills for each learning outcome as given (a person's corrected split of one qualification), all in one
   * batched pass.
   */
  linkOutcomes(outcomes: string[], options: LinkOptions = {}): Promise<OutcomeSuggestions[]> {
    const checked = outcomes.map((outcome) => checkText(outcome, LIMITS.outcomeLength));
    return this.rankOutcomes(checked, options, checked.join('\n'));
  }

  /** The outcomes of one qualification, whose text (`context`) tells the language of an outcome too short to tell. */
  private async rankOutcomes(outcomes: string[], options: LinkOptions, context: string): Promise<OutcomeSuggestions[]> {
    if (outcomes.length > LIMITS.outcomes) {
      throw new LinkingInputError(`${outcomes.length} learning outcomes given; at most ${LIMITS.outcomes} are linked at once`);
    }
    return this.rankTexts('Skill', outcomes, options, context);
  }

  /** Skills and/or occupations for a text, merged by score; each type ranks it in a language it has labels in. */
  async semanticSearch(text: string, types: LinkableType[], options: LinkOptions = {}): Promise<Suggestion[]> {
    const first = checkFirst(options.first);
    const lists = await Promise.all([...new Set(types)].map((type) => this.rankTexts(type, [checkText(text)], options)));
    return lists.flatMap(([list]) => list!.suggestions).sort((a, b) => b.score - a.score).slice(0, first);
  }

  suggestOccupations(text: string, options: LinkOptions = {}): Promise<Suggestion[]> {
    return this.suggestOccupationsFor([text], options).then(([list]) => list!);
  }

  /** The occupations ranked for each of many texts (job ads), their vectors computed in batches. */
  async suggestOccupationsFor(texts: string[], options: LinkOptions = {}): Promise<Suggestion[][]> {
    return (await this.rankTexts('Occupation', texts.map((text) => checkText(text)), options)).map((ranked) => ranked.suggestions);
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

  /** The language of each text for ranking this type: the given one (checked), else detected (`chooseLanguages`). */
  private async chooseLanguages(type: LinkableType, texts: string[], given: string | undefined, context?: string): Promise<LanguageChoice[]> {
    const languages = await this.languages(type);
    const checked = given === undefined ? undefined : checkLanguage(given, languages, type, this.version);
    return chooseLanguages(texts, { given: checked, candidates: languages, fallback: languages[0]!, context });
  }

  /**
   * One ranking for every caller and language: each text's enumeration parts split with its language's
   * conjunctions, all texts embedded in one call (the vectors are the default language's texts for every
   * language: a multilingual model matches them across languages), then each language's texts ranked against
   * the same vectors with that language's labels and BM25.
   */
  private async rankTexts(type: LinkableType, texts: string[], options: LinkOptions, context?: string): Promise<OutcomeSuggestions[]> {
    const first = checkFirst(options.first);
    const choices = await this.chooseLanguages(type, texts, options.language, context);
    const { index, withVectors } = await this.rankingIndex(type);
    const queries = texts.map((text, i) => queryTexts(text, choices[i]!.language));
    const all = queries.flat();
    const vectors = all.length > 0 && withVectors && this.embedder.embedder ? await queryEncoder(this.embedder.embedder).embed(all) : [];
    let position = 0;
    const embedded: QueryText[][] = queries.map((query) => query.map((text) => ({ text, vector: vectors[position++] })));
    const byLanguage = new Map<string, number[]>();
    choices.forEach(({ language }, i) => {
      if (!byLanguage.has(language)) byLanguage.set(language, []);
      byLanguage.get(language)!.push(i);
    });
    const answers: OutcomeSuggestions[] = [];
    await Promise.all([...byLanguage].map(async ([language, positions]) => {
      const ranked = await rankConcepts(await this.inLanguage(index, type, language), positions.map((i) => embedded[i]!), {
        first,
        minScore: options.minScore,
        // The ranker learned skills: occupations keep the fusion's order. Trained on English, it is applied in every
        // language: with USE-lite it lifts French and German outcomes from the fusion's MRR 0.50 / 0.33 to 0.95 / 0.91
        // (bench/link-languages.bench.ts; README).
        ranker: type === 'Skill' ? this.ranker : undefined,
      });
      positions.forEach((i, k) => {
        answers[i] = { text: texts[i]!, language, languageSource: choices[i]!.source, suggestions: ranked[k]!.map(toSuggestion) };
      });
    }));
    return answers;
  }

  /** The index with a language's texts and BM25 (itself in its own language). */
  private async inLanguage(index: ConceptIndex, type: LinkableType, language: string): Promise<ConceptIndex> {
    if (language === index.language) return index;
    const { docs, lexical } = await this.languageView(type, language);
    return index.inLanguage(docs, lexical);
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

/** A language code as the API takes it: ISO 639-1, one of the store's languages for this type. */
function checkLanguage(language: string, supported: string[], type: LinkableType, version: string): string {
  const code = language.trim().toLowerCase();
  const which = `${type.toLowerCase()} labels in ESCO ${version} are in ${supported.join(', ')}`;
  if (!/^[a-z]{2}$/.test(code)) throw new LinkingInputError(`language must be an ISO 639-1 code such as "fr", got ${JSON.stringify(language.slice(0, 20))}; ${which}`);
  if (!supported.includes(code)) throw new LinkingInputError(`no ${type.toLowerCase()} labels in "${code}": ${which}`);
  return code;
}

function checkFirst(first: number = 10): number {
  if (!Number.isInteger(first) || first < 1 || first > LIMITS.first) {
    throw new LinkingInputError(`first must be an integer from 1 to ${LIMITS.first}, got ${first}`);
  }
  return first;
}
