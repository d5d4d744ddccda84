// Plain JavaScript, shared by the linking thread (TypeScript) and the embedding workers (plain JavaScript).
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Puts the calling thread `by` steps below its process's priority (nice 19 at most): when both want the CPU, lookups and searches get it
 * first and ranking or embedding take what is left, which on an idle machine is all of it. Linux keeps a nice value
 * per thread (its id, read from /proc/thread-self, stands for a process in setpriority); elsewhere, or where that is
 * not allowed, the thread keeps its process's priority.
 * @param {number} [by]
 */
export function lowerThisThreadsPriority(by = 10) {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    // Relative, so that a server started with `nice` keeps its order, and root does not raise the thread instead.
    setPriority(thread, Math.min(19, getPriority(thread) + by));
  } catch {
    // Not Linux, or not allowed.
  }
}
