/** Where a vector build stands: what `LinkingService.progress` reports and the build's log lines say. */
export interface BuildProgress {
  done: number;
  total: number;
  /** Texts embedded per second since this build started (a resumed build counts from where it resumed). */
  textsPerSecond: number;
  /** At the current rate; texts are embedded shortest first, so the estimate runs a little short. */
  secondsLeft: number;
}

/** Follows one build's progress callbacks (the first one: where it starts) and turns them into rate and time left. */
export class BuildTracker {
  private started?: { at: number; done: number };
  private last?: BuildProgress;

  update(done: number, total: number, now = performance.now()): BuildProgress {
    this.started ??= { at: now, done };
    const seconds = (now - this.started.at) / 1000;
    const textsPerSecond = seconds > 0 ? (done - this.started.done) / seconds : 0;
    const secondsLeft = textsPerSecond > 0 ? (total - done) / textsPerSecond : Infinity;
    return (this.last = { done, total, textsPerSecond, secondsLeft });
  }

  get progress(): BuildProgress | undefined {
    return this.last;
  }
}

const clock = (seconds: number) =>
  !Number.isFinite(seconds) ? '?' : seconds >= 90 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds)} s`;

/** "skill vectors: 10,240 / 41,496 texts (25%), 180 texts/s, about 3 min left". */
export function progressLine(what: string, { done, total, textsPerSecond, secondsLeft }: BuildProgress): string {
  const share = total > 0 ? Math.floor((100 * done) / total) : 100;
  const rest = done >= total ? 'done' : `about ${clock(secondsLeft)} left`;
  return `${what} vectors: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} texts (${share}%), ` +
    `${Math.round(textsPerSecond)} texts/s, ${rest}`;
}

/**
 * A progress callback for `buildVectors` that logs a line at most every `everyMillis` and at the end: a log,
 * unlike a bar, stays readable in a service's journal.
 */
export function vectorBuildLog(what: string, report: (line: string) => void, everyMillis = 10_000, tracker = new BuildTracker()) {
  let lastLine = -Infinity;
  return (done: number, total: number) => {
    const now = performance.now();
    const progress = tracker.update(done, total, now);
    if (done >= total || now - lastLine >= everyMillis) {
      lastLine = now;
      report(progressLine(what, progress));
    }
  };
}
