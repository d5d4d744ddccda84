import cliProgress from 'cli-progress';

export interface ProgressReporter {
  update(phase: string, item: string, done: number, total: number): void;
  stop(): void;
}

/** A bar on a terminal; on a pipe or in CI, one plain line per step so logs stay readable. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (!stream.isTTY) {
    return {
      update: (phase, item, done, total) => stream.write(`[${phase} ${done + 1}/${total}] ${item}\n`),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream, format: '{phase} [{bar}] {value}/{total} {item}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let currentPhase = '';
  return {
    update(phase, item, done, total) {
      const short = item.length > 60 ? `…${item.slice(-59)}` : item;
      if (!started || phase !== currentPhase) {
        if (started) bar.stop();
        bar.start(total, done, { phase, item: short });
        started = true;
        currentPhase = phase;
      } else {
        bar.update(done, { item: short });
      }
    },
    stop: () => started && bar.stop(),
  };
}
