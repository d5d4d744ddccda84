import type ort from 'onnxruntime-node';

/**
 * Options of every onnxruntime session here. One thread: the pool runs a session per core, which serves concurrent
 * requests better than threads inside one session. No CPU memory arena: the arena keeps what the largest call ever
 * needed and gives nothing back, so with inputs of every length a linking server's RSS kept growing under load
 * (1,664 → 1,955 MB over three 60 s runs of bench:load-http with use-lite).
 */
export const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, enableCpuMemArena: false };
