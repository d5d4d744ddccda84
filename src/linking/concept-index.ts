import MiniSearch from 'minisearch';
import type { ConceptDoc, ConceptText, TextField } from './concept-texts.js';
import { conceptTextsOf } from './concept-texts.js';
import type { Embedder } from './embedder.js';
import { termProcessor } from './lexical-analyzer.js';
import { buildVectors, type VectorBuildOptions } from './vector-cache.js';
import { VectorScan } from './vector-scan.js';

/** Per-concept results of one vector query: the best cosine over the concept's texts and which text gave it. */
export interface VectorScores {
  scores: Float32Array;
  fields: TextField[];
}

interface LexicalDoc {
  id: number;
  label: string;
  altLabels: string;
  description: string;
}

/** Field weights of the lexical index: a label match says more than a word shared with a long description. */
const LEXICAL_BOOST = { label: 2, altLabels: 1.5, description: 0.5 };

/**
 * The searchable form of one ESCO concept type: a BM25 index over labels, alternative labels and descriptions,
 * and (with an embedder) one vector per such text. Vector search is exact: at ESCO's size a native
 * scan (`VectorScan`) takes milliseconds, so no approximate index is needed.
 */
export class ConceptIndex {
  private readonly lexical: MiniSearch<LexicalDoc>;
  private byUri?: Map<string, number>;

  private constructor(
    readonly docs: ConceptDoc[],
    readonly embedder: Embedder | undefined,
    private readonly texts: ConceptText[],
    private readonly matrix: Float32Array | undefined,
    private readonly scan: VectorScan | undefined,
    readonly buildMillis: { vectors: number; lexical: number; vectorsFromCache: boolean },
    language: string,
  ) {
    const started = performance.now();
    this.lexical = new MiniSearch<LexicalDoc>({
      fields: ['label', 'altLabels', 'description'],
      processTerm: termProcessor(language),
      searchOptions: { boost: LEXICAL_BOOST, combineWith: 'OR' },
    });
    this.lexical.addAll(
      docs.map((doc, id) => ({ id, label: doc.label, altLabels: doc.altLabels.join('\n'), description: doc.description })),
    );
    this.buildMillis.lexical = performance.now() - started;
  }

  /** `language` chooses the stemmer and stop words of the BM25 index. */
  static async build(docs: ConceptDoc[], embedder: Embedder | undefined, cache: VectorBuildOptions, language = 'en'): Promise<ConceptIndex> {
    const texts = conceptTextsOf(docs);
    const built = embedder ? await buildVectors(embedder, texts.map((t) => t.text), cache) : undefined;
    const scan = built && embedder && built.matrix.length > 0 ? await VectorScan.create(built.matrix, embedder.dimension) : undefined;
    return new ConceptIndex(docs, embedder, texts, built?.matrix, scan, {
      vectors: built?.millis ?? 0,
      lexical: 0,
      vectorsFromCache: built?.fromCache ?? false,
    }, language);
  }

  get size(): number {
    return this.docs.length;
  }

  get vectorCount(): number {
    return this.matrix ? this.texts.length : 0;
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

  /** Best cosine per concept over all its texts, for each query vector; undefined without vectors. */
  async vectorScores(queries: Float32Array[]): Promise<VectorScores[] | undefined> {
    if (!this.scan) return undefined;
    const out: VectorScores[] = [];
    // Folded into per-concept scores as they come, so only one chunk of per-text dot products is held at a time.
    for await (const dots of this.scan.dots(queries)) out.push(this.bestPerConcept(dots));
    return out;
  }

  private bestPerConcept(dots: Float32Array): VectorScores {
    const scores = new Float32Array(this.docs.length).fill(-Infinity);
    const fields: TextField[] = new Array(this.docs.length);
    for (let row = 0; row < this.texts.length; row++) {
      const { concept, field } = this.texts[row]!;
      if (dots[row]! > scores[concept]!) {
        scores[concept] = dots[row]!;
        fields[concept] = field;
      }
    }
    return { scores, fields };
  }

  /** BM25 scores of the concepts that share terms with the text, by concept position. */
  lexicalScores(text: string): Map<number, number> {
    return new Map(this.lexical.search(text).map((hit) => [hit.id as number, hit.score]));
  }
}
