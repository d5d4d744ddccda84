import { isIri } from '../ingest/vocabulary.js';
import { badUserInput } from './errors.js';
import type { PageModel } from './models.js';

/** The largest page (`first`) any list or connection returns. */
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE} (got ${size})`);
  }
  return size;
}

/** Cursors are opaque: base64 of the item's position. */
export const cursorAt = (position: number) => Buffer.from(`position:${position}`).toString('base64url');

/** The offset a page starts at: just after the cursor's item, or 0. */
export function offsetAfter(after: string | null | undefined): number {
  if (after == null) return 0;
  const match = /^position:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw badUserInput(`not a cursor of this listing: ${JSON.stringify(after.slice(0, 100))}`);
  return Number(match[1]) + 1;
}

export function checkUri(uri: string): string {
  if (!isIri(uri) || uri.length > 2000) throw badUserInput(`not a valid URI: ${JSON.stringify(uri.slice(0, 200))}`);
  return uri;
}

/** Resolvers shared by every connection type over a PageModel. */
export const connectionFields = {
  totalCount: <T>(page: PageModel<T>) => page.count(),
  nodes: <T>(page: PageModel<T>) => page.items,
  edges: <T>(page: PageModel<T>) => page.items.map((node, i) => ({ cursor: cursorAt(page.offset + i), node })),
  pageInfo: <T>(page: PageModel<T>) => ({
    hasNextPage: page.hasNextPage,
    endCursor: page.items.length > 0 ? cursorAt(page.offset + page.items.length - 1) : null,
  }),
};
