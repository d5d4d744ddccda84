import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESCO_V110 } from './shared-data.js';
import { type EscographProcess, startEscographServe } from './escograph-process.js';
import { type OxigraphServer, startOxigraphServer } from './oxigraph-server.js';
import { serveRealStoreCopy } from './real-store.js';

const TOKEN = 'replica-test-write-token';
const SKILL = 'http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a'; // develop digital content

interface Answer<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function graphql<T = Record<string, any>>(replica: EscographProcess, query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
  const response = await fetch(`${replica.url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<Answer<T>, 'status'>;
  return { status: response.status, ...body };
}

const CREATE = 'mutation($title: String!) { createQualification(input: { title: $title, learningOutcomes: ["Develop digital content."] }) { id learningOutcomes { id } } }';
const READ = 'query($id: ID!) { qualification(id: $id) { title learningOutcomes { acceptedSkills { uri } } } }';

/** Two `escograph serve` processes on one `oxigraph serve` holding real v1.1.1, as replicas behind a load balancer. */
let oxigraph: OxigraphServer;
let a: EscographProcess;
let b: EscographProcess;
beforeAll(async () => {
  oxigraph = await serveRealStoreCopy();
  // Each replica looks for another process's import every second (10 s by default).
  const env = { ...oxigraph.env, ESCOGRAPH_WRITE_TOKEN: TOKEN, ESCOGRAPH_STORE_POLL_SECONDS: '1' };
  [a, b] = await Promise.all([startEscographServe(env), startEscographServe(env)]);
}, 600_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await oxigraph?.stop({ remove: true });
});

describe('two replicas on one SPARQL server', () => {
  it('reads through B at once what A wrote: a qualification and an accepted link', async () => {
    const created = await graphql<{ createQualification: { id: string; learningOutcomes: { id: string }[] } }>(a, CREATE, { title: 'Written through A' });
    expect(created.errors).toBeUndefined();
    const { id, learningOutcomes: [outcome] } = created.data!.createQualification;
    const reviewed = await graphql(a, 'mutation($q: ID!, $o: ID!, $s: ID!) { reviewLink(qualification: $q, outcome: $o, skill: $s, status: ACCEPTED) { id } }', { q: id, o: outcome!.id, s: SKILL });
    expect(reviewed.errors).toBeUndefined();
    const read = await graphql(b, READ, { id });
    expect(read.data).toEqual({ qualification: { title: 'Written through A', learningOutcomes: [{ acceptedSkills: [{ uri: SKILL }] }] } });
  });

  it('keeps every write A acknowledged when the SPARQL server is killed mid-write and restarted; both replicas serve again', async () => {
    const acknowledged: string[] = [];
    const refused = new Map<string, number>();
    let writing = true;
    // Writes one after another through A, as fast as A answers: the kill lands while one is in flight.
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const answer = await graphql<{ createQualification: { id: string } }>(a, CREATE, { title: `write ${i}` }).catch((error: Error) => ({ status: 0, errors: [{ message: error.message }] }) as Answer<never>);
        if (answer.status === 200 && !answer.errors && answer.data) acknowledged.push(answer.data.createQualification.id);
        else {
          const what = `${answer.status} ${answer.errors?.[0]?.extensions?.code ?? ''}: ${answer.errors?.[0]?.message ?? ''}`;
          refused.set(what, (refused.get(what) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    })();
    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await until(() => acknowledged.length >= 20);
    await oxigraph.stop({ kill: true });
    const beforeRestart = acknowledged.length;
    // What a client of B sees meanwhile: a read that needs the server fails, naming it.
    const outage = await graphql(b, READ, { id: acknowledged[0] });
    expect(outage.status).toBe(200);
    expect(outage.errors?.[0]).toMatchObject({ message: expect.stringMatching(/SPARQL server/), extensions: { code: 'STORE_UNAVAILABLE' } });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // During the outage A refuses every write: nothing is acknowledged that the server did not take.
    expect(acknowledged.length).toBeLessThanOrEqual(beforeRestart + 1);
    oxigraph = await startOxigraphServer({ location: oxigraph.location, port: oxigraph.port });
    await until(() => acknowledged.length >= beforeRestart + 10);
    writing = false;
    await writer;
    console.log(`replicas: ${acknowledged.length} writes acknowledged, ${beforeRestart} before the kill; refused during the outage: ${JSON.stringify([...refused])}; a read through B: ${JSON.stringify(outage)}`);
    expect(refused.size).toBeGreaterThan(0);
    // Refused as the store's outage, which a client may retry, not as an internal error.
    for (const what of refused.keys()) expect(what).toMatch(/^(200 STORE_UNAVAILABLE|0 ):/);

    for (const [i, id] of acknowledged.entries()) {
      const read = await graphql<{ qualification: { title: string } | null }>(b, READ, { id });
      expect(read.data?.qualification?.title, id).toMatch(/^write \d+$/);
      expect(read.errors, `${i}`).toBeUndefined();
    }
    const list = await graphql<{ qualifications: { id: string }[] }>(a, '{ qualifications { id } }');
    expect(list.data!.qualifications.map((q) => q.id)).toEqual(expect.arrayContaining(acknowledged));
  });

  it("serves another process's import within a poll: B lists the version, and rebuilds linking when it is the new default", async () => {
    const rebuilt = b.waitForLog(/skill index ready \(ESCO v1\.1\.0\)/, 240_000);
    // `escograph import` as an operator runs it beside the replicas, into the same server.
    const importer = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'escograph.js'), 'import', ESCO_V110(), '--default-version', 'v1.1.0'], {
      env: { ...process.env, ...oxigraph.env }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let importLog = '';
    importer.stderr!.on('data', (chunk: Buffer) => (importLog += chunk));
    expect(await new Promise((resolve) => importer.once('exit', resolve)), importLog).toBe(0);

    const versions = async () => (await graphql<{ versions: { version: string; isDefault: boolean }[] }>(b, '{ versions { version isDefault } }')).data!.versions;
    const deadline = Date.now() + 30_000;
    while (!(await versions()).some((v) => v.version === 'v1.1.0' && v.isDefault) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await versions()).toEqual([{ version: 'v1.1.0', isDefault: true }, { version: 'v1.1.1', isDefault: false }]);
    // Linking moves to the new default once its index is built; the one in use answers meanwhile.
    const linkedMeanwhile = await graphql(b, '{ linkOutcomes(outcomes: ["develop digital content"], first: 3) { suggestions { skill { uri } } } }');
    expect(linkedMeanwhile.errors).toBeUndefined();
    await rebuilt;
    // Reads without a version follow the new default at once; v1.1.1 stays readable by name.
    const read = await graphql(b, `{ skill(uri: "${SKILL}") { preferredLabel } other: skill(uri: "${SKILL}", version: "v1.1.1") { preferredLabel } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data!.other.preferredLabel).toBe('develop digital content');
  });
});
