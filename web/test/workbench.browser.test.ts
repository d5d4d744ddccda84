import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { realStore } from '../../test/real-store.js';
import { sharedPath } from '../../test/shared-data.js';
import { WRITE_TOKEN } from './app-server.js';
import { accessibilityProblems, appInBrowser, unreachableByKeyboard } from './browser.js';

// The European Commission's published "Ethics of AI" MOOC outcomes, week headers and all, as a reviewer pastes them.
const ETHICS_OF_AI = `1. Week 1:
- Describe the reasons for an ethical analysis applied to AI.
- Recognize how the notion of responsibility is challenged when designing and using AI tools.
2. Week 2:
- Identify the ethical and social impacts and implications of AI.`;
const OUTCOMES = [
  'Describe the reasons for an ethical analysis applied to AI.',
  'Recognize how the notion of responsibility is challenged when designing and using AI tools.',
  'Identify the ethical and social impacts and implications of AI.',
];

const app = appInBrowser(realStore);

async function enterToken(p: Page) {
  await p.getByLabel('Write token').fill(WRITE_TOKEN);
  await p.getByText('writes allowed').waitFor();
}

async function pasteAndSplit(p: Page, title: string) {
  await p.getByRole('link', { name: 'Linking' }).click();
  await p.getByLabel('Title').fill(title);
  await p.getByLabel('Learning outcomes').fill(ETHICS_OF_AI);
  await p.getByRole('button', { name: 'Split into outcomes' }).click();
  await p.getByLabel('Outcome 3').waitFor();
}

