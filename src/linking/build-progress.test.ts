import { describe, expect, it } from 'vitest';
import { BuildTracker, progressLine, vectorBuildLog } from './build-progress.js';

describe('vector build progress', () => {
  it('measures rate and time left from the first report of this build, so a resumed build is not flattered', () => {
    const tracker = new BuildTracker();
    tracker.update(10_000, 40_000, 0);
    const progress = tracker.update(12_000, 40_000, 10_000);
    expect(progress).toEqual({ done: 12_000, total: 40_000, textsPerSecond: 200, secondsLeft: 140 });
    expect(progressLine('skill', progress)).toBe('skill vectors: 12,000 / 40,000 texts (30%), 200 texts/s, about 2 min left');
  });

  it('logs at most once per interval, and always the last step', () => {
    const lines: string[] = [];
    const log = vectorBuildLog('skill', (line) => lines.push(line), 60_000);
    for (let done = 512; done < 4096; done += 512) log(done, 4096);
    log(4096, 4096);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^skill vectors: 4,096 \/ 4,096 texts \(100%\), \d+ texts\/s, done$/);
  });
});
