/**
 * HTTP load on the real server (issue 12, item 7): `serve`'s composition over real ESCO v1.1.1 (the saved store of
 * the data dir, else a fresh import of ../shared/esco/v1.1.1), on loopback, with its default limits (the rate limit
 * on) and the lexical linking backend, under a mix of 180 clients looking occupations up by URI and searching, and 20
 * clients linking three-outcome texts, for three runs in a row. Every client shares 127.0.0.1, so the linking
 * clients share one rate-limit bucket: their 429s are the limit working, counted apart.
 * The load comes from two child processes (autocannon), one per kind of client, so that the server's event loop and
 * RSS are its own.
 * Usage: npm run bench:load-http [-- --seconds N] [--runs N]   (default 60 s a run, 3 runs)
 */
import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openLinkingStore } from '../src/linking/linking-store.js';
import { listOccupations } from '../src/store/concept-pages.js';
import type { EscoStore } from '../src/store/esco-store.js';
import { startFullServer } from '../test/full-server.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    runs: { type: 'string', default: '3' },
    // The child's side: one kind of client against a running server.
    client: { type: 'string' },
    url: { type: 'string' },
    inputs: { type: 'string' },
  },
});
const seconds = Number(values.seconds);

type Kind = 'cheap' | 'linking';
const CLIENTS: Record<Kind, number> = { cheap: 180, linking: 20 };
const TIMEOUT_SECONDS = 10;

interface Inputs {
  occupations: string[];
  searches: string[];
  texts: string[];
}

/** What one kind of client saw in one run. */
interface ClientReport {
  requests: number;
  perSecond: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  /** Answered 200 with GraphQL errors: a failure the status hides. */
  graphqlErrors: number;
  /** Latencies of the 2xx answers only: a 429 answers at once and would flatter the linking figures. */
  p50: number | null;
  p99: number | null;
}

const OCCUPATION = 'query ($uri: ID!) { occupation(uri: $uri) { uri preferredLabel description iscoGroup { code } essentialSkills { uri preferredLabel } } }';
const SEARCH = 'query ($t: String!) { search(text: $t, first: 10) { totalCount nodes { __typename } } }';
const LINK = 'query ($t: String!) { linkLearningOutcomes(text: $t, first: 5) { text suggestions { score skill { uri preferredLabel } } } }';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? null;
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

