import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from '@huggingface/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../test/shared-data.js';
import { createEmbedder } from './create-embedder.js';
import { normalize, queryEncoder } from './embedder.js';
import { createTransformersEmbedder, readSentenceSettings } from './transformers-embedder.js';

const TINY = () => sharedPath('models', 'test', 'bert-tiny-random');
const root = mkdtempSync(join(tmpdir(), 'escograph-st-models-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TRANSFORMER = { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' };
const POOLING = { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' };
const NORMALIZE = { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' };

/**
 * A sentence-transformers folder of our own around the tiny fixture's weights and tokenizer (symlinked, never
 * copied): `files` maps a relative path to its JSON content.
 */
function stFolder(name: string, files: Record<string, unknown>): string {
  const folder = join(root, name);
  mkdirSync(folder);
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'onnx']) {
    symlinkSync(join(TINY(), file), join(folder, file));
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), JSON.stringify(content));
  }
  return folder;
}

const poolingConfig = (modes: Record<string, boolean>) => ({ word_embedding_dimension: 32, ...modes });
const TEXTS = ['Describe the reasons for an ethical analysis applied to AI.', 'cook'];

describe('transformers embedder', () => {
  it('loads the tiny test model offline and returns unit vectors of its hidden size (random weights: mechanics only)', async () => {
    const { hidden_size } = JSON.parse(readFileSync(join(TINY(), 'config.json'), 'utf8')) as { hidden_size: number };
    const embedder = await createTransformersEmbedder({ model: TINY(), dataDir: '/nonexistent' });
    expect(embedder.dimension).toBe(hidden_size);
    // The folder has onnx/model_quantized.onnx, so it runs in int8, and says so in its cache key.
    expect(embedder.model).toBe('bert-tiny-random.q8');
    expect(embedder.queries).toBeUndefined();
    const vectors = await embedder.embed([...TEXTS, '']);
    expect(vectors.map((v) => v.length)).toEqual([hidden_size, hidden_size, hidden_size]);
    const norm = Math.hypot(...vectors[0]!);
    expect(norm).toBeCloseTo(1, 4);
  });

  it('pools as 1_Pooling/config.json says: CLS, max and mean concatenated in sentence-transformers order, each as transformers.js pools alone', async () => {
    const folder = stFolder('cls-max-mean', {
      'modules.json': [TRANSFORMER, POOLING, NORMALIZE],
      '1_Pooling/config.json': poolingConfig({ pooling_mode_mean_tokens: true, pooling_mode_cls_token: true, pooling_mode_max_tokens: true }),
    });
    const embedder = await createTransformersEmbedder({ model: folder, dataDir: '/nonexistent' });
    expect(embedder.model).toBe('cls-max-mean.q8.cls+max+mean');
    expect(embedder.dimension).toBe(96);
    // One batch, so the short text is padded: padding must not leak into any mode.
    const [long, short] = await embedder.embed(TEXTS);
    // transformers.js' own pooling of the same weights, from a folder beside ours (its local model path now).
    stFolder('reference', {});
    const reference = await pipeline('feature-extraction', 'reference', { dtype: 'q8' });
    for (const [i, text] of TEXTS.entries()) {
      const vector = [long, short][i]!;
      const cls = (await reference([text], { pooling: 'cls' })).data as Float32Array;
      const mean = (await reference([text], { pooling: 'mean' })).data as Float32Array;
      const tokens = (await reference([text], { pooling: 'none' })).data as Float32Array;
      const max = Float32Array.from({ length: 32 }, (_, d) => Math.max(...Array.from({ length: tokens.length / 32 }, (_, t) => tokens[t * 32 + d]!)));
      const expected = normalize(Float32Array.of(...cls, ...max, ...mean));
      expect(Array.from(vector).map((x, d) => x - expected[d]!).every((diff) => Math.abs(diff) < 1e-5)).toBe(true);
    }

    const plain = stFolder('cls', { 'modules.json': [TRANSFORMER, POOLING, NORMALIZE], '1_Pooling/config.json': poolingConfig({ pooling_mode_cls_token: true }) });
    const clsEmbedder = await createTransformersEmbedder({ model: plain, dataDir: '/nonexistent' });
    const [clsVector] = await clsEmbedder.embed(TEXTS);
    const [meanVector] = await createTransformersEmbedder({ model: TINY(), dataDir: '/nonexistent' }).then((e) => e.embed(TEXTS));
    expect(clsVector).not.toEqual(meanVector);
    expect(clsEmbedder.model).toBe('cls.q8.cls');
  });

  it('gives queries the query prompt and ESCO texts the passage prompt (e5), each with its own cache key', async () => {
    const folder = stFolder('e5-like', {
      'modules.json': [TRANSFORMER, POOLING, NORMALIZE],
      '1_Pooling/config.json': poolingConfig({ pooling_mode_mean_tokens: true }),
      'config_sentence_transformers.json': { prompts: { query: 'query: ', passage: 'passage: ' }, default_prompt_name: null },
    });
    const embedder = await createTransformersEmbedder({ model: folder, dataDir: '/nonexistent' });
    const plain = await createTransformersEmbedder({ model: TINY(), dataDir: '/nonexistent' });
    const [document] = await embedder.embed(['cook']);
    const [query] = await queryEncoder(embedder).embed(['cook']);
    const [withPassage, withQuery, bare] = await plain.embed(['passage: cook', 'query: cook', 'cook']);
    expect(document).toEqual(withPassage);
    expect(query).toEqual(withQuery);
    expect(query).not.toEqual(document);
    expect(document).not.toEqual(bare);
    expect(embedder.model).toMatch(/^e5-like\.q8\.prompt-[0-9a-f]{12}$/);
    expect(queryEncoder(embedder).model).toMatch(/^e5-like\.q8\.prompt-[0-9a-f]{12}$/);
    expect(queryEncoder(embedder).model).not.toBe(embedder.model);
  });

  it('truncates at sentence_bert_config.json\'s max_seq_length, and leaves vectors unnormalized for a dot-product model without Normalize', async () => {
    const folder = stFolder('short-dot', {
      'modules.json': [TRANSFORMER, POOLING],
      '1_Pooling/config.json': poolingConfig({ pooling_mode_mean_tokens: true }),
      'sentence_bert_config.json': { max_seq_length: 6, do_lower_case: false },
      'config_sentence_transformers.json': { similarity_fn_name: 'dot' },
    });
    const embedder = await createTransformersEmbedder({ model: folder, dataDir: '/nonexistent' });
    expect(embedder.model).toBe('short-dot.q8.dot.len6');
    const [a, b, c] = await embedder.embed(['apply ethical analysis to data', 'apply ethical analysis to data and more words', 'apply']);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(Math.abs(Math.hypot(...a!) - 1)).toBeGreaterThan(1e-3);
  });

  it('encodes bge / arctic style: CLS pooling, the query instruction before queries only', async () => {
    const instruction = 'Represent this sentence for searching relevant passages: ';
    const cls = { 'modules.json': [TRANSFORMER, POOLING, NORMALIZE], '1_Pooling/config.json': poolingConfig({ pooling_mode_cls_token: true }) };
    const folder = stFolder('bge-like', { ...cls, 'config_sentence_transformers.json': { prompts: { query: instruction }, default_prompt_name: null } });
    expect(readSentenceSettings(folder)).toEqual({
      pooling: ['cls'], normalize: true, queryPrompt: instruction, documentPrompt: '', maxLength: undefined, lowerCase: false,
    });
    const embedder = await createTransformersEmbedder({ model: folder, dataDir: '/nonexistent' });
    const plain = await createTransformersEmbedder({ model: stFolder('bge-like-no-prompt', cls), dataDir: '/nonexistent' });
    const [document] = await embedder.embed(['cook']);
    const [query] = await queryEncoder(embedder).embed(['cook']);
    const [bare, instructed] = await plain.embed(['cook', `${instruction}cook`]);
    expect(document).toEqual(bare);
    expect(query).toEqual(instructed);
    // Documents keep the unprompted key (and cache), queries get their own.
    expect(embedder.model).toBe('bge-like.q8.cls');
    expect(queryEncoder(embedder).model).toMatch(/^bge-like\.q8\.cls\.prompt-[0-9a-f]{12}$/);
  });

  it('takes the default prompt where a model names no query prompt, and a document prompt by its name', () => {
    const withDefault = stFolder('default-prompt', {
      'modules.json': [TRANSFORMER, POOLING],
      '1_Pooling/config.json': poolingConfig({ pooling_mode_mean_tokens: true }),
      'config_sentence_transformers.json': { prompts: { classification: 'Classify: ', document: 'Doc: ' }, default_prompt_name: 'classification' },
    });
    expect(readSentenceSettings(withDefault)).toMatchObject({ queryPrompt: 'Classify: ', documentPrompt: 'Doc: ' });
  });

  it('refuses modules it cannot reproduce, and falls back saying why', async () => {
    const folder = stFolder('with-dense', {
      'modules.json': [TRANSFORMER, POOLING, { idx: 2, name: '2', path: '2_Dense', type: 'sentence_transformers.models.Dense' }],
      '1_Pooling/config.json': poolingConfig({ pooling_mode_mean_tokens: true }),
    });
    const choice = await createEmbedder('transformers', { model: folder, dataDir: '/nonexistent' });
    expect(choice.used).toBe('use-lite');
    expect(choice.notice).toMatch(/its Dense module \(2_Dense\) is not supported.*using the use-lite backend instead/);
  });

  it('says plainly when the configured model cannot be loaded, and names the backend used instead', async () => {
    const choice = await createEmbedder('transformers', { model: '/nonexistent/model-folder', dataDir: '/nonexistent' });
    expect(choice.used).toBe('use-lite');
    expect(choice.notice).toMatch(/could not load the transformers model "\/nonexistent\/model-folder".*using the use-lite backend instead/);
    expect(choice.embedder?.dimension).toBe(512);
  });
});
