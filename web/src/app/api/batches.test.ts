import { expect, test } from 'vitest';
import { linkBatches } from './batches.js';

test('outcomes are batched within the server\'s price for linked text, in order, none dropped', () => {
  const outcomes = Array.from({ length: 60 }, (_, i) => `${'x'.repeat(150)} ${i}`);
  const batches = linkBatches(outcomes);
  expect(batches.flat()).toEqual(outcomes);
  for (const batch of batches) expect(batch.reduce((cost, text) => cost + 3 * text.length + 50, 0)).toBeLessThanOrEqual(15_000);
  expect(batches.length).toBe(Math.ceil(outcomes.length / Math.floor(15_000 / (3 * 154 + 50))));
  // An outcome over the budget on its own still goes, alone: the server names the problem if it refuses it.
  expect(linkBatches(['y'.repeat(6_000), 'z'])).toEqual([['y'.repeat(6_000)], ['z']]);
});