/** One kind of client for `seconds`, in this (child) process; prints its report as JSON. */
async function runClients(kind: Kind, url: string, inputs: Inputs): Promise<void> {
  const latencies: number[] = [];
  let graphqlErrors = 0;
  // With one request in flight a connection, its context carries when that request was sent.
  const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  const request = (variables: () => [string, Record<string, unknown>]): autocannon.Request => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    setupRequest(req, context) {
      (context as { sent?: number }).sent = performance.now();
      return { ...req, body: body(...variables()) };
    },
    onResponse(status, responseBody, context) {
      if (status < 200 || status >= 300) return;
      latencies.push(performance.now() - (context as { sent: number }).sent);
      if (responseBody.includes('"errors"')) graphqlErrors++;
    },
  });
  const requests = kind === 'cheap'
    ? [request(() => [OCCUPATION, { uri: pick(inputs.occupations) }]), request(() => [SEARCH, { t: pick(inputs.searches) }])]
    : [request(() => [LINK, { t: pick(inputs.texts) }])];
  const result = await autocannon({ url, connections: CLIENTS[kind], duration: seconds, timeout: TIMEOUT_SECONDS, requests });
  latencies.sort((a, b) => a - b);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count ?? 0]));
  const report: ClientReport = {
    requests: result.requests.total, perSecond: result.requests.total / result.duration, errors: result.errors, timeouts: result.timeouts,
    statuses, graphqlErrors, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Every occupation of the default version, searches people type, and texts of three learning outcomes. */
async function inputsOf(store: EscoStore): Promise<Inputs> {
  const { uris: occupations } = await listOccupations(store, store.defaultVersion!, {}, { limit: 10_000, offset: 0 });
  const searches = [
    'nurse', 'software developer', 'cook', 'teacher', 'electrician', 'accountant', 'truck driver', 'welder', 'data analyst',
    'sales manager', 'plumber', 'hairdresser', 'farmer', 'translator', 'pharmacist', 'carpenter', 'police', 'web design',
  ];
  const outcomes = [
    'Prepare and cook seafood dishes following hygiene rules.', 'Explain the choice of ingredients to guests.',
    'Plan weekly menus within a budget.', 'Write unit tests for a web application.', 'Maintain customer records in a database.',
    'Give first aid to injured workers.', 'Negotiate contracts with suppliers.', 'Install and repair electrical wiring in buildings.',
    'Teach basic arithmetic to primary school pupils.', 'Analyse sales figures and report trends to management.',
  ];
  const texts = Array.from({ length: 50 }, (_, i) => [0, 3, 7].map((step) => `- ${outcomes[(i + step) % outcomes.length]}`).join('\n'));
  return { occupations, searches, texts };
}

const execFileAsync = promisify(execFile);

async function runChild(kind: Kind, url: string, inputsPath: string): Promise<ClientReport> {
  const { stdout } = await execFileAsync(process.execPath, [
    '--import', 'tsx', import.meta.filename, '--client', kind, '--url', url, '--inputs', inputsPath, '--seconds', String(seconds),
  ], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ClientReport;
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MB`;
// null: the run had no 2xx answer of that kind to time.
const ms = (value: number | null) => (value === null ? '—' : value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en'));

function line(kind: Kind, report: ClientReport): string {
  const statuses = Object.entries(report.statuses).map(([status, count]) => `${status}: ${count.toLocaleString('en')}`).join(', ');
  return `  ${kind.padEnd(7)} ${report.perSecond.toFixed(1).padStart(7)} req/s, 2xx p50 ${ms(report.p50)} ms, p99 ${ms(report.p99)} ms; ` +
    `errors ${report.errors}, timeouts ${report.timeouts}, GraphQL errors in 200s ${report.graphqlErrors}; statuses ${statuses}`;
}

async function main(): Promise<void> {
  const runs = Number(values.runs);
  const config = loadConfig();
  const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
  const started = performance.now();
  const store = (await openLinkingStore(config, join(shared, 'esco', 'v1.1.1'))).store;
  const server = await startFullServer(store, { env: process.env });
  console.log(`load-http bench: ESCO ${store.defaultVersion} on the ${store.backend.name} store (${(await store.size()).toLocaleString('en')} triples), server ready in ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s at ${server.url}; ${CLIENTS.cheap} clients by URI and search, ` +
    `${CLIENTS.linking} linking three-outcome texts, ${seconds} s a run, ${runs} runs, timeout ${TIMEOUT_SECONDS} s`);
  const dir = mkdtempSync(join(tmpdir(), 'escograph-load-http-'));
  const inputsPath = join(dir, 'inputs.json');
  writeFileSync(inputsPath, JSON.stringify(await inputsOf(store)));
  try {
    for (let run = 1; run <= runs; run++) {
      const before = process.memoryUsage().rss;
      const [cheap, linking] = await Promise.all([runChild('cheap', server.url, inputsPath), runChild('linking', server.url, inputsPath)]);
      const after = process.memoryUsage().rss;
      console.log(`run ${run}: server RSS ${mb(before)} before, ${mb(after)} after`);
      console.log(line('cheap', cheap));
      console.log(line('linking', linking));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

if (values.client) {
  await runClients(values.client as Kind, values.url!, JSON.parse(readFileSync(values.inputs!, 'utf8')) as Inputs);
} else {
  await main();
  // Linking's pools and timers would keep the process alive.
  process.exit(0);
}
