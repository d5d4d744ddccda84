import type { Embedder, EmbedderName } from './embedder.js';
import { createTransformersEmbedder } from './transformers-embedder.js';
import { createUseLiteEmbedder } from './use-lite-embedder.js';

export interface EmbedderChoice {
  requested: EmbedderName;
  /** The backend in use: the requested one, or what it fell back to. */
  used: EmbedderName;
  embedder?: Embedder;
  /** Set when the requested backend could not be loaded: says why and which backend is used instead. */
  notice?: string;
}

export interface EmbedderOptions {
  model: string;
  dataDir: string;
}

/** Fallback order when a backend cannot be loaded: a multilingual model, then English USE-lite, then words only. */
const FALLBACK: EmbedderName[] = ['transformers', 'use-lite', 'none'];

/**
 * Loads the requested embedding backend. When it cannot be loaded (no network for a hub model, missing folder,
 * broken weights), the next one in FALLBACK is tried and the notice names both the failure and the backend used.
 */
export async function createEmbedder(requested: EmbedderName, options: EmbedderOptions): Promise<EmbedderChoice> {
  const failures: string[] = [];
  for (const name of FALLBACK.slice(FALLBACK.indexOf(requested))) {
    try {
      const embedder = await load(name, options);
      const notice = failures.length > 0 ? `${failures.join('; ')}; using the ${name} backend instead` : undefined;
      return { requested, used: name, embedder, notice };
    } catch (error) {
      const what = name === 'transformers' ? `the transformers model "${options.model}"` : `the ${name} embedder`;
      failures.push(`could not load ${what}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(failures.join('; '));
}

async function load(name: EmbedderName, options: EmbedderOptions): Promise<Embedder | undefined> {
  if (name === 'transformers') return createTransformersEmbedder(options);
  if (name === 'use-lite') return createUseLiteEmbedder();
  return undefined;
}

/**
 * For training and benchmarks, where a silent fallback would measure the wrong model: the model folder or hub id
 * given, else USE-lite, and an error when it cannot be loaded.
 */
export function exactEmbedder(model: string | undefined, dataDir: string): Promise<Embedder> {
  return model ? createTransformersEmbedder({ model, dataDir }) : createUseLiteEmbedder();
}
