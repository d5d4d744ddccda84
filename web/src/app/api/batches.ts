import { gql } from './client.js';
import { LINK_OUTCOMES, type LinkOutcomes } from './documents.js';

/**
 * The server prices linked text by its size (README, GraphQL limits: 3 units a character and 50 a text, 20,000 a
 * request), so a long programme is linked in several requests, each well within the price, one after another.
 */
const PRICE = { perCharacter: 3, perText: 50 };
const BUDGET = 15_000;

export function linkBatches(texts: string[], budget = BUDGET): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let cost = 0;
  for (const text of texts) {
    const price = text.length * PRICE.perCharacter + PRICE.perText;
    if (current.length > 0 && cost + price > budget) {
      batches.push(current);
      current = [];
      cost = 0;
    }
    current.push(text);
    cost += price;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** linkOutcomes over any number of outcomes, in batches the server accepts; `onProgress` hears how many are done. */
export async function linkAllOutcomes(outcomes: string[], onProgress: (done: number) => void = () => {}, signal?: AbortSignal): Promise<LinkOutcomes['linkOutcomes']> {
  const linked: LinkOutcomes['linkOutcomes'] = [];
  for (const batch of linkBatches(outcomes)) {
    linked.push(...(await gql<LinkOutcomes>(LINK_OUTCOMES, { outcomes: batch }, signal)).linkOutcomes);
    onProgress(linked.length);
  }
  return linked;
}
