import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AutoModel, AutoTokenizer, env, type Tensor } from '@huggingface/transformers';
import { type Embedder, normalize } from './embedder.js';

const BATCH = 32;

export interface TransformersOptions {
  /** A hub id (downloaded once into `<dataDir>/models`) or a local folder in the transformers.js layout. */
  model: string;
  dataDir: string;
}

/** Sentence-transformers' pooling modes, in the order it concatenates them when a model asks for several. */
const POOLING_MODES = ['cls', 'max', 'mean', 'mean_sqrt_len', 'weightedmean', 'lasttoken'] as const;
export type Pooling = (typeof POOLING_MODES)[number];

/** How a sentence-transformers model encodes a text, as its own files say. */
export interface SentenceSettings {
  /** One or more modes (concatenated); `1_Pooling/config.json`. */
  pooling: Pooling[];
  /** Unit vectors: a Normalize module, or any similarity but dot product (cosine is the default). */
  normalize: boolean;
  /** Prepended to texts looked up against ESCO's (`prompts.query`, else the default prompt). */
  queryPrompt: string;
  /** Prepended to ESCO's texts (`prompts.document`, `passage` or `corpus`, else the default prompt). */
  documentPrompt: string;
  /** `sentence_bert_config.json`'s `max_seq_length`: sentence-transformers truncates there, not at the tokenizer's. */
  maxLength?: number;
  lowerCase: boolean;
}

/** What a plain transformers.js folder (no sentence-transformers files) was always used with. */
const PLAIN: SentenceSettings = { pooling: ['mean'], normalize: true, queryPrompt: '', documentPrompt: '', lowerCase: false };

interface StModule {
  type: string;
  path: string;
}

interface StPooling {
  include_prompt?: boolean;
  [mode: `pooling_mode_${string}`]: boolean | undefined;
}

interface StConfig {
  prompts?: Record<string, string>;
  default_prompt_name?: string | null;
  similarity_fn_name?: string | null;
}

const readJson = <T>(file: string): T | undefined => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined);

/** The modes' names in `1_Pooling/config.json`: `pooling_mode_mean_tokens`, `pooling_mode_cls_token`, ... */
const poolingKey = (mode: Pooling): `pooling_mode_${string}` =>
  mode === 'cls' ? 'pooling_mode_cls_token' : mode === 'lasttoken' ? 'pooling_mode_lasttoken' : `pooling_mode_${mode}_tokens`;

/**
 * Reads a model folder's sentence-transformers files (`modules.json`, the Pooling module's `config.json`,
 * `config_sentence_transformers.json`, `sentence_bert_config.json`); a folder without `modules.json` gets mean
 * pooling and unit vectors. Refuses what it cannot reproduce, rather than embed differently from the model.
 */
export function readSentenceSettings(folder: string): SentenceSettings {
  const modules = readJson<StModule[]>(join(folder, 'modules.json'));
  if (!modules) return PLAIN;
  const kind = (m: StModule) => m.type.split('.').at(-1)!;
  const other = modules.find((m) => !['Transformer', 'Pooling', 'Normalize'].includes(kind(m)));
  if (other) throw new Error(`${folder}: its ${kind(other)} module (${other.path}) is not supported, only Transformer, Pooling and Normalize`);
  const poolingModule = modules.find((m) => kind(m) === 'Pooling');
  const poolingConfig = poolingModule ? readJson<StPooling>(join(folder, poolingModule.path, 'config.json')) : undefined;
  if (poolingConfig?.include_prompt === false) throw new Error(`${folder}: pooling that leaves the prompt out (include_prompt false) is not supported`);
  const pooling = poolingConfig ? POOLING_MODES.filter((mode) => poolingConfig[poolingKey(mode)]) : PLAIN.pooling;
  if (pooling.length === 0) throw new Error(`${folder}: ${poolingModule!.path}/config.json names no pooling mode`);
  const st = readJson<StConfig>(join(folder, 'config_sentence_transformers.json')) ?? {};
  const prompts = st.prompts ?? {};
  const fallback = st.default_prompt_name ? (prompts[st.default_prompt_name] ?? '') : '';
  const bert = readJson<{ max_seq_length?: number; do_lower_case?: boolean }>(join(folder, 'sentence_bert_config.json')) ?? {};
  return {
    pooling,
    normalize: modules.some((m) => kind(m) === 'Normalize') || st.similarity_fn_name !== 'dot',
    queryPrompt: prompts.query ?? fallback,
    // The names sentence-transformers' encode_document tries, in its order.
    documentPrompt: prompts.document ?? prompts.passage ?? prompts.corpus ?? fallback,
    maxLength: bert.max_seq_length,
    lowerCase: bert.do_lower_case ?? false,
  };
}

/**
 * The model's name with what else changes its vectors: `all-MiniLM-L6-v2.q8`, `e5-small-v2.q8.prompt-1f3c…`.
 * The defaults (fp32, mean pooling, unit vectors, no prompt) add nothing, so a plain model keeps its cache files.
 */
