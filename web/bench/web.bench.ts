/**
 * The web app's weight and speed on real ESCO v1.1.1, each figure beside a baseline measured in the same run:
 * - first-load bytes: the gzip size of the JS and CSS that index.html pulls in (target ≤ 300 KB; the IDE's editor is
 *   its own page and is reported apart);
 * - first load: a cold browser context opening / until the start page shows the ESCO counts, against fetching
 *   index.html alone over HTTP (target ≤ 1 s);
 * - "Suggest skills": from the click to the workbench showing every outcome's ranked skills, against the same two
 *   GraphQL requests (createQualification, then the qualification with its suggestions) sent over HTTP without a
 *   browser (target: the UI adds ≤ 20 %).
 * Usage: npm run bench:web [-- --runs N]   (default 5 runs of each timed figure; the medians are printed)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config.js';
import { importEsco } from '../../src/ingest/import.js';
import { hasSavedStore, openSavedStore } from '../../src/store/persistence.js';
import { CREATE_QUALIFICATION, QUALIFICATION } from '../src/app/api/documents.js';
import { WRITE_TOKEN, startAppServer } from '../test/app-server.js';
import { launchChromium } from '../test/browser.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', '..', 'shared');
const config = loadConfig();
const store = hasSavedStore(config.dataDir) ? openSavedStore(config.dataDir) : importEsco({ paths: [join(shared, 'esco', 'v1.1.1')] }).store;
const server = await startAppServer(store);
const browser = await launchChromium();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The assets an HTML page references (scripts, module preloads, style sheets), gzip-compressed as the server sends them. */
function pageWeight(html: string): { files: number; gzip: number } {
  const text = readFileSync(join(server.webRoot, html), 'utf8');
  const assets = [...text.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return { files: assets.length, gzip: assets.reduce((sum, asset) => sum + gzipSync(readFileSync(join(server.webRoot, asset))).length, 0) };
}

const app = pageWeight('index.html');
const ide = pageWeight('ide.html');
const allJs = readdirSync(join(server.webRoot, 'assets')).filter((f) => f.endsWith('.js'));
console.log(`web bench: ESCO ${store.defaultVersion}, ${runs} runs per timed figure, Chromium headless\n`);
console.log(`first-load JS+CSS of the app: ${(app.gzip / 1000).toFixed(1)} KB gzip in ${app.files} files (target ≤ 300 KB)`);
console.log(`the IDE page, loaded only at /graphql: ${(ide.gzip / 1000).toFixed(1)} KB gzip in ${ide.files} files (+ editor workers on demand; ${allJs.length} JS files built)\n`);

const htmlFetch: number[] = [];
const firstLoad: number[] = [];
for (let run = 0; run < runs; run += 1) {
  let started = performance.now();
  await (await fetch(server.url, { headers: { accept: 'text/html' } })).text();
  htmlFetch.push(performance.now() - started);
  const context = await browser.newContext();
  const page = await context.newPage();
  started = performance.now();
  await page.goto(server.url);
  await page.getByText(/occupations, .* skills/).waitFor();
  firstLoad.push(performance.now() - started);
  await context.close();
}
console.log(`first load to the start page's ESCO counts: ${ms(median(firstLoad))} (target ≤ 1 s); index.html alone: ${ms(median(htmlFetch))}; ratio ×${(median(firstLoad) / median(htmlFetch)).toFixed(1)}`);

const outcomes = [
  'Describe the reasons for an ethical analysis applied to AI.',
  'Recognize how the notion of responsibility is challenged when designing and using AI tools.',
  'Identify the ethical and social impacts and implications of AI.',
  'Apply data protection principles when processing personal data.',
  'Communicate the limitations of machine learning models to non-specialists.',
];
async function post(query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const viaApi: number[] = [];
const viaUi: number[] = [];
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`${server.url}/linking`);
await page.getByLabel('Write token').fill(WRITE_TOKEN);
await page.getByText('writes allowed').waitFor();
for (let run = 0; run < runs; run += 1) {
  // Each run ranks different text (a run number in every outcome), so no cache favours either side.
  const texts = outcomes.map((o) => `${o} (${run})`);
  let started = performance.now();
  const created = await post(CREATE_QUALIFICATION, { input: { title: `bench ${run}`, learningOutcomes: texts } });
  await post(QUALIFICATION, { id: created.createQualification!.id });
  viaApi.push(performance.now() - started);

  const uiTexts = outcomes.map((o) => `${o} [${run}]`);
  await page.goto(`${server.url}/linking`);
  await page.getByLabel('Title').fill(`bench ui ${run}`);
  await page.getByLabel('Learning outcomes').fill(uiTexts.join('\n'));
  await page.getByRole('button', { name: 'Split into outcomes' }).click();
  await page.getByLabel(`Outcome ${uiTexts.length}`).waitFor();
  started = performance.now();
  await page.getByRole('button', { name: 'Suggest skills' }).click();
  await page.getByText(`0 of ${uiTexts.length} outcomes reviewed`).waitFor({ timeout: 120_000 });
  await page.getByRole('region', { name: uiTexts[uiTexts.length - 1] }).getByRole('button', { name: /^Accept / }).first().waitFor();
  viaUi.push(performance.now() - started);
}
const ratio = median(viaUi) / median(viaApi);
console.log(`"Suggest skills" for ${outcomes.length} outcomes: UI ${ms(median(viaUi))}, the same GraphQL over HTTP ${ms(median(viaApi))}; the UI adds ${((ratio - 1) * 100).toFixed(0)} % (target ≤ 20 %)`);

await browser.close();
await server.close();
