import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { EmbeddingPool, type Feeds } from './embedding-pool.js';
import { SESSION_OPTIONS } from './onnx-session-options.js';
import { type Embedder, normalize } from './embedder.js';
import { useLiteModelDir, useLiteOnnx } from './use-lite-onnx.js';
import { useLiteTokenizer } from './use-lite-tokenizer.js';

const DIMENSION = 512;
/**
 * One model run holds at most this many texts and tokens. A run pads every text to its batch's longest, so
 * batches hold texts of similar length; many short texts amortize a run's fixed cost, and a batch of long ones
 * stays well under a second, so a request's texts never wait long behind it.
 */
const BATCH_TEXTS = 256;
const BATCH_TOKENS = 1_000;
/** Calls of at least this many texts go to the worker threads; fewer (a request's queries) run at once, here. */
const POOL_MIN = 64;

/**
 * Worker threads for large calls (ESCOGRAPH_EMBED_THREADS; default one per core, 0 embeds on the event loop):
 * each runs one single-threaded session, which uses the cores better than one session of several threads.
 */
export function embedThreads(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.ESCOGRAPH_EMBED_THREADS;
  if (value === undefined || value === '') return availableParallelism();
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 0) throw new Error(`ESCOGRAPH_EMBED_THREADS=${value}: expected a whole number of threads, 0 or more`);
  return threads;
}

/** Positions of items in batches of similar size (smallest first), each within `maxItems` and `maxTotal`. */
export function lengthBatches(sizes: number[], maxItems = BATCH_TEXTS, maxTotal = BATCH_TOKENS): number[][] {
  const order = Array.from(sizes.keys()).sort((a, b) => sizes[a]! - sizes[b]!);
  const batches: number[][] = [];
  let batch: number[] = [];
  let total = 0;
  for (const i of order) {
    if (batch.length > 0 && (batch.length >= maxItems || total + sizes[i]! > maxTotal)) {
      batches.push(batch);
      batch = [];
      total = 0;
    }
    batch.push(i);
    total += sizes[i]!;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** The model's sparse input for these token lists: `indices` [tokens, 2] = (text, position), `values` [tokens]. */
function feedsOf(encodings: number[][]): Feeds {
  const count = encodings.reduce((sum, tokens) => sum + tokens.length, 0);
  const indices = new BigInt64Array(count * 2);
  const values = new BigInt64Array(count);
  let k = 0;
  encodings.forEach((tokens, text) => tokens.forEach((token, position) => {
    indices[2 * k] = BigInt(text);
    indices[2 * k + 1] = BigInt(position);
    values[k++] = BigInt(token);
  }));
  return { indices: { data: indices, dims: [count, 2] }, values: { data: values, dims: [count] } };
}

/**
 * The Universal Sentence Encoder lite (English, 512 dimensions) whose weights and tokenizer ship inside npm
 * packages, so it works with no network. Its TensorFlow.js graph is translated to ONNX at start (`use-lite-onnx.ts`,
 * about a second) and run by onnxruntime's native kernels, measured 4.6× faster than the TF.js WASM backend on one
 * core with the same vectors (within 1.4e-6): here for small calls, in `threads` worker threads for large ones such
 * as a cold build.
 */
export async function createUseLiteEmbedder(threads = embedThreads()): Promise<Embedder> {
  const dir = useLiteModelDir();
  const model = useLiteOnnx(dir);
  const tokenize = useLiteTokenizer(JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')));
  const session = await ort.InferenceSession.create(model, SESSION_OPTIONS);
  const pool = threads > 0 ? new EmbeddingPool(model, 'vectors', threads) : undefined;
  const here = async (feeds: Feeds[]) => {
    const out: Float32Array[] = [];
    for (const feed of feeds) {
      const tensors = Object.fromEntries(Object.entries(feed).map(([name, { data, dims }]) => [name, new ort.Tensor('int64', data, dims)]));
      out.push((await session.run(tensors)).vectors!.data as Float32Array);
    }
    return out;
  };
  return {
    name: 'use-lite',
    model: 'use-lite-en',
    dimension: DIMENSION,
    async embed(texts) {
      const out: Float32Array[] = texts.map(() => new Float32Array(DIMENSION));
      // A text without tokens has no meaning to encode (and the graph would drop a trailing one): a zero vector.
      const encodings = texts.map(tokenize);
      const positions = lengthBatches(encodings.map((tokens) => tokens.length)).map((batch) => batch.filter((i) => encodings[i]!.length > 0)).filter((batch) => batch.length > 0);
      const feeds = positions.map((batch) => feedsOf(batch.map((i) => encodings[i]!)));
      const results = pool && texts.length >= POOL_MIN ? await pool.run(feeds) : await here(feeds);
      positions.forEach((batch, b) => batch.forEach((i, row) => {
        out[i] = normalize(results[b]!.slice(row * DIMENSION, (row + 1) * DIMENSION));
      }));
      return out;
    },
  };
}
