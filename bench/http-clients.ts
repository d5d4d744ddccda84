/**
 * The clients of the HTTP load benches (bench:load-http, bench/replicas.bench.ts): users POSTing, with fetch, the
 * GraphQL reads people make — an occupation by URI with its essential skills, a search — or linking three-outcome
 * texts, in a child process of its own so that the server's event loop and RSS are its own. Run as a script, it is
 * that child:
 *   node --import tsx bench/http-clients.ts --kind cheap|linking --connections N --url U --inputs inputs.json --seconds S [--rate R]
 * (`--rate`: requests a second over all clients, as users who pause between requests; default as fast as answered)
 * and prints its ClientReport as JSON.
 * Not autocannon, which these benches used first, for two measured reasons. Its paced mode (`overallRate`) gives
 * each connection a budget of whole requests a second, refilled by timers started together, so every connection
 * sent at the same instant once a second: 100 requests in one burst, whose last waited for the 99 before it (that
 * burst was the paced p99). Unpaced, it counted 43 timeouts in 20 s against a server whose answers had a p99 of
 * 289 ms and whose event loop never stalled past 288 ms, while these fetch users, as many and as fast, against the
 * same server in the same session, saw none: requests lost on the client's side, not slow answers. People do not
 * click in step either: paced users here wait a random, exponentially distributed think time after each answer
 * (mean connections / rate seconds), so requests arrive as a Poisson stream of that rate.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { listOccupations } from '../src/store/concept-pages.js';
import type { EscoStore } from '../src/store/esco-store.js';

export type Kind = 'cheap' | 'linking';
export const TIMEOUT_SECONDS = 10;

export interface Inputs {
  occupations: string[];
  searches: string[];
  texts: string[];
}

/** What one kind of client saw in one run. */
export interface ClientReport {
  requests: number;
  perSecond: number;
  /** Requests that failed without an answer, timeouts apart. */
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

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? null;
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

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

/** Writes the clients' inputs, read from `store`, into `dir`; returns the file the children read. */
export async function writeInputs(store: EscoStore, dir: string): Promise<string> {
  const path = join(dir, 'inputs.json');
  writeFileSync(path, JSON.stringify(await inputsOf(store)));
  return path;
}

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

/** The requests one kind of client makes, as (query, variables) makers, taken in turn. */
const requestsOf = (kind: Kind, inputs: Inputs): (() => [string, Record<string, unknown>])[] => (kind === 'cheap'
  ? [() => [OCCUPATION, { uri: pick(inputs.occupations) }], () => [SEARCH, { t: pick(inputs.searches) }]]
  : [() => [LINK, { t: pick(inputs.texts) }]]);

/**
 * `clients` users of one kind for `seconds`: each sends a request, waits for its answer, then, when `rate` is given
 * (requests a second in all), thinks for an exponentially distributed time (see the file's comment); without it,
 * asks again at once. fetch keeps its connections alive, one per user in flight.
 */
async function runClients(kind: Kind, clients: number, url: string, inputs: Inputs, seconds: number, rate?: number): Promise<ClientReport> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let [requests, errors, timeouts, graphqlErrors] = [0, 0, 0, 0];
  const makers = requestsOf(kind, inputs);
  const meanThinkMs = rate ? (clients / rate) * 1000 : 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  // A think that would last past the end is cut there: the run's time is its `seconds`, not the longest think.
  const think = () => new Promise((resolve) => setTimeout(resolve, Math.min(-Math.log(1 - Math.random()) * meanThinkMs, end - performance.now())));
  const user = async (first: number) => {
    // The users start spread over one think time, not together.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(meanThinkMs, seconds * 1000)));
    for (let turn = first; performance.now() < end; turn++) {
      const sent = performance.now();
      requests++;
      try {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: body(...makers[turn % makers.length]!()),
          signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
        });
        const text = await response.text();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.ok) {
          latencies.push(performance.now() - sent);
          if (text.includes('"errors"')) graphqlErrors++;
        }
      } catch (error) {
        if ((error as Error).name === 'TimeoutError') timeouts++;
        else errors++;
      }
      if (rate) await think();
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => user(i)));
  latencies.sort((a, b) => a - b);
  return {
    requests, perSecond: requests / ((performance.now() - started) / 1000), errors, timeouts, statuses, graphqlErrors,
    p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99),
  };
}

const execFileAsync = promisify(execFile);

/** Runs `connections` clients of one kind against `url` for `seconds` in a child process; resolves with its report. */
export async function runClientsInChild(kind: Kind, connections: number, url: string, inputsPath: string, seconds: number, rate?: number): Promise<ClientReport> {
  const { stdout } = await execFileAsync(process.execPath, [
    '--import', 'tsx', import.meta.filename, '--kind', kind, '--connections', String(connections), '--url', url, '--inputs', inputsPath,
    '--seconds', String(seconds), ...(rate ? ['--rate', String(rate)] : []),
  ], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ClientReport;
}

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MB`;
// null: the run had no 2xx answer of that kind to time.
const ms = (value: number | null) => (value === null ? '—' : value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en'));

/** One kind's report on one line: requests/s, 2xx p50/p99, and every way a request failed. */
export function reportLine(label: string, report: ClientReport): string {
  const statuses = Object.entries(report.statuses).map(([status, count]) => `${status}: ${count.toLocaleString('en')}`).join(', ');
  return `  ${label.padEnd(7)} ${report.perSecond.toFixed(1).padStart(7)} req/s, 2xx p50 ${ms(report.p50)} ms, p99 ${ms(report.p99)} ms; ` +
    `errors ${report.errors}, timeouts ${report.timeouts}, GraphQL errors in 200s ${report.graphqlErrors}; statuses ${statuses}`;
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string' }, connections: { type: 'string' }, url: { type: 'string' }, inputs: { type: 'string' }, seconds: { type: 'string' },
      rate: { type: 'string' },
    },
  });
  const inputs = JSON.parse(readFileSync(values.inputs!, 'utf8')) as Inputs;
  const [kind, connections, url, seconds] = [values.kind as Kind, Number(values.connections), values.url!, Number(values.seconds)];
  const report = await runClients(kind, connections, url, inputs, seconds, values.rate ? Number(values.rate) : undefined);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