describe('the linking workbench', () => {
  test('a reviewer pastes outcomes, corrects the split, accepts and rejects skills, reloads, and exports them', async () => {
    await app.page.goto(app.server.url);
    await enterToken(app.page);
    await pasteAndSplit(app.page, 'Ethics of AI');
    expect(await Promise.all([1, 2, 3].map((n) => app.page.getByLabel(`Outcome ${n}`).inputValue()))).toEqual(OUTCOMES);

    // Corrections: merge two, split them again at the caret, delete one and bring it back by undoing with the text.
    await app.page.getByRole('button', { name: 'Merge with next' }).first().click();
    expect(await app.page.getByLabel('Outcome 1').inputValue()).toBe(`${OUTCOMES[0]} ${OUTCOMES[1]}`);
    await app.page.getByLabel('Outcome 1').evaluate((box: HTMLTextAreaElement, at) => box.setSelectionRange(at, at), OUTCOMES[0]!.length);
    await app.page.getByRole('button', { name: 'Split at cursor' }).first().click();
    expect(await app.page.getByLabel('Outcome 2').inputValue()).toBe(OUTCOMES[1]);

    await app.page.getByLabel('EQF level').fill('6');
    await app.page.getByLabel('ISCED-F code').fill('0613');
    await app.page.getByRole('button', { name: 'Suggest skills' }).click();
    await app.page.getByText('0 of 3 outcomes reviewed').waitFor({ timeout: 60_000 });

    const outcome = (n: number) => app.page.getByRole('region', { name: OUTCOMES[n] });
    const labelOf = async (n: number, row: number) => (await outcome(n).locator('.skill-label').nth(row).textContent())!;
    const accepted = [await labelOf(0, 0), await labelOf(2, 0)];
    const rejected = await labelOf(0, 1);
    await outcome(0).getByRole('button', { name: `Accept ${accepted[0]}`, exact: true }).click();
    await app.page.getByText('1 of 3 outcomes reviewed').waitFor();
    await outcome(0).getByRole('button', { name: `Reject ${rejected}`, exact: true }).click();
    await outcome(2).getByRole('button', { name: `Accept ${accepted[1]}`, exact: true }).click();
    await app.page.getByText('2 of 3 outcomes reviewed').waitFor();

    // The details of a suggestion and its place in the hierarchy, on demand.
    await outcome(0).locator('.skill-label').first().click();
    await outcome(0).getByText('Broader').or(outcome(0).getByText('Narrower')).first().waitFor();

    // Closing the tab and coming back resumes exactly there.
    await app.page.reload();
    await app.page.getByText('2 of 3 outcomes reviewed').waitFor({ timeout: 60_000 });
    await expect.poll(() => outcome(0).getByRole('button', { name: `Accept ${accepted[0]}`, exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await outcome(0).getByRole('button', { name: `Reject ${rejected}`, exact: true }).getAttribute('aria-pressed')).toBe('true');

    // The Europass export's shapes require the NQF level too: the app.page says so until it is given.
    await app.page.getByText('A Europass (ELM) export needs the NQF level').waitFor();
    await app.page.getByRole('button', { name: 'Edit details' }).click();
    await app.page.getByRole('form', { name: 'Qualification details' }).getByLabel('NQF level').fill('RQF Level 6');
    await app.page.getByRole('button', { name: 'Save details' }).click();
    await app.page.getByText('NQF RQF Level 6').waitFor();
    expect(await app.page.getByText('A Europass (ELM) export needs').count()).toBe(0);

    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Export ELM' }).click()]);
    const elm = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('Ethics-of-AI.jsonld');
    for (const label of accepted) expect(elm).toContain(label);
    expect(elm).not.toContain(`"${rejected}"`);
    expect(elm).toContain('RQF Level 6');
    expect(elm).toContain('http://data.europa.eu/snb/isced-f/0613');

    // The occupations the accepted skills lead to, and one's gap.
    const occupations = app.page.getByRole('complementary', { name: 'Occupations' });
    await occupations.getByRole('listitem').first().getByRole('button').click();
    await occupations.getByText('Missing essential skills').waitFor({ timeout: 30_000 });
  });

  test('the stored qualification is listed with its progress, and can be renamed', async () => {
    await app.page.goto(`${app.server.url}/linking`);
    await app.page.getByText('2 of 3 outcomes reviewed').waitFor();
    await app.page.getByRole('button', { name: 'Rename Ethics of AI' }).click();
    await app.page.getByLabel('New title for Ethics of AI').fill('Ethics of AI (MOOC)');
    await app.page.getByRole('button', { name: 'Save' }).click();
    await app.page.getByRole('link', { name: 'Ethics of AI (MOOC)' }).waitFor();
  });

  test('without the write token, suggestions are a preview and say why nothing is stored', async () => {
    const reader = await app.browser.newPage();
    await reader.goto(app.server.url);
    await pasteAndSplit(reader, 'Preview');
    await reader.getByRole('button', { name: 'Suggest skills' }).click();
    await reader.getByRole('note').filter({ hasText: 'ESCOGRAPH_WRITE_TOKEN' }).waitFor();
    await reader.getByRole('region', { name: OUTCOMES[0] }).locator('.skill-label').first().waitFor({ timeout: 60_000 });
    expect(await reader.getByRole('button', { name: /^Accept / }).count()).toBe(0);
    await reader.close();
  });
});

describe('opening files', () => {
  test('a Europass credential opened as a file is imported with its outcomes and declared skills', async () => {
    await app.page.goto(`${app.server.url}/linking`);
    await app.page.getByLabel('Write token').fill('not-the-token');
    await app.page.getByText('wrong write token: read-only').waitFor();
    await enterToken(app.page);
    await app.page.getByLabel('Open a file (.txt, .csv, .jsonld)').setInputFiles(sharedPath('elm', 'Credentials', 'JSON-LD Examples (ELM v3)', 'Sample-MC-Annex1-unsigned.jsonld'));
    await app.page.getByText(/of \d+ outcomes reviewed/).waitFor({ timeout: 60_000 });
    // The credential's own outcome → skill links, as the shared data lists them.
    const pairs = JSON.parse(readFileSync(sharedPath('elm', 'elm_learning_outcome_esco_skill_pairs.json'), 'utf8')) as { source: string; escoSkills: { uri: string }[] }[];
    const goldSkill = pairs.find((p) => p.source.includes('Sample-MC-Annex1'))!.escoSkills[0]!.uri;
    const { skill } = await (await fetch(`${app.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ skill(uri: "${goldSkill}") { preferredLabel } }` }) })).json().then((b) => b.data);
    expect(await app.page.getByRole('button', { name: `Accept ${skill.preferredLabel}`, exact: true }).first().getAttribute('aria-pressed')).toBe('true');

    // Deleted from the list, after a confirmation.
    const title = (await app.page.getByRole('heading', { level: 1 }).textContent())!;
    await app.page.getByRole('link', { name: 'All qualifications' }).click();
    app.page.once('dialog', (dialog) => void dialog.accept());
    await app.page.getByRole('button', { name: `Delete ${title}`, exact: true }).click();
    await expect.poll(() => app.page.getByRole('link', { name: title, exact: true }).count()).toBe(0);
  });

  test('a text file fills the editor and its language is detected', async () => {
    await app.page.goto(`${app.server.url}/linking`);
    const dir = mkdtempSync(join(tmpdir(), 'escograph-text-'));
    writeFileSync(join(dir, 'ethics.txt'), ETHICS_OF_AI);
    await app.page.getByLabel('Open a file (.txt, .csv, .jsonld)').setInputFiles(join(dir, 'ethics.txt'));
    await expect.poll(() => app.page.getByLabel('Learning outcomes').inputValue()).toBe(ETHICS_OF_AI);
    expect(await app.page.getByLabel('Title').inputValue()).toBe('ethics');
    expect(await app.page.getByLabel('Text language').inputValue()).toBe('en');
  });
});

