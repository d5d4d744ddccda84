/** "and" / "or" per ESCO language with a stemmer; other languages split on commas and semicolons only. */
const CONJUNCTIONS: Record<string, string[]> = {
  en: ['and', 'or', 'and/or', 'as well as'],
  fr: ['et', 'ou', 'et/ou', 'ainsi que'],
  de: ['und', 'oder', 'und/oder', 'sowie'],
  es: ['y', 'e', 'o', 'u', 'y/o'],
  it: ['e', 'ed', 'o', 'od', 'e/o'],
  nl: ['en', 'of', 'en/of'],
  pt: ['e', 'ou', 'e/ou'],
  sv: ['och', 'eller'],
  da: ['og', 'eller'],
  fi: ['ja', 'tai'],
};

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const separators = new Map<string, RegExp>();

function separatorOf(language: string): RegExp {
  const key = language.toLowerCase().split('-')[0]!;
  let separator = separators.get(key);
  if (!separator) {
    // Longest first, so "and/or" wins over "and". A comma inside a number ("50,000") is no separator.
    const words = [...(CONJUNCTIONS[key] ?? [])].sort((a, b) => b.length - a.length).map(escape);
    const conjunction = words.length > 0 ? `|\\s(?:${words.join('|')})\\s` : '';
    separator = new RegExp(`\\s*(?:[,;](?=\\s|$)${conjunction})\\s*`, 'iu');
    separators.set(key, separator);
  }
  return separator;
}

/**
 * The parts of an enumeration — "Communication, collaboration and creativity" → its three themes, or a sentence's
 * coordinated clauses — each a query of its own: a text that names several things should find skills for each,
 * and one vector or one BM25 normalization for the whole lets the strongest theme drown the others. Empty when
 * the text is not split (fewer than two parts).
 */
export function enumerationParts(text: string, language = 'en'): string[] {
  const parts = text
    .split(separatorOf(language))
    .map((part) => part.replace(/[.!?…]+$/u, '').trim())
    .filter((part) => /\p{L}.*\p{L}/u.test(part));
  return parts.length >= 2 ? parts : [];
}

/** What one text is ranked by: the whole text first, then its enumeration parts. */
export function queryTexts(text: string, language = 'en'): string[] {
  return [text, ...enumerationParts(text, language)];
}
