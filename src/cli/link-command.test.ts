import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openLinkingService, runLink } from './link-command.js';

describe('escograph link', () => {
  // The lexical backend keeps this test fast; the ranking code is the same for every backend.
  const config = () => loadConfig({ dataDir: inject('realDataDir'), embedder: 'none' }, {});

  it('links a JSON-lines file, ranking exactly as the service (and so the GraphQL resolver) does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escograph-link-'));
    const texts = ['Cook seafood and prepare sauces.', 'Program in Java.'];
    writeFileSync(join(dir, 'q.jsonl'), `${texts.map((text, i) => JSON.stringify({ id: `q${i}`, text })).join('\n')}\n\n`);
    await runLink(config(), { in: join(dir, 'q.jsonl'), out: join(dir, 'p.jsonl'), top: 4 });
    const lines = readFileSync(join(dir, 'p.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const service = await openLinkingService(config());
    const expected = await service.linkTexts(texts, { first: 4 });
    expect(lines.map((line) => [line.id, line.language])).toEqual([['q0', 'en'], ['q1', 'en']]);
    lines.forEach((line, i) => {
      expect(line.skills.map((s: { uri: string }) => s.uri)).toEqual(expected[i]!.map((s) => s.uri));
      expect(line.skills[0]).toEqual({ uri: expected[i]![0]!.uri, label: expected[i]![0]!.label, score: expect.closeTo(expected[i]![0]!.score, 5) });
    });
  });

  it('refuses a --language the store holds no skill labels in, naming those it holds', async () => {
    await expect(runLink(config(), { text: 'cuisiner des fruits de mer', top: 3, language: 'fr' })).rejects.toThrow(/no skill labels in "fr": skill labels in ESCO v1\.1\.1 are in en/);
  });

  it('names the line of a malformed input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escograph-link-'));
    writeFileSync(join(dir, 'q.jsonl'), '{"id": "a", "text": "cook"}\n{"id": "b"}\n');
    await expect(runLink(config(), { in: join(dir, 'q.jsonl'), out: join(dir, 'p.jsonl'), top: 3 })).rejects.toThrow(/q\.jsonl:2: expected \{"id"/);
  });
});
