// Types for query-bounds.js, which stays JavaScript so that the query worker can import it.
export class BoundError extends Error {
  readonly status: 400;
}

export function boundQuery(
  query: string,
  bounds: { maxDepth: number; maxTriplePatterns: number; maxRows: number },
): { query: string; rowCap: number | undefined };

export function countRows(text: string, format: string): number;
