import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { realStore } from '../../test/real-store.js';
import { parseDemandCsv, parseProgrammesCsv, adText, supplyEntries } from '../src/app/insights/inputs.js';
import { WRITE_TOKEN } from './app-server.js';
import { accessibilityProblems, appInBrowser, unreachableByKeyboard } from './browser.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

const app = appInBrowser(realStore);

async function api<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${app.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

type Row = { concept: { label: string }; supply: number; demand: number; gap: number };

describe('the skills-intelligence dashboard', () => {
  test('job ads and programmes from CSV give a chart and a table equal to the API\'s supplyDemand; a corrected ad changes them', async () => {
    await app.page.goto(`${app.server.url}/`);
    await app.page.getByRole('link', { name: 'Skills intelligence' }).click();
    await app.page.getByLabel('Programmes CSV').setInputFiles(fixture('programmes.csv'));
    await app.page.getByLabel('Demand CSV').setInputFiles(fixture('job-ads.csv'));
    await app.page.getByRole('button', { name: 'Link job ads' }).click();
    const links = app.page.getByRole('region', { name: 'Job-ad links' });
    await links.getByText('8 job ads').waitFor({ timeout: 60_000 });

    await app.page.getByRole('button', { name: 'Compare supply and demand' }).click();
    const results = app.page.getByRole('region', { name: 'Results' });
    await results.getByRole('img').waitFor({ timeout: 60_000 });

    // The same input given to the API as text: the ads' links uncorrected are exactly what the API counts.
    const { ads } = parseDemandCsv(readFileSync(fixture('job-ads.csv'), 'utf8'), 'job-ads.csv');
    const supply = supplyEntries(parseProgrammesCsv(readFileSync(fixture('programmes.csv'), 'utf8'), 'programmes.csv'));
    const demand = ads.map((ad) => ({ text: adText(ad), weight: ad.weight, ...(ad.region ? { region: ad.region } : {}) }));
    const { supplyDemand } = await api<{ supplyDemand: { totalSupply: number; totalDemand: number; rowCount: number; rows: Row[] } }>(
      'query ($s: [SupplyInput!]!, $d: [DemandInput!]!) { supplyDemand(supply: $s, demand: $d) { totalSupply totalDemand rowCount rows(first: 100) { concept { label } supply demand gap } } }',
      { s: supply, d: demand });
    await results.getByText(`Supply ${supplyDemand.totalSupply.toLocaleString('en')} · demand ${supplyDemand.totalDemand.toLocaleString('en')}`).waitFor();
    const table = await results.getByRole('table').locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent ?? '')));
    const key = (cells: (string | number)[]) => cells.join(' | ');
    expect(table.map(key).sort()).toEqual(supplyDemand.rows.map((r) => key([r.concept.label, r.supply, r.demand, r.gap])).sort());

    // Correcting the first ad's occupation changes what is counted.
    const select = links.getByRole('combobox').first();
    const alternative = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(alternative!);
    await app.page.getByRole('button', { name: 'Compare supply and demand' }).click();
    await results.getByRole('img').waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([app.page.waitForEvent('download'), results.getByRole('button', { name: 'Download job-ad links CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`${alternative},`);
    expect(csv).toContain(',yes,');
  });

  test('a stored qualification\'s accepted skills count as supply', async () => {
    const write = async <T,>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const response = await fetch(`${app.server.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_TOKEN}` }, body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data: T; errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const { createQualification } = await write<{ createQualification: { id: string; learningOutcomes: { id: string }[] } }>(
      'mutation ($i: QualificationInput!) { createQualification(input: $i) { id learningOutcomes { id } } }',
      { i: { title: 'Java bootcamp', learningOutcomes: ['Program in Java.'] } });
    await write('mutation ($q: ID!, $o: ID!, $s: ID!) { reviewLink(qualification: $q, outcome: $o, skill: $s, status: ACCEPTED) { id } }',
      { q: createQualification.id, o: createQualification.learningOutcomes[0]!.id, s: 'http://data.europa.eu/esco/skill/19a8293b-8e95-4de3-983f-77484079c389' });
    await app.page.goto(`${app.server.url}/insights`);
    await app.page.getByLabel('Demand CSV').setInputFiles(fixture('job-ads.csv'));
    await app.page.getByRole('button', { name: 'Link job ads' }).click();
    await app.page.getByRole('region', { name: 'Job-ad links' }).getByText('8 job ads').waitFor({ timeout: 60_000 });
    await app.page.getByLabel('Learners each').fill('7');
    await app.page.getByLabel('Java bootcamp').check();
    await app.page.getByRole('button', { name: 'Compare supply and demand' }).click();
    const results = app.page.getByRole('region', { name: 'Results' });
    await results.getByText(/^Supply 7 · demand/).waitFor({ timeout: 60_000 });
  });

  test('per region, and accessible and keyboard-reachable', async () => {
    await app.page.getByLabel('Programmes CSV').setInputFiles(fixture('programmes.csv'));
    await app.page.getByLabel('per region').check();
    await app.page.getByRole('button', { name: 'Compare supply and demand' }).click();
    await app.page.getByLabel('Region', { exact: true }).selectOption('Bologna', { timeout: 60_000 });
    await app.page.getByRole('heading', { name: /, Bologna$/ }).waitFor();
    expect(await accessibilityProblems(app.page)).toEqual([]);
    expect(await unreachableByKeyboard(app.page)).toEqual([]);
  });
});
