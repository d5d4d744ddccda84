import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import type { Embedder } from './embedder.js';

const BATCH = 32;

export interface TransformersOptions {
  /** A hub id (downloaded once into `<dataDir>/models`) or a local folder in the transformers.js layout. */
  model: string;
  dataDir: string;
}

/**
 * A sentence model run by @huggingface/transformers (ONNX): mean pooling over tokens, then unit length, as
 * sentence-transformers models are meant to be used. A local folder is loaded with remote loading off, so
 * nothing is fetched.
 */
export async function createTransformersEmbedder({ model, dataDir }: TransformersOptions): Promise<Embedder> {
  const local = existsSync(model);
  if (local) {
    const folder = resolve(model);
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = dirname(folder);
  } else {
    env.cacheDir = join(dataDir, 'models');
  }
  const modelId = local ? basename(resolve(model)) : model;
  const extractor = await pipeline('feature-extraction', modelId, { dtype: 'fp32' });
  const probe = await extractor(['probe'], { pooling: 'mean', normalize: true });
  const dimension = probe.dims.at(-1)!;
  return {
    name: 'transformers',
    model: modelId,
    dimension,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += BATCH) {
        const batch = texts.slice(start, start + BATCH);
        if (batch.length === 0) continue;
        const tensor = await extractor(batch, { pooling: 'mean', normalize: true });
        const data = tensor.data as Float32Array;
        for (let row = 0; row < batch.length; row++) out.push(data.slice(row * dimension, (row + 1) * dimension));
      }
      return out;
    },
  };
}
