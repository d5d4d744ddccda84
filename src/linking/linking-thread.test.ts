import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realStore } from '../../test/real-store.js';
import { loadConfig } from '../config.js';
import { LinkingThread } from './linking-thread.js';
import { LinkingInputError, LinkingService } from './linking-service.js';

const store = await realStore();
const config = loadConfig({ dataDir: mkdtempSync(join(tmpdir(), 'escograph-linking-thread-')), embedder: 'none' }, {});
const lines: string[] = [];
const thread = await LinkingThread.start(store, config, (line) => lines.push(line));
afterAll(() => thread.close());

describe('LinkingThread: the linking service in a worker thread of its own', () => {
  it('ranks exactly as a LinkingService in this thread, and reports its state here', async () => {
    const here = new LinkingService({ store, embedder: { requested: 'none', used: 'none' } });
    const texts = ['Cook seafood.', 'Program in Java and maintain databases.'];
    expect(await thread.linkTexts(texts, { first: 5 })).toEqual(await here.linkTexts(texts, { first: 5 }));
    expect(await thread.linkLearningOutcomes('- Cook seafood.\n- Program in Java.', { first: 3 })).toEqual(await here.linkLearningOutcomes('- Cook seafood.\n- Program in Java.', { first: 3 }));
    expect(await thread.suggestOccupations('cook in a restaurant kitchen', { first: 3 })).toEqual(await here.suggestOccupations('cook in a restaurant kitchen', { first: 3 }));
    expect(thread.splitOutcomes('1. Cook seafood.\n2. Program in Java.')).toEqual(['Cook seafood.', 'Program in Java.']);
    expect(thread.version).toBe(store.defaultVersion);
    expect(thread.embedder).toMatchObject({ requested: 'none', used: 'none' });
    const skills = await thread.index('Skill');
    expect(skills.size).toBe(13_896);
    expect(thread.progress()).toContainEqual(expect.objectContaining({ type: 'Skill', ready: true }));
    expect(lines).toContain('linking with the none backend');
  });

  it("keeps a caller's mistake a LinkingInputError (BAD_USER_INPUT), and other errors named", async () => {
    const empty = thread.linkText('   ');
    await expect(empty).rejects.toBeInstanceOf(LinkingInputError);
    await expect(empty).rejects.toThrow('text is empty');
    await expect(thread.linkText('cook', { first: 0 })).rejects.toThrow(/first must be an integer from 1 to 100/);
  });

  it('starts again on the next call after its thread died, refusing the calls it had with a reason', async () => {
    const worker = (thread as unknown as { worker: { terminate(): Promise<number> } }).worker;
    const inFlight = thread.linkTexts(Array.from({ length: 50 }, (_, i) => `prepare dish number ${i} in a kitchen`), { first: 5 });
    await worker.terminate();
    await expect(inFlight).rejects.toThrow(/the linking thread stopped .*it starts again on the next request/);
    const [ranked] = await thread.linkTexts(['Cook seafood.'], { first: 1 });
    expect(ranked![0]!.label).toBe('cook seafood');
  });
});
