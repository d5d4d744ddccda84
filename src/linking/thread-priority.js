// Plain JavaScript, shared by the linking thread (TypeScript) and the embedding workers (plain JavaScript).
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Puts the calling thread below the event loop's priority: when both want the CPU, lookups and searches get it
 * first and ranking or embedding take what is left, which on an idle machine is all of it. Linux keeps a nice value
 * per thread (its id, read from /proc/thread-self, stands for a process in setpriority); elsewhere, or where that is
 * not allowed, the thread keeps its process's priority.
 * @param {number} [nice]
 */
export function lowerThisThreadsPriority(nice = 10) {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), nice);
  } catch {
    // Not Linux, or not allowed.
  }
}
