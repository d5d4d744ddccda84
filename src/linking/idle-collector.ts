import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (options?: { type: 'minor' }) => void;
let exposedGc: Gc | undefined;

/** The young generation's committed bytes once shrunk: V8 starts it at 1 MB semi-spaces; this leaves headroom. */
const SHRUNK_YOUNG_BYTES = 8 * 2 ** 20;

/**
 * One step of giving the calling thread's memory back; says whether the young generation is back to its initial
 * size, so that no step is left to take. Step 0 is a full collection, which frees the garbage. Later steps are
 * young-generation collections (a few ms on an empty one): V8 shrinks the young generation only at a collection that
 * finds the allocation rate of the last 5 s low, which one or two collections right after a long idle time often did
 * not (a worker grown to 128 MB, idle 30 s: two full collections in a row left it at 104–128 MB; collections a second
 * apart shrank it to 1 MB within 5 s in each of five tries, at the first in one of them).
 */
export function collectGarbage(step: number): boolean {
  if (!exposedGc) {
    // `gc` is given to contexts created once the flag is set (the thread's own was created before); the flag is the
    // process's, so contexts other threads create later get a `gc` too, which nothing there calls.
    v8.setFlagsFromString('--expose-gc');
    exposedGc = vm.runInNewContext('gc') as Gc;
  }
  exposedGc(step === 0 ? undefined : { type: 'minor' });
  const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return young === undefined || young.physical_space_size <= SHRUNK_YOUNG_BYTES;
}

/**
 * Gives a thread's memory back once it has been quiet for `quietMs`. V8 collects only when something allocates, so
 * an idle linking thread kept its last calls' garbage and its young generation, grown to 128 MB under load
 * (linking-thread.ts): about 180 MB of RSS at rest after a few linking calls, for as long as it waited; the main
 * thread, likewise, its start-up's (start-server.ts tracks its requests and the linking builds). The quiet
 * time is chosen long enough that a sustained load never pays for a collection, short enough that a server at rest
 * does. Once quiet, `collect` runs step 0, 1, … every `stepMs` until it says it is done or `maxSteps` have run; work
 * that comes meanwhile stops the steps, and its end starts the wait again.
 */
export class IdleCollector {
  private running = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly quietMs: number,
    private readonly collect: (step: number) => boolean = collectGarbage,
    private readonly stepMs = 1_000,
    private readonly maxSteps = 15,
  ) {}

  /** Runs `work`, counting it as activity: the collection comes `quietMs` after the last work ends. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    clearTimeout(this.timer);
    try {
      return await work();
    } finally {
      if (--this.running === 0) this.timer = setTimeout(() => this.step(0), this.quietMs).unref();
    }
  }

  private step(step: number): void {
    if (this.collect(step) || step + 1 >= this.maxSteps) return;
    this.timer = setTimeout(() => this.step(step + 1), this.stepMs).unref();
  }
}
