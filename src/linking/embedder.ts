/** The embedding backends escograph knows; `none` means lexical matching only. */
export type EmbedderName = 'transformers' | 'use-lite' | 'none';

/** A sentence encoder: texts in, unit-length vectors out (so a dot product is the cosine). */
export interface Embedder {
  readonly name: Exclude<EmbedderName, 'none'>;
  /** Names the weights; part of the vector cache key. */
  readonly model: string;
  readonly dimension: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Scales a vector to unit length in place; a zero vector stays zero. */
export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
