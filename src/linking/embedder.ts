/** The embedding backends escograph knows; `none` means lexical matching only. */
export type EmbedderName = 'transformers' | 'use-lite' | 'none';

/** A sentence encoder: texts in, vectors out, unit length unless the model is meant for dot products. */
export interface Embedder {
  readonly name: Exclude<EmbedderName, 'none'>;
  /** Names the weights and whatever else changes the vectors (precision, pooling, prompt); the vector cache key. */
  readonly model: string;
  readonly dimension: number;
  /** Encodes ESCO's texts (the documents searched). */
  embed(texts: string[]): Promise<Float32Array[]>;
  /**
   * The encoder of the texts looked up against ESCO's (learning outcomes, job-ad sentences), where the model
   * encodes queries differently (a query prompt, e5's `query: `); absent when queries are encoded like documents.
   */
  readonly queries?: Embedder;
}

/** The encoder for texts ranked against ESCO's. */
export const queryEncoder = (embedder: Embedder): Embedder => embedder.queries ?? embedder;

/** Scales a vector to unit length in place; a zero vector stays zero. */
export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
