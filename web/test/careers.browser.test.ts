import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { realStore } from '../../test/real-store.js';
import { accessibilityProblems, appInBrowser, unreachableByKeyboard } from './browser.js';

const SOFTWARE_DEVELOPER = 'http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1';
const MY_SKILLS = ['debug software', 'develop software prototype', 'analyse software specifications'];

const app = appInBrowser(realStore);

async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${app.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return ((await response.json()) as { data: T }).data;
}

const skillUris = async (labels: string[]) => {
  const { occupation } = await api<{ occupation: { essentialSkills: { uri: string; preferredLabel: string }[] } }>(
    '{ occupation(uri: "' + SOFTWARE_DEVELOPER + '") { essentialSkills { uri preferredLabel } } }');
  return labels.map((label) => occupation.essentialSkills.find((s) => s.preferredLabel === label)!.uri);
};

describe('the career explorer', () => {
  test('browses from ISCO group 25 to software developer and its essential skills', async () => {
    await app.page.goto(`${app.server.url}/careers`);
    await app.page.getByRole('link', { name: 'Careers' }).first().waitFor();
    await app.page.goto(`${app.server.url}/careers/isco/25`);
    await app.page.getByRole('heading', { name: /Information and communications technology professionals/ }).waitFor();
    await app.page.getByRole('link', { name: 'Software and applications developers and analysts' }).click();
    await app.page.getByRole('link', { name: 'Software developers', exact: true }).click();
    await app.page.getByRole('link', { name: 'software developer', exact: true }).click();
    await app.page.getByRole('heading', { name: 'software developer', level: 1 }).waitFor();
    const essential = app.page.getByRole('region', { name: /^Essential skills/ });
    for (const label of MY_SKILLS) await essential.getByRole('link', { name: label, exact: true }).waitFor();
    await essential.getByRole('button', { name: `Add ${MY_SKILLS[0]}`, exact: true }).waitFor();
  });

  test('three skills added by search make software developer a top career match, at the API\'s percentage', async () => {
    await app.page.goto(`${app.server.url}/careers/my-skills`);
    const mySkills = app.page.getByRole('region', { name: 'My skills' });
    for (const label of MY_SKILLS) {
      await mySkills.getByRole('combobox', { name: 'Add a skill to My skills' }).fill(label);
      await app.page.getByRole('option').filter({ hasText: new RegExp(`^${label}`) }).first().click();
      await mySkills.getByRole('link', { name: label, exact: true }).waitFor();
    }
    const matches = app.page.getByRole('list', { name: 'Career matches' });
    const item = matches.getByRole('listitem').filter({ has: app.page.getByRole('link', { name: 'software developer', exact: true }) });
    await item.waitFor({ timeout: 30_000 });
    const { occupationMatches } = await api<{ occupationMatches: { matches: { occupation: { uri: string }; essential: { coverage: number } }[] } }>(
      'query ($skills: [ID!]!) { occupationMatches(from: { skills: $skills }, first: 20) { matches { occupation { uri } essential { coverage } } } }',
      { skills: await skillUris(MY_SKILLS) });
    const expected = occupationMatches.matches.find((m) => m.occupation.uri === SOFTWARE_DEVELOPER)!;
    expect(await item.textContent()).toContain(`${Math.round(expected.essential.coverage * 100)}%`);

    // The career's app.page now shows the gap: what to learn next.
    await item.getByRole('link', { name: 'software developer', exact: true }).click();
    await app.page.getByRole('region', { name: 'Your gap for this career' }).getByText(/Learn next/).waitFor({ timeout: 30_000 });
  });

  test('a two-sentence CV text suggests skills, and one is added', async () => {
    await app.page.goto(`${app.server.url}/careers/my-skills`);
    await app.page.getByLabel('Your CV or experience').fill('I developed web applications in Java for a bank. I also managed a small team and taught them unit testing.');
    await app.page.getByRole('button', { name: 'Suggest skills from the text' }).click();
    const suggested = app.page.getByRole('list', { name: 'Skills suggested from your text' });
    const add = suggested.getByRole('button', { name: /^Add / }).first();
    await add.waitFor({ timeout: 60_000 });
    const label = (await add.getAttribute('aria-label'))!.slice('Add '.length);
    await add.click();
    await app.page.getByRole('region', { name: 'My skills' }).getByRole('link', { name: label, exact: true }).waitFor();
  });

  test('an educator loads two learner profiles and downloads the skills distribution the API computes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escograph-profiles-'));
    const [a, b, c] = await skillUris(MY_SKILLS);
    const files = [['ana.json', { name: 'ana', skills: [a, b] }], ['ben.json', { name: 'ben', skills: [{ uri: b, preferredLabel: MY_SKILLS[1] }, { uri: c }] }]] as const;
    for (const [name, profile] of files) writeFileSync(join(dir, name), JSON.stringify(profile));
    await app.page.goto(`${app.server.url}/careers/educator`);
    await app.page.getByLabel('Load profiles').setInputFiles(files.map(([name]) => join(dir, name)));
    await app.page.getByRole('table').getByText('3 skills held by 2 learners').waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download skills distribution CSV' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.split(/\r?\n/)[0]).toBe('skill,users,skill_url');
    const rows = (parse(text, { columns: true, skip_empty_lines: true }) as { skill: string; users: string; skill_url: string }[]).filter((r) => r.skill_url);
    const { skillsDistribution } = await api<{ skillsDistribution: { rows: { users: number; skill: { uri: string; label: string } }[] } }>(
      'query ($p: [SkillProfileInput!]!) { skillsDistribution(profiles: $p) { rows(first: 100) { users skill { uri label } } } }',
      { p: [{ id: 'ana', skills: [a, b] }, { id: 'ben', skills: [b, c] }] });
    expect(rows.map((r) => [r.skill_url, Number(r.users), r.skill])).toEqual(skillsDistribution.rows.map((r) => [r.skill.uri, r.users, r.skill.label]));
  });

  test('every careers app.page is accessible, keyboard-reachable and loads nothing from outside', async () => {
    const problems: string[] = [];
    for (const path of ['/careers', '/careers/isco/25', `/careers/occupation/${encodeURIComponent(SOFTWARE_DEVELOPER)}`, '/careers/my-skills', '/careers/educator']) {
      await app.page.goto(`${app.server.url}${path}`);
      await app.page.getByRole('heading', { level: 1 }).waitFor();
      await app.page.waitForLoadState('networkidle');
      problems.push(...(await accessibilityProblems(app.page)).map((p) => `${path} ${p}`));
    }
    expect(problems).toEqual([]);
    await app.page.goto(`${app.server.url}/careers/my-skills`);
    await app.page.getByRole('list', { name: 'Career matches' }).waitFor({ timeout: 30_000 });
    expect(await unreachableByKeyboard(app.page)).toEqual([]);
    expect(app.foreign).toEqual([]);
  });
});
