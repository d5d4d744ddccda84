import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Config } from '../config.js';
import type { EscoStore } from '../store/esco-store.js';
import { createEmbedder, LinkingService, openLinkingStore, type OutcomeSuggestions } from '../linking/index.js';
import { ESCO_ATTRIBUTION } from '../export/index.js';
import { progressReporter } from './progress.js';

export interface LinkCommandOptions {
  text?: string;
  in?: string;
  out?: string;
  top: number;
  minScore?: number;
  /** ISO 639-1; without it each text's language is detected among the store's. */
  language?: string;
}

/** Lines linked per batch: their vectors are computed together. */
const BATCH = 64;

/**
 * Opens the store (unless the caller has it open) and the embedder the configuration names, saying so when it
 * falls back to another backend.
 */
export async function openLinkingService(config: Config, opened?: { store: EscoStore; version: string }): Promise<LinkingService> {
  const { store, version } = opened ?? (await openLinkingStore(config));
  const embedder = await createEmbedder(config.embedder, { model: config.model, dataDir: config.dataDir });
  if (embedder.notice) process.stderr.write(`escograph: ${embedder.notice}\n`);
  const progress = progressReporter();
  const service = new LinkingService({
    store,
    version,
    embedder,
    dataDir: config.dataDir,
    onProgress: (type, done, total) => progress.update(`embedding ESCO ${type.toLowerCase()}s`, `${done} texts`, done - 1, total),
  });
  await service.index('Skill');
  progress.stop();
  return service;
}

/** `escograph link "text"` prints a table; `escograph link --in q.jsonl --out p.jsonl` links a file of texts. */
export async function runLink(config: Config, options: LinkCommandOptions): Promise<void> {
  if (!options.text === !options.in) throw new Error('give either a text or --in <file.jsonl>');
  // Every input line is checked before the (costly) index is opened, so a bad file fails at once and writes nothing.
  const queries = options.in ? await readQueries(options.in) : [];
  const service = await openLinkingService(config);
  const rank = { first: options.top, minScore: options.minScore, language: options.language };
  if (options.text) {
    const [ranked] = await service.linkTextsWithLanguage([options.text], rank);
    printTable(ranked!, service.embedder.used);
    return;
  }
  const out = options.out ? createWriteStream(options.out) : process.stdout;
  for (let start = 0; start < queries.length; start += BATCH) {
    const batch = queries.slice(start, start + BATCH);
    const ranked = await service.linkTextsWithLanguage(batch.map((item) => item.text), rank);
    batch.forEach(({ id }, i) => {
      const { language, suggestions } = ranked[i]!;
      const skills = suggestions.map(({ uri, label, score }) => ({ uri, label, score: Number(score.toFixed(6)) }));
      out.write(`${JSON.stringify({ id, language, skills })}\n`);
    });
  }
  if (out !== process.stdout) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function readQueries(file: string): Promise<{ id: string; text: string }[]> {
  const queries: { id: string; text: string }[] = [];
  let lineNumber = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim()) queries.push(parseQueryLine(line, `${file}:${lineNumber}`));
  }
  return queries;
}

function parseQueryLine(line: string, where: string): { id: string; text: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`${where}: not a JSON line`);
  }
  const { id, text } = (value ?? {}) as { id?: unknown; text?: unknown };
  if ((typeof id !== 'string' && typeof id !== 'number') || typeof text !== 'string' || !text.trim()) {
    throw new Error(`${where}: expected {"id": "...", "text": "..."} with a non-empty text`);
  }
  return { id: String(id), text };
}

function printTable({ suggestions, language, languageSource }: OutcomeSuggestions, backend: string): void {
  const rows = suggestions.map((s, i) => [String(i + 1), s.score.toFixed(3), s.matchedOn, s.label, s.uri]);
  const header = ['#', 'score', 'matched on', 'skill', 'uri'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const format = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  console.log(format(header));
  for (const row of rows) console.log(format(row));
  if (rows.length === 0) console.log('(no skill matched)');
  const how = { GIVEN: 'as given', DETECTED: 'detected', DEFAULT: 'the store\'s default' }[languageSource];
  console.log(`\nranked in "${language}" (${how}) by ${backend === 'none' ? 'BM25 (lexical only)' : `${backend} vectors + BM25`}. ${ESCO_ATTRIBUTION}`);
}
