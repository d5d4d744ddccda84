import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { realStore } from '../../../test/real-store.js';
import { LinkingService } from '../../linking/index.js';
import { QualificationRepository } from '../../qualifications/index.js';
import { createGraphQLServer, type EscoGraphQL } from '../graphql-server.js';

const TOKEN = 'graphql-test-token';

let server: EscoGraphQL | undefined;
let linking: LinkingService | undefined;
async function setup() {
  if (!server) {
    const store = await realStore();
    // The lexical backend: these tests are about the API, the ranking's quality is tested in src/linking.
    linking = new LinkingService({ store, embedder: { requested: 'none', used: 'none' } });
    const qualifications = await QualificationRepository.open({ store, dataDir: mkdtempSync(join(tmpdir(), 'escograph-gql-')), writeToken: TOKEN });
    server = createGraphQLServer({ store, services: { linking, qualifications }, writeToken: TOKEN });
  }
  return { server, linking: linking! };
}

async function run(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const { server } = await setup();
  const response = await server.apollo.executeOperation(
    { query, variables },
    { contextValue: server.contextFor({ authorization: token && `Bearer ${token}` }) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] };
}

const LINK = `query ($text: String!) {
  linkLearningOutcomes(text: $text, first: 5) { text suggestions { skill { uri preferredLabel } score matchedOn } }
}`;

// The skills' and occupations' lexical indexes are built on first use, outside any request, as `serve` builds it at start: built inside
// the first query, it spent that query's 10 s time limit on a loaded machine.
beforeAll(async () => {
  const { linking } = await setup();
  await Promise.all([linking.index('Skill'), linking.index('Occupation')]);
});

