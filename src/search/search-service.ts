import { LRUCache } from 'lru-cache';
import { readAllLabels, type ConceptKind } from '../store/concept-reader.js';
import type { EscoStore } from '../store/esco-store.js';
import { LabelIndex, type LabelHit } from './label-index.js';

export interface SearchOptions {
  version: string;
  language: string;
  kinds?: readonly ConceptKind[];
  limit: number;
}

/** Longest search text accepted: labels are short, so anything longer is a mistake or an attack. */
export const MAX_SEARCH_TEXT = 200;

export class SearchInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchInputError';
  }
}

function checkText(text: string, what: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new SearchInputError(`${what} is empty`);
  if (trimmed.length > MAX_SEARCH_TEXT) throw new SearchInputError(`${what} is longer than ${MAX_SEARCH_TEXT} characters`);
  return trimmed;
}

/**
 * One label index per ESCO version import and language, built from the store on first use (about a second for a
 * version's English labels) and kept until the version is imported again (see EscoStore.importStamp).
 */
export class SearchService {
  /** Promises, so that requests arriving while an index is built wait for that build instead of starting theirs. */
  private readonly indexes = new LRUCache<string, Promise<LabelIndex>>({ max: 16 });

  constructor(private readonly store: EscoStore) {}

  index(version: string, language: string): Promise<LabelIndex> {
    const key = `${this.store.importStamp(version)}\u0000${language.toLowerCase()}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = readAllLabels(this.store, version, language).then((labels) => new LabelIndex(labels));
      // A failed read (a server gone away) is not kept: the next request tries again.
      index.catch(() => this.indexes.delete(key));
      this.indexes.set(key, index);
    }
    return index;
  }

  async search(text: string, options: SearchOptions): Promise<{ hits: LabelHit[]; total: number }> {
    const checked = checkText(text, 'search text');
    return (await this.index(options.version, options.language)).search(checked, options);
  }

  async suggest(prefix: string, options: SearchOptions): Promise<LabelHit[]> {
    const checked = checkText(prefix, 'suggest prefix');
    return (await this.index(options.version, options.language)).suggest(checked, options);
  }
}
