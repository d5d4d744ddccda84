import { LRUCache } from 'lru-cache';
import MiniSearch, { type SearchResult } from 'minisearch';
import type { ConceptKind, ConceptLabelSet as ConceptLabels } from '../store/concept-reader.js';

export type LabelKind = 'PREFERRED' | 'ALTERNATIVE' | 'HIDDEN';

export interface LabelHit {
  uri: string;
  kind: ConceptKind;
  score: number;
  matchedLabel: string;
  matchedLabelKind: LabelKind;
}

export interface LabelQuery {
  kinds?: readonly ConceptKind[];
  /** How many ranked hits to return at most. */
  limit: number;
}

const FIELDS = { preferred: 'PREFERRED', alternative: 'ALTERNATIVE', hidden: 'HIDDEN' } as const satisfies Record<string, LabelKind>;
type Field = keyof typeof FIELDS;

/** Words are letters and digits; `c++`, `c#` and `.net` keep their symbols so they stay findable. */
const tokenize = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}+#]*|\.net\b/gu) ?? [];

/**
 * Full-text index over the labels of one ESCO version in one language, one document per concept with the
 * preferred, alternative and hidden labels as separately boosted fields (BM25+ ranking from minisearch).
 */
export class LabelIndex {
  private readonly index = new MiniSearch<ConceptLabels>({
    idField: 'uri',
    fields: Object.keys(FIELDS),
    storeFields: ['kind'],
    tokenize,
    extractField: (doc, field) => {
      const value = doc[field as keyof ConceptLabels];
      return Array.isArray(value) ? value.join('\n') : (value as string);
    },
  });
  private readonly labels = new Map<string, ConceptLabels>();
  /**
   * Answers already given, by text, kinds and limit. A search costs 2-5 ms of the event loop (typo-tolerant terms
   * walk the whole term tree), and what people search for repeats (autocomplete's prefixes, popular jobs); the index
   * never changes, so an answer never goes stale (a new import is a new index).
   */
  private readonly answers = new LRUCache<string, { hits: LabelHit[]; total: number }>({ max: 5_000 });

  constructor(concepts: Iterable<ConceptLabels>) {
    const all = [...concepts];
    for (const concept of all) this.labels.set(concept.uri, concept);
    this.index.addAll(all);
  }

  get size(): number {
    return this.labels.size;
  }

  /** Ranked search: every word may match with a typo (words of 4+ letters), the last one also as a prefix. */
  search(text: string, query: LabelQuery): { hits: LabelHit[]; total: number } {
    return this.remembered(`search\u0000${text}`, query, () => this.rank(text, query));
  }

  /** Autocomplete: every word typed must match, each as a prefix (and with a typo once it has 5+ letters). */
  suggest(prefix: string, query: LabelQuery): LabelHit[] {
    return this.remembered(`suggest\u0000${prefix}`, query, () => ({ hits: this.complete(prefix, query), total: 0 })).hits;
  }

  private remembered(what: string, query: LabelQuery, answer: () => { hits: LabelHit[]; total: number }) {
    const key = `${what}\u0000${query.kinds?.join(',') ?? ''}\u0000${query.limit}`;
    let found = this.answers.get(key);
    if (!found) this.answers.set(key, (found = answer()));
    return found;
  }

  private rank(text: string, query: LabelQuery): { hits: LabelHit[]; total: number } {
    const results = this.index.search(text, {
      boost: { preferred: 3, alternative: 1.5, hidden: 1 },
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
      combineWith: 'OR',
      filter: this.kindFilter(query.kinds),
    });
    return { hits: results.slice(0, query.limit).map((result) => this.hit(result)), total: results.length };
  }

  private complete(prefix: string, query: LabelQuery): LabelHit[] {
    return this.index
      .search(prefix, {
        boost: { preferred: 3, alternative: 1.5, hidden: 0.5 },
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: true,
        combineWith: 'AND',
        filter: this.kindFilter(query.kinds),
      })
      .slice(0, query.limit)
      .map((result) => this.hit(result));
  }

  private kindFilter(kinds: readonly ConceptKind[] | undefined) {
    if (!kinds?.length) return undefined;
    return (result: SearchResult) => kinds.includes(result.kind as ConceptKind);
  }

  /** The label that carries most of the matched words, preferring preferred over alternative over hidden labels. */
  private hit(result: SearchResult): LabelHit {
    const concept = this.labels.get(result.id as string)!;
    const matchedTerms = Object.keys(result.match);
    let best = { label: concept.preferred[0] ?? '', kind: 'PREFERRED' as LabelKind, words: -1 };
    for (const field of Object.keys(FIELDS) as Field[]) {
      for (const label of concept[field]) {
        const words = new Set(tokenize(label));
        const covered = matchedTerms.filter((term) => words.has(term)).length;
        if (covered > best.words) best = { label, kind: FIELDS[field], words: covered };
      }
    }
    return { uri: concept.uri, kind: concept.kind, score: result.score, matchedLabel: best.label, matchedLabelKind: best.kind };
  }
}
