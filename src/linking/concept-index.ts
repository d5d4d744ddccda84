import MiniSearch from 'minisearch';
import { type ConceptDoc, type ConceptText, conceptTextsOf, TEXT_FIELDS } from './concept-texts.js';
import type { Embedder } from './embedder.js';
import { termProcessor } from './lexical-analyzer.js';
import { buildVectors, type VectorBuildOptions } from './vector-cache.js';
import { VectorScan } from './vector-scan.js';

/** Fields per concept in a `FieldCosines` row. */
export const FIELD_COUNT = TEXT_FIELDS.length;

/**
 * Cosines of one query against every concept, per field: `[c · FIELD_COUNT + f]` is concept c's cosine with its
 * field `TEXT_FIELDS[f]`, 0 where the concept has no such text.
 */
export type FieldCosines = Float32Array;

/** BM25 of one query per concept: the best of its labels (each label its own document), and its description. */
export interface LexicalScores {
  label: Map<number, number>;
  description: Map<number, number>;
}

export interface IndexBuildOptions extends VectorBuildOptions {
  language?: string;
}

/**
 * BM25 over each label of a concept as a document of its own (preferred, alternative, hidden: a skill scores its
 * best label, so fifteen alternative labels do not dilute the one that matches) and over descriptions apart, with
 * one language's analyzer (stop words, stemmer). Built in chunks that yield to the event loop: a language's index
 * built on its first query (seconds for all skills) lets the queries of other languages run meanwhile.
 */
export class LexicalIndex {
  private readonly labels: MiniSearch<{ id: number; text: string }>;
  private readonly descriptions: MiniSearch<{ id: number; text: string }>;
  /** The concept of each label document. */
  private readonly labelConcept: number[] = [];

  private constructor(readonly language: string) {
    const options = { fields: ['text'], processTerm: termProcessor(language), searchOptions: { combineWith: 'OR' as const } };
    this.labels = new MiniSearch(options);
    this.descriptions = new MiniSearch(options);
  }

  static async build(docs: ConceptDoc[], language: string): Promise<{ index: LexicalIndex; millis: number }> {
    const started = performance.now();
    const index = new LexicalIndex(language);
    const labelDocs: { id: number; text: string }[] = [];
    docs.forEach((doc, concept) => {
      for (const text of [doc.label, ...doc.altLabels, ...doc.hiddenLabels]) {
        labelDocs.push({ id: labelDocs.length, text });
        index.labelConcept.push(concept);
      }
    });
    await index.labels.addAllAsync(labelDocs, { chunkSize: LEXICAL_CHUNK });
    await index.descriptions.addAllAsync(docs.flatMap((doc, id) => (doc.description ? [{ id, text: doc.description }] : [])), { chunkSize: LEXICAL_CHUNK });
    return { index, millis: performance.now() - started };
  }

  /** BM25 of the concepts that share terms with the text, by concept position. */
  scores(text: string): LexicalScores {
    const label = new Map<number, number>();
    for (const hit of this.labels.search(text)) {
      const concept = this.labelConcept[hit.id as number]!;
      if (hit.score > (label.get(concept) ?? 0)) label.set(concept, hit.score);
    }
    const description = new Map(this.descriptions.search(text).map((hit) => [hit.id as number, hit.score]));
    return { label, description };
  }
}

/** Documents added between two yields to the event loop: a few milliseconds of work each. */
const LEXICAL_CHUNK = 2_000;

/**
 * The searchable form of one ESCO concept type: BM25 in one language (`LexicalIndex`) and (with an embedder) up
 * to three vectors per concept. Vector search is exact: at ESCO's size a native scan (`VectorScan`) takes
 * milliseconds. `inLanguage` gives the same vectors with another language's labels and BM25.
 */
export class ConceptIndex {
  /** Each vector row's slot in a `FieldCosines` row. */
  private readonly slots: Int32Array;
  private byUri?: Map<string, number>;

  private constructor(
    readonly docs: ConceptDoc[],
    readonly embedder: Embedder | undefined,
    private readonly texts: ConceptText[],
    private readonly matrix: Float32Array | undefined,
    private readonly scan: VectorScan | undefined,
    readonly buildMillis: { vectors: number; lexical: number; vectorsFromCache: boolean },
    private readonly lexical: LexicalIndex,
  ) {
    this.slots = Int32Array.from(texts, (t) => t.concept * FIELD_COUNT + TEXT_FIELDS.indexOf(t.field));
  }

  static async build(docs: ConceptDoc[], embedder: Embedder | undefined, options: IndexBuildOptions): Promise<ConceptIndex> {
    const texts = conceptTextsOf(docs);
    const built = embedder ? await buildVectors(embedder, texts.map((t) => t.text), options) : undefined;
    const scan = built && embedder && built.matrix.length > 0 ? await VectorScan.create(built.matrix, embedder.dimension) : undefined;
    const lexical = await LexicalIndex.build(docs, options.language ?? 'en');
    return new ConceptIndex(docs, embedder, texts, built?.matrix, scan, {
      vectors: built?.millis ?? 0,
      lexical: lexical.millis,
      vectorsFromCache: built?.fromCache ?? false,
    }, lexical.index);
  }

  /**
   * The same concepts and vectors with another language's texts: `docs` in this index's order (one per concept,
   * see `alignedDocs`) and BM25 over them. Nothing is copied.
   */
  inLanguage(docs: ConceptDoc[], lexical: LexicalIndex): ConceptIndex {
    if (docs.length !== this.docs.length) throw new Error(`${docs.length} ${lexical.language} docs for an index of ${this.docs.length} concepts`);
    return new ConceptIndex(docs, this.embedder, this.texts, this.matrix, this.scan, this.buildMillis, lexical);
  }

  /** The language of the labels and of the BM25 analyzer. */
  get language(): string {
    return this.lexical.language;
  }

  get size(): number {
    return this.docs.length;
  }

  get vectorCount(): number {
    return this.matrix ? this.texts.length : 0;
  }

  get hasVectors(): boolean {
    return this.scan !== undefined;
  }

  /** Position of a concept in `docs`, -1 when the index does not hold it. */
  indexOf(uri: string): number {
    this.byUri ??= new Map(this.docs.map((doc, i) => [doc.uri, i]));
    return this.byUri.get(uri) ?? -1;
  }

  /** The vector of a concept's preferred label, to find concepts like it. */
  labelVector(concept: number): Float32Array | undefined {
    if (!this.matrix || !this.embedder) return undefined;
    const row = this.texts.findIndex((t) => t.concept === concept && t.field === 'label');
    const dim = this.embedder.dimension;
    return row < 0 ? undefined : this.matrix.subarray(row * dim, (row + 1) * dim);
  }

  /** Each query's cosine with every concept's fields; undefined without vectors. */
  async vectorScores(queries: Float32Array[]): Promise<FieldCosines[] | undefined> {
    if (!this.scan) return undefined;
    const out: FieldCosines[] = [];
    // Folded per concept as they come, so only one chunk of per-text dot products is held at a time.
    for await (const dots of this.scan.dots(queries)) {
      const cosines = new Float32Array(this.docs.length * FIELD_COUNT);
      for (let row = 0; row < this.slots.length; row++) cosines[this.slots[row]!] = dots[row]!;
      out.push(cosines);
    }
    return out;
  }

  /** BM25 of the concepts that share terms with the text, by concept position. */
  lexicalScores(text: string): LexicalScores {
    return this.lexical.scores(text);
  }
}
