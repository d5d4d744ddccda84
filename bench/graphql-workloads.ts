/**
 * The workloads of bench:graphql (also run by bench:scale), each GraphQL request next to raw SPARQL fetching the
 * same data: (1) an occupation with its essential skills and their English labels, (2) a search, (3) a page of 50
 * skills. The two sides run in short interleaved rounds (which goes first alternates), so load from other processes
 * hits both: p50 is the median of the rounds' p50s, p99 and requests/s are over every request, and the ratio is the
 * median of the rounds' ratios of p50s (each compares two runs made back to back), shown with their quartiles.
 * GraphQL runs in-process through Apollo's executeOperation (parse, validate, limits, execute; no HTTP). On a server,
 * each workload also prints how many store requests (round trips) one GraphQL request makes, against the baseline's one.
 */
import oxigraph from 'oxigraph';
import { createGraphQLServer } from '../src/graphql/index.js';
import { listOccupations } from '../src/store/concept-pages.js';
import { EmbeddedBackend } from '../src/store/embedded-backend.js';
import type { EscoStore } from '../src/store/esco-store.js';
import { labelsContaining, occupationWithEssentialSkills, skillPageWithLabels } from '../src/store/queries/bench-baselines.js';

type Run = (i: number) => unknown;

export interface Figures {
  p50: number;
  p99: number;
  perSecond: number;
  /** The p50 of each round. */
  roundP50s: number[];
  /** Store requests a request made, on average. */
  storeRequests: number;
}