describe('linking over GraphQL', () => {
  it('says whether the linking indexes are complete, per concept type', async () => {
    const result = await run('{ linkingBackend { used ready progress { type ready vectorsDone } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.linkingBackend).toEqual({
      used: 'none',
      ready: true,
      progress: [{ type: 'Skill', ready: true, vectorsDone: null }, { type: 'Occupation', ready: true, vectorsDone: null }],
    });
  });

  it('splits outcomes and ranks skills exactly as LinkingService.linkText (the CLI ranking) does', async () => {
    const result = await run(LINK, { text: '1. Week 1:\n- Cook seafood.\n- Program in Java.' });
    expect(result.errors).toBeUndefined();
    const outcomes = result.data!.linkLearningOutcomes;
    expect(outcomes.map((o: any) => o.text)).toEqual(['Cook seafood.', 'Program in Java.']);
    const direct = await (await setup()).linking.linkText('Cook seafood.', { first: 5 });
    expect(outcomes[0].suggestions.map((s: any) => [s.skill.uri, s.score, s.matchedOn])).toEqual(direct.map((s) => [s.uri, s.score, s.matchedOn]));
    expect(outcomes[0].suggestions[0].skill.preferredLabel).toBe('cook seafood');
  });

  it('splits without ranking, and ranks a corrected split as given, batching a qualification\'s outcomes into one pass', async () => {
    const split = await run('query ($text: String!) { splitLearningOutcomes(text: $text) }', { text: 'Week 1:\n- Cook seafood; clean the kitchen.\n- Program in Java.' });
    expect(split.data!.splitLearningOutcomes).toEqual(['Cook seafood', 'clean the kitchen.', 'Program in Java.']);
    const outcomes = ['Cook seafood; clean the kitchen.', 'Program in Java.'];
    const linked = await run('query ($o: [String!]!) { linkOutcomes(outcomes: $o, first: 3) { text suggestions { skill { uri } score } } }', { o: outcomes });
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkOutcomes.map((o: any) => o.text)).toEqual(outcomes);
    const direct = await (await setup()).linking.linkText(outcomes[0]!, { first: 3 });
    expect(linked.data!.linkOutcomes[0].suggestions.map((s: any) => s.skill.uri)).toEqual(direct.map((s) => s.uri));
    const tooLong = await run('query ($o: [String!]!) { linkOutcomes(outcomes: $o) { text } }', { o: ['x'.repeat(2_001)] });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const { linking } = await setup();
    const calls: number[] = [];
    const linkTexts = linking.linkTexts.bind(linking);
    linking.linkTexts = (texts, options) => (calls.push(texts.length), linkTexts(texts, options));
    const created = (await run('mutation ($input: QualificationInput!) { createQualification(input: $input) { id } }',
      { input: { title: 'Batched', learningOutcomes: ['Cook seafood.', 'Clean the kitchen.', 'Program in Java.'] } }, TOKEN)).data!.createQualification;
    const read = await run('query ($id: ID!) { qualification(id: $id) { learningOutcomes { reviewed suggestions(first: 2) { skill { uri } } } } }', { id: created.id });
    linking.linkTexts = linkTexts;
    expect(read.errors).toBeUndefined();
    expect(calls).toEqual([3]);
    expect(read.data!.qualification.learningOutcomes.map((o: any) => o.reviewed)).toEqual([false, false, false]);
  });

  it('answers bad input as BAD_USER_INPUT: empty text, first above 100, a type that is not linked', async () => {
    expect((await run(LINK, { text: ' ' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await run('{ suggestOccupations(text: "cook", first: 101) { score } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const isco = await run('{ semanticSearch(text: "cook", types: [ISCO_GROUP]) { score } }');
    expect(isco.errors?.[0]?.message).toMatch(/SKILL and OCCUPATION/);
  });

  it('says the language each outcome was ranked in, takes a language, and refuses one the store holds no labels in', async () => {
    const detected = await run('{ linkOutcomes(outcomes: ["Cook seafood."], first: 1) { language languageSource suggestions { skill { preferredLabel } } } }');
    // This store holds English alone: nothing to detect.
    expect(detected.data!.linkOutcomes).toEqual([{ language: 'en', languageSource: 'DEFAULT', suggestions: [{ skill: { preferredLabel: 'cook seafood' } }] }]);
    const given = await run('{ linkLearningOutcomes(text: "- Cook seafood.", language: "EN", first: 1) { language languageSource } }');
    expect(given.data!.linkLearningOutcomes).toEqual([{ language: 'en', languageSource: 'GIVEN' }]);
    for (const field of [
      'linkOutcomes(outcomes: ["cuisiner"], language: "fr") { text }',
      'linkLearningOutcomes(text: "cuisiner", language: "fr") { text }',
      'semanticSearch(text: "cuisiner", language: "fr") { score }',
      'suggestOccupations(text: "cuisinier", language: "fr") { score }',
    ]) {
      const refused = await run(`{ ${field} }`);
      expect(refused.errors?.[0]?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message, field).toMatch(/no (skill|occupation) labels in "fr": .* are in en$/);
    }
    const malformed = await run('{ linkOutcomes(outcomes: ["cook"], language: "english") { text } }');
    expect(malformed.errors?.[0]?.message).toMatch(/ISO 639-1 code such as "fr", got "english"; skill labels in ESCO v1\.1\.1 are in en/);
  });

  it('suggests occupations and finds similar skills', async () => {
    const result = await run(`{ suggestOccupations(text: "cook in a restaurant kitchen", first: 3) { concept { uri type } score }
      semanticSearch(text: "cook", first: 4) { concept { type } } linkingBackend { used } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.suggestOccupations.map((m: any) => m.concept.type)).toEqual(['OCCUPATION', 'OCCUPATION', 'OCCUPATION']);
    expect(result.data!.linkingBackend.used).toBe('none');
  });

  it('creates a qualification only with the write token, records a review, and reads it back with its skill set', async () => {
    const create = `mutation ($input: QualificationInput!) { createQualification(input: $input) { id learningOutcomes { id text } } }`;
    const input = { title: 'Kitchen basics', learningOutcomes: ['Cook seafood.', 'Clean the kitchen.'], eqfLevel: 3 };
    const access = '{ writeAccess { enabled granted } }';
    expect((await run(access)).data!.writeAccess).toEqual({ enabled: true, granted: false });
    expect((await run(access, {}, TOKEN)).data!.writeAccess).toEqual({ enabled: true, granted: true });
    const refused = await run(create, { input });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrong = await run(create, { input }, 'not-the-token');
    expect(wrong.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = (await run(create, { input }, TOKEN)).data!.createQualification;
    const outcome = created.learningOutcomes[0];
    const read = `query ($id: ID!) { qualification(id: $id) { title eqfLevel skills { uri }
      learningOutcomes { text suggestions(first: 3) { skill { uri } } acceptedSkills { uri } } } }`;
    const before = (await run(read, { id: created.id })).data!.qualification;
    const suggested = before.learningOutcomes[0].suggestions[0].skill.uri;
    const review = `mutation ($q: ID!, $o: ID!, $s: ID!) { reviewLink(qualification: $q, outcome: $o, skill: $s, status: ACCEPTED) { acceptedSkills { uri } } }`;
    const reviewed = await run(review, { q: created.id, o: outcome.id, s: suggested }, TOKEN);
    expect(reviewed.data!.reviewLink.acceptedSkills).toEqual([{ uri: suggested }]);
    const after = (await run(read, { id: created.id })).data!.qualification;
    expect(after).toMatchObject({ title: 'Kitchen basics', eqfLevel: 3, skills: [{ uri: suggested }] });
    const bad = await run(review, { q: created.id, o: 'urn:nope', s: suggested }, TOKEN);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await run('{ qualifications { id } }')).data!.qualifications.map((q: any) => q.id)).toContain(created.id);
  });

  it('updates a qualification (null removes a field, outcomes and decisions stay) and deletes it, only with the write token', async () => {
    const fields = 'id title description eqfLevel iscedFCode nqfLevel credits learningOutcomes { id text acceptedSkills { uri } }';
    const create = `mutation ($input: QualificationInput!) { createQualification(input: $input) { ${fields} } }`;
    const created = (await run(create, { input: { title: 'Seafood', description: 'A course', learningOutcomes: ['Cook seafood.'], eqfLevel: 3, iscedFCode: '1013', credits: 5 } }, TOKEN)).data!.createQualification;
    expect(created).toMatchObject({ eqfLevel: 3, iscedFCode: '1013', nqfLevel: null });
    const outcome = created.learningOutcomes[0].id;
    const skill = (await run('{ semanticSearch(text: "cook seafood", types: [SKILL], first: 1) { concept { uri } } }')).data!.semanticSearch[0].concept.uri;
    await run('mutation ($q: ID!, $o: ID!, $s: ID!) { reviewLink(qualification: $q, outcome: $o, skill: $s, status: ACCEPTED) { id } }', { q: created.id, o: outcome, s: skill }, TOKEN);

    const update = `mutation ($id: ID!, $input: QualificationUpdate!) { updateQualification(id: $id, input: $input) { ${fields} } }`;
    const changes = { title: 'Seafood cooking', nqfLevel: 'Level 3', description: null, credits: null };
    for (const token of [undefined, 'not-the-token']) {
      expect((await run(update, { id: created.id, input: changes }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const updated = await run(update, { id: created.id, input: changes }, TOKEN);
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateQualification).toEqual({
      ...created, title: 'Seafood cooking', nqfLevel: 'Level 3', description: null, credits: null,
      learningOutcomes: [{ id: outcome, text: 'Cook seafood.', acceptedSkills: [{ uri: skill }] }],
    });
    for (const [input, message] of [[{ iscedFCode: 'ICT' }, /iscedFCode/], [{}, /at least one field/], [{ title: null }, /title/]] as const) {
      const refused = await run(update, { id: created.id, input }, TOKEN);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(message);
    }
    const unknown = 'urn:escograph:qualification:00000000-0000-0000-0000-000000000000';
    expect((await run(update, { id: unknown, input: { title: 'x' } }, TOKEN)).errors?.[0]).toMatchObject({ message: expect.stringContaining(unknown), extensions: { code: 'BAD_USER_INPUT' } });

    const remove = 'mutation ($id: ID!) { deleteQualification(id: $id) }';
    expect((await run(remove, { id: created.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await run(remove, { id: created.id }, TOKEN)).data).toEqual({ deleteQualification: created.id });
    expect((await run('query ($id: ID!) { qualification(id: $id) { id } }', { id: created.id })).data!.qualification).toBeNull();
    expect((await run('{ qualifications { id } }')).data!.qualifications.map((q: any) => q.id)).not.toContain(created.id);
    expect((await run(remove, { id: created.id }, TOKEN)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