export function modelId(name: string, dtype: string, settings: SentenceSettings, prompt: string): string {
  const parts = [
    dtype === 'fp32' ? '' : dtype,
    settings.pooling.join('+') === 'mean' ? '' : settings.pooling.join('+'),
    settings.normalize ? '' : 'dot',
    settings.maxLength === undefined ? '' : `len${settings.maxLength}`,
    settings.lowerCase ? 'lower' : '',
    prompt ? `prompt-${createHash('sha256').update(prompt).digest('hex').slice(0, 12)}` : '',
  ];
  return [name, ...parts.filter(Boolean)].join('.');
}

/** One text's sentence vector from its token vectors (`hidden`: tokens × width, `mask`: 1 for real tokens). */
function pool(modes: Pooling[], hidden: Float32Array, mask: BigInt64Array, width: number): Float32Array {
  const tokens = mask.length;
  const real = Array.from({ length: tokens }, (_, t) => mask[t] === 1n);
  const count = real.filter(Boolean).length;
  const out = new Float32Array(modes.length * width);
  modes.forEach((mode, m) => {
    const target = out.subarray(m * width, (m + 1) * width);
    const weighted = (weight: (t: number) => number, divisor: number) => {
      for (let t = 0; t < tokens; t++) {
        if (!real[t]) continue;
        const w = weight(t) / divisor;
        for (let i = 0; i < width; i++) target[i]! += w * hidden[t * width + i]!;
      }
    };
    if (mode === 'cls') target.set(hidden.subarray(0, width));
    else if (mode === 'lasttoken') {
      const last = real.lastIndexOf(true);
      target.set(hidden.subarray(last * width, (last + 1) * width));
    } else if (mode === 'max') {
      target.fill(-Infinity);
      for (let t = 0; t < tokens; t++) {
        if (real[t]) for (let i = 0; i < width; i++) target[i] = Math.max(target[i]!, hidden[t * width + i]!);
      }
    } else if (mode === 'mean') weighted(() => 1, count);
    else if (mode === 'mean_sqrt_len') weighted(() => 1, Math.sqrt(count));
    else weighted((t) => t + 1, real.reduce((sum, r, t) => sum + (r ? t + 1 : 0), 0));
  });
  return out;
}

/**
 * A sentence model run by @huggingface/transformers (ONNX), encoding as sentence-transformers does with the same
 * model: the folder's pooling, normalization, sequence length and query / document prompts. A local folder is
 * loaded with remote loading off, so nothing is fetched, in int8 (`onnx/model_quantized.onnx`) when it has that
 * file; a hub model in fp32 with mean pooling, as before.
 */
export async function createTransformersEmbedder({ model, dataDir }: TransformersOptions): Promise<Embedder> {
  const local = existsSync(model);
  const folder = resolve(model);
  if (local) {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = dirname(folder);
  } else {
    env.cacheDir = join(dataDir, 'models');
  }
  const name = local ? basename(folder) : model;
  const settings = local ? readSentenceSettings(folder) : PLAIN;
  const dtype = local && existsSync(join(folder, 'onnx', 'model_quantized.onnx')) ? 'q8' : 'fp32';
  const tokenizer = await AutoTokenizer.from_pretrained(name);
  const network = await AutoModel.from_pretrained(name, { dtype });

  async function encode(texts: string[], prompt: string): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH) {
      const batch = texts.slice(start, start + BATCH).map((text) => (settings.lowerCase ? (prompt + text).toLowerCase() : prompt + text));
      if (batch.length === 0) continue;
      const inputs = tokenizer(batch, { padding: true, truncation: true, max_length: settings.maxLength });
      const outputs = (await network(inputs)) as Record<string, Tensor>;
      // A transformers export names its token vectors last_hidden_state; a sentence-transformers one token_embeddings.
      const hidden = outputs.last_hidden_state ?? outputs.token_embeddings!;
      const [, tokens, width] = hidden.dims as [number, number, number];
      const data = hidden.data as Float32Array;
      const mask = (inputs.attention_mask as Tensor).data as BigInt64Array;
      for (let row = 0; row < batch.length; row++) {
        const vector = pool(settings.pooling, data.subarray(row * tokens * width, (row + 1) * tokens * width), mask.subarray(row * tokens, (row + 1) * tokens), width);
        out.push(settings.normalize ? normalize(vector) : vector);
      }
    }
    return out;
  }

  const [probe] = await encode(['probe'], '');
  const encoder = (prompt: string): Embedder => ({
    name: 'transformers',
    model: modelId(name, dtype, settings, prompt),
    dimension: probe!.length,
    embed: (texts) => encode(texts, prompt),
  });
  const documents = encoder(settings.documentPrompt);
  return settings.queryPrompt === settings.documentPrompt ? documents : { ...documents, queries: encoder(settings.queryPrompt) };
}
