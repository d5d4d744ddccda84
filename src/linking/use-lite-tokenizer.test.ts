import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddingsModel } from '@energetic-ai/embeddings';
import { describe, expect, it } from 'vitest';
import { useLiteModelDir } from './use-lite-onnx.js';
import { useLiteTokenizer, type Vocabulary } from './use-lite-tokenizer.js';

describe('useLiteTokenizer', () => {
  it('gives exactly the package tokenizer\'s tokens, unknown symbols, spacing and long texts included', () => {
    const vocabulary = JSON.parse(readFileSync(join(useLiteModelDir(), 'vocab.json'), 'utf8')) as Vocabulary;
    const reference = new EmbeddingsModel({ vocabulary, model: undefined as never }).tokenizer;
    const tokenize = useLiteTokenizer(vocabulary);
    const texts = [
      '', ' ', '  two  spaces ', 'Java', 'look after small children and plan games for them',
      'Ünïcödé café naïve', '☃☃ snow ☃', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀😀 x', '\ttabs\nand newlines', 'ISO/IEC 27001:2013 — «quotes» & (brackets)',
      Array.from({ length: 60 }, (_, i) => `alternative label ${i} of a skill`).join(', '),
    ];
    for (const text of texts) expect(tokenize(text), text).toEqual(reference.encode(text));
  });
});