/** One workload's figures: GraphQL, the raw SPARQL baseline, and the median of the rounds' ratios. */
export interface WorkloadResult {
  name: string;
  graphql: Figures;
  raw: Figures;
  ratio: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Runs the three workloads on `store`'s `version`, printing each as it ends through `log`; `rounds` is workload 1's
 * (10 requests per side each); workload 3 runs a tenth as many. Counts the store's requests by wrapping its backend.
 */
export async function runGraphqlWorkloads(store: EscoStore, version: string, rounds: number, log: (line: string) => void = console.log): Promise<WorkloadResult[]> {
  const { backend } = store;

  /** Requests to the store so far (selectTsv, ask, objectsOf): on a server, each is a round trip over HTTP. */
  let storeRequests = 0;
  for (const name of ['selectTsv', 'ask', 'objectsOf'] as const) {
    const method = backend[name] as ((...args: unknown[]) => unknown) | undefined;
    if (method) Object.assign(backend, { [name]: (...args: unknown[]) => (storeRequests++, method.apply(backend, args)) });
  }

  /** The baseline: the query alone, straight to the engine (a bare oxigraph query embedded; the HTTP request to a server). */
  const raw = (query: string): unknown[] | Promise<string> =>
    backend instanceof EmbeddedBackend
      ? (storeRequests++, backend.store.query(query, { default_graph: oxigraph.namedNode(store.graph(version)) }) as unknown[])
      : backend.selectTsv(query, store.graph(version));

  const graphql = createGraphQLServer({ store });
  const started = performance.now();
  await graphql.search.index(version, 'en');
  log(`search index (English labels) built in ${(performance.now() - started).toFixed(0)} ms, once per version and language\n`);

  async function gql(query: string, variables: Record<string, unknown>) {
    const response = await graphql.apollo.executeOperation({ query, variables }, { contextValue: graphql.contextFor({}) });
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    if (!result?.data || result.errors) throw new Error(`GraphQL failed: ${JSON.stringify(result?.errors)}`);
    return result.data;
  }

  /**
   * Times both sides in `rounds` interleaved rounds of `counts` requests each (GraphQL, baseline), after a warm-up of
   * a tenth as many requests (at most 200, for the JIT); the i-th request of a side cycles through its inputs.
   */
  async function measure(graph: Run, raw: Run, rounds: number, counts: [number, number]): Promise<[Figures, Figures]> {
    const sides = [graph, raw].map((run, s) => ({ run, count: counts[s]!, times: [] as number[], roundP50s: [] as number[], total: 0, next: 0, requests: 0 }));
    for (const side of sides) for (let i = 0; i < Math.min(200, (side.count * rounds) / 10); i++) await side.run(side.next++);
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const times: number[] = [];
        const requestsBefore = storeRequests;
        const begin = performance.now();
        for (let i = 0; i < side.count; i++) {
          const start = performance.now();
          await side.run(side.next++);
          times.push(performance.now() - start);
        }
        side.total += performance.now() - begin;
        side.requests += storeRequests - requestsBefore;
        side.roundP50s.push(median(times));
        side.times.push(...times);
      }
    }
    return sides.map((side) => {
      const sorted = side.times.sort((a, b) => a - b);
      return {
        p50: median(side.roundP50s),
        p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!,
        perSecond: (sorted.length * 1000) / side.total,
        roundP50s: side.roundP50s,
        storeRequests: side.requests / sorted.length,
      };
    }) as [Figures, Figures];
  }

  const show = (name: string, f: Figures) =>
    log(`  ${name.padEnd(44)} p50 ${f.p50.toFixed(2).padStart(7)} ms   p99 ${f.p99.toFixed(2).padStart(7)} ms   ${f.perSecond.toFixed(0).padStart(6)} req/s   ${f.storeRequests.toFixed(1)} store requests each`);

  const results: WorkloadResult[] = [];
  function report(name: string, title: string, [graph, raw]: [Figures, Figures], target?: { ratio?: number; p50?: number }) {
    log(title);
    show('GraphQL', graph);
    show('raw SPARQL baseline', raw);
    const perRound = graph.roundP50s.map((p50, i) => p50 / raw.roundP50s[i]!).sort((a, b) => a - b);
    const ratio = median(perRound);
    const quartile = (q: number) => perRound[Math.floor((perRound.length - 1) * q)]!.toFixed(2);
    const range = `rounds' quartiles ${quartile(0.25)}–${quartile(0.75)}×`;
    const verdicts = [
      target?.ratio ? `ratio ${ratio.toFixed(2)}× (${range}; target ≤ ${target.ratio}×: ${ratio <= target.ratio ? 'OK' : 'OVER'})` : `ratio ${ratio.toFixed(2)}× (${range})`,
      target?.p50 ? `p50 target < ${target.p50} ms: ${graph.p50 < target.p50 ? 'OK' : 'OVER'}` : '',
    ];
    log(`  ${verdicts.filter(Boolean).join('; ')}\n`);
    results.push({ name, graphql: graph, raw, ratio });
  }

  // Occupations with at least 15 essential skills, cycled through so no answer is repeated back to back.
  const occupations: string[] = [];
  for (const uri of (await listOccupations(store, version, {}, { limit: 3000, offset: 0 })).uris) {
    if (occupations.length < 100 && (await store.select(occupationWithEssentialSkills(uri), version)).length >= 15) occupations.push(uri);
  }
  const OCCUPATION = `query ($uri: ID!) { occupation(uri: $uri) { preferredLabel essentialSkills { uri preferredLabel(language: "en") } } }`;
  report(
    'occupation with its essential skills',
    `(1) an occupation with its essential skills and their English labels (${occupations.length} occupations with 15+ essential skills, cycled; ${rounds} rounds of 10 requests per side)`,
    await measure(
      (i) => gql(OCCUPATION, { uri: occupations[i % occupations.length] }),
      (i) => raw(occupationWithEssentialSkills(occupations[i % occupations.length]!)),
      rounds,
      [10, 10],
    ),
    { ratio: 2 },
  );

  const SEARCH = `query ($text: String!) { search(text: $text, first: 10) { totalCount nodes { score matchedLabel concept { uri } } } }`;
  report(
    'search "software developer"',
    '(2) search(text: "software developer"), first 10 — baseline: FILTER(CONTAINS) over occupation labels (10 rounds of 20 and 2 requests)',
    await measure(
      () => gql(SEARCH, { text: 'software developer' }),
      () => raw(labelsContaining('software developer')),
      10,
      [20, 2],
    ),
    { p50: 10 },
  );

  const PAGE = `query ($after: String) { skills(first: 50, after: $after) { nodes { uri preferredLabel } pageInfo { endCursor } } }`;
  const cursors = [null, ...Array.from({ length: 99 }, (_, i) => Buffer.from(`position:${(i + 1) * 50 - 1}`).toString('base64url'))];
  // A tenth of workload 1's rounds: on Oxigraph's server both sides sort every skill (ORDER BY), seconds a request.
  const pageRounds = Math.max(2, Math.round(rounds / 10));
  report(
    'page of 50 skills',
    `(3) a page of 50 skills with their English labels (100 different pages, cycled; ${pageRounds} rounds of 10 requests per side)`,
    await measure(
      (i) => gql(PAGE, { after: cursors[i % cursors.length] }),
      (i) => raw(skillPageWithLabels((i % cursors.length) * 50)),
      pageRounds,
      [10, 10],
    ),
  );
  return results;
}