describe('the browser surface', () => {
  test('every link on the start app.page answers 200', async () => {
    await app.page.goto(app.server.url);
    await app.page.getByRole('link', { name: /Open in the IDE/ }).first().waitFor();
    const hrefs = await app.page.$$eval('a[href]', (links) => links.map((a) => (a as HTMLAnchorElement).href).filter((h) => h.startsWith(location.origin)));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of new Set(hrefs)) {
      const response = await fetch(href, { headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(`${response.status} ${href}`).toBe(`200 ${href}`);
    }
  });

  test('the GraphQL IDE opens a linked query and runs it', async () => {
    const query = '{ versions { version isDefault } }';
    await app.page.goto(`${app.server.url}/graphql?query=${encodeURIComponent(query)}`);
    // The button is there before Monaco has loaded the editors, and a press before that does nothing: press until
    // an answer shows (in the result editor, which renders each token in its own span).
    const execute = app.page.getByRole('button', { name: /Execute query/i });
    await expect.poll(async () => {
      if (!(await app.page.locator('.result-window').textContent())) await execute.click();
      return app.page.locator('.result-window').textContent();
    }, { timeout: 30_000, interval: 1000 }).toMatch(/"isDefault":\s*true/);
  });

  test('the app and the IDE load nothing from outside the server', () => {
    expect(app.foreign).toEqual([]);
  });

  test('the app pages have no serious or critical accessibility problems, and the workbench is keyboard-reachable', async () => {
    const problems: string[] = [];
    for (const path of ['/', '/linking']) {
      await app.page.goto(`${app.server.url}${path}`);
      await app.page.getByRole('contentinfo').waitFor();
      await app.page.waitForLoadState('networkidle');
      problems.push(...(await accessibilityProblems(app.page)).map((p) => `${path} ${p}`));
    }
    const [first] = await app.page.evaluate(() => fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ qualifications { id } }' }) }).then((r) => r.json()).then((b) => b.data.qualifications.map((q: { id: string }) => q.id)));
    await app.page.goto(`${app.server.url}/linking/${encodeURIComponent(first)}`);
    await app.page.getByText(/of 3 outcomes reviewed/).waitFor({ timeout: 60_000 });
    problems.push(...(await accessibilityProblems(app.page)).map((p) => `workbench ${p}`));
    expect(problems).toEqual([]);
    expect(await unreachableByKeyboard(app.page)).toEqual([]);
  });
});
