import v8 from 'node:v8';
import vm from 'node:vm';

let exposedGc: (() => void) | undefined;

/**
 * Two full collections of the calling thread's heap: the first frees the garbage; the second, seeing next to nothing
 * allocated since, usually also shrinks the young generation to its initial size (V8 shrinks it only when the
 * allocation rate it measures is low: a heuristic, so not always). It grows back within a few collections once work
 * comes again.
 */
export function collectGarbage(): void {
  if (!exposedGc) {
    // `gc` is given to contexts created once the flag is set (the thread's own was created before); the flag is the
    // process's, so contexts other threads create later get a `gc` too, which nothing there calls.
    v8.setFlagsFromString('--expose-gc');
    exposedGc = vm.runInNewContext('gc') as () => void;
  }
  exposedGc();
  exposedGc();
}

/**
 * Gives a thread's memory back once it has been quiet for `quietMs`. V8 collects only when something allocates, so
 * an idle linking thread kept its last calls' garbage and its young generation, grown to 128 MB under load
 * (linking-thread.ts): about 180 MB of RSS at rest after a few linking calls, for as long as it waited. The quiet
 * time is chosen long enough that a sustained load never pays for a collection, short enough that a server at rest
 * does.
 */
export class IdleCollector {
  private running = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly quietMs: number,
    private readonly collect: () => void = collectGarbage,
  ) {}

  /** Runs `work`, counting it as activity: the collection comes `quietMs` after the last work ends. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    clearTimeout(this.timer);
    try {
      return await work();
    } finally {
      if (--this.running === 0) this.timer = setTimeout(this.collect, this.quietMs).unref();
    }
  }
}
