/** A concept as results show it: its URI and its preferred label in the requested language. */
export interface ConceptRef {
  uri: string;
  label: string;
}

/** Concepts without a label in the language (nor in English) show their URI, never an empty cell. */
export const conceptRef = (labels: Map<string, string>, uri: string): ConceptRef => ({ uri, label: labels.get(uri) ?? uri });

/** Ratio with no meaning for an empty whole: null, not 0 or 1. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
