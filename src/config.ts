import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './graphql/rate-limit.js';
import { DEFAULT_WORK_GATE, type WorkGateLimits } from './graphql/work-gate.js';
import { DEFAULT_SPARQL_LIMITS } from './sparql/sparql-endpoint.js';
import type { StoreConfig } from './store/open-store.js';

/**
 * Configuration, one name everywhere: a command-line flag overrides the environment variable, which overrides
 * the default. Documented in the README's Configuration table.
 */
export interface Config {
  /** ESCO files or folders to import (ESCO_DATA, comma-separated). */
  escoData: string[];
  /** Where the saved store and caches live (ESCOGRAPH_DATA_DIR / --data-dir). */
  dataDir: string;
  /** The embedded store, or the SPARQL server that holds it (ESCOGRAPH_STORE, _UPDATE, _GSP, _AUTH). */
  store: StoreConfig;
  port: number;
  /** The address to listen on (HOST / --host): every interface by default, 127.0.0.1 for this machine only. */
  host: string;
  /**
   * Proxies whose X-Forwarded-For names the client (ESCOGRAPH_TRUST_PROXY): addresses, CIDR ranges or `loopback`,
   * `linklocal`, `uniquelocal`; none by default. Behind a reverse proxy every request comes from the proxy's address,
   * so without this the per-client rate limit and SPARQL cap would count all users as one.
   */
  trustProxy: string[];
  /** Token that write operations must present (ESCOGRAPH_WRITE_TOKEN); without one the server is read-only. */
  writeToken?: string;
  /** Literals kept at import (ESCOGRAPH_LANGUAGES / --languages). */
  languages?: string[];
  /** Embedding backend for linking (ESCOGRAPH_EMBEDDER / --embedder). */
  embedder: 'transformers' | 'use-lite' | 'none';
  /** Sentence model for the transformers backend (ESCOGRAPH_MODEL / --model): a hub id or a local folder. */
  model: string;
  /**
   * Origins whose pages may call /graphql, /sparql and /export (ESCOGRAPH_CORS_ORIGINS / --cors-origins): a list,
   * or '*' for any origin without tokens; none by default (same origin only).
   */
  corsOrigins: string[] | '*';
  /** The /sparql worker pool and its admission: see SparqlLimits (ESCOGRAPH_SPARQL_* / --sparql-*). */
  sparql: SparqlConfig;
  /** Cost units of linking and analysis per client a minute, and at once (ESCOGRAPH_RATE_LIMIT / --rate-limit, ESCOGRAPH_RATE_BURST). */
  rateLimit: RateLimit;
  /** Linking and analysis operations run at once, waiting, and the longest wait (ESCOGRAPH_HEAVY_CONCURRENT, _QUEUE, _WAIT_SECONDS). */
  heavyWork: WorkGateLimits;
}

export interface SparqlConfig {
  workers: number;
  queue: number;
  perClient: number;
  maxRows: number;
  queryMemoryMb: number;
  idleSeconds: number;
}

const list = (value: string | undefined) =>
  value?.split(',').map((item) => item.trim()).filter(Boolean);

const isOrigin = (value: string) => URL.canParse(value) && new URL(value).origin === value;
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
/** An address or CIDR range as proxy-addr (Fastify's trustProxy) reads it, or one of its named ranges. */
const isProxy = (value: string) => {
  if (PROXY_RANGES.includes(value)) return true;
  const [address = '', bits, extra] = value.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};

const schema = z.object({
  escoData: z.array(z.string()),
  dataDir: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().refine((value) => isIP(value) !== 0 || value === 'localhost', { error: (issue) => `"${String(issue.input)}" is not an IP address to listen on (0.0.0.0, 127.0.0.1, ::, or localhost)` }),
  trustProxy: z.array(z.string().refine(isProxy, { error: (issue) => `"${String(issue.input)}" is not a proxy address: an IP address, a CIDR range such as 10.0.0.0/8, or loopback, linklocal, uniquelocal` })),
  writeToken: z.string().min(8, 'ESCOGRAPH_WRITE_TOKEN must be at least 8 characters').optional(),
  languages: z.array(z.string()).optional(),
  embedder: z.enum(['transformers', 'use-lite', 'none']),
  model: z.string().min(1),
  corsOrigins: z.union([
    z.literal('*'),
    z.array(z.string().refine(isOrigin, { error: (issue) => `"${String(issue.input)}" is not an origin: scheme://host[:port], no path, no trailing slash; or * alone` })),
  ]),
  sparql: z.object({
    workers: z.coerce.number().int().min(1).max(64),
    queue: z.coerce.number().int().min(0),
    perClient: z.coerce.number().int().min(1),
    maxRows: z.coerce.number().int().min(1),
    queryMemoryMb: z.coerce.number().int().min(16).max(3072),
    idleSeconds: z.coerce.number().min(0).max(86_400),
  }),
  rateLimit: z.object({
    perMinute: z.coerce.number().int().min(0),
    // One request within the GraphQL cost limit (20,000) must always pass a full bucket.
    burst: z.coerce.number().int().min(20_000, 'ESCOGRAPH_RATE_BURST must be at least the GraphQL cost limit, 20000'),
  }),
  heavyWork: z.object({
    concurrent: z.coerce.number().int().min(1).max(64),
    queue: z.coerce.number().int().min(0).max(10_000),
    maxWaitSeconds: z.coerce.number().min(0).max(600),
  }),
});

const SPARQL_DEFAULTS: SparqlConfig = {
  ...DEFAULT_SPARQL_LIMITS, queryMemoryMb: DEFAULT_SPARQL_LIMITS.queryMemoryBytes / 1024 / 1024, idleSeconds: DEFAULT_SPARQL_LIMITS.idleMs / 1000,
};

export interface ConfigFlags {
  dataDir?: string;
  port?: string | number;
  host?: string;
  languages?: string;
  embedder?: string;
  model?: string;
  corsOrigins?: string;
  sparqlWorkers?: string | number;
  sparqlQueue?: string | number;
  sparqlPerClient?: string | number;
  sparqlMaxRows?: string | number;
  rateLimit?: string | number;
}

/** ESCOGRAPH_STORE_POLL_SECONDS: how often a replica looks for another process's import; 10 s by default, 0 never. */
function pollSeconds(value: string | undefined): number {
  const seconds = Number(value?.trim() || 10);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) {
    throw new Error(`invalid configuration: ESCOGRAPH_STORE_POLL_SECONDS must be a number of seconds from 0 (never) to 86400 (got "${value}")`);
  }
  return seconds;
}

/**
 * ESCOGRAPH_STORE: unset or `embedded`, or the query URL of a SPARQL 1.1 server. Oxigraph's update and Graph Store
 * URLs are its query URL's siblings (`/query` → `/update`, `/store`); other engines name theirs in
 * ESCOGRAPH_STORE_UPDATE and ESCOGRAPH_STORE_GSP.
 */
function storeConfig(env: NodeJS.ProcessEnv): StoreConfig {
  const query = env.ESCOGRAPH_STORE?.trim();
  if (!query || query === 'embedded') return { kind: 'embedded' };
  const isHttp = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
  if (!isHttp(query)) {
    throw new Error(`invalid configuration: ESCOGRAPH_STORE must be "embedded" or the http(s) URL of a SPARQL query service, such as http://127.0.0.1:7878/query (got "${query.slice(0, 200)}")`);
  }
  const sibling = (name: string) => (/\/query$/.test(new URL(query).pathname) ? new URL(name, query).href : undefined);
  const endpoint = (variable: string, name: string) => {
    const url = env[variable]?.trim() || sibling(name);
    if (!url) throw new Error(`invalid configuration: ${variable} is needed: ESCOGRAPH_STORE=${query} does not end in /query, so its ${name} URL cannot be derived as Oxigraph's`);
    if (!isHttp(url)) throw new Error(`invalid configuration: ${variable} must be an http(s) URL (got "${url.slice(0, 200)}")`);
    return url;
  };
  return {
    kind: 'server',
    endpoints: {
      query,
      update: endpoint('ESCOGRAPH_STORE_UPDATE', 'update'),
      store: endpoint('ESCOGRAPH_STORE_GSP', 'store'),
      authorization: env.ESCOGRAPH_STORE_AUTH || undefined,
    },
    pollSeconds: pollSeconds(env.ESCOGRAPH_STORE_POLL_SECONDS),
  };
}

export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const store = storeConfig(env);
  const corsOrigins = list(flags.corsOrigins ?? env.ESCOGRAPH_CORS_ORIGINS);
  const parsed = schema.safeParse({
    escoData: list(env.ESCO_DATA) ?? [],
    dataDir: resolve(flags.dataDir ?? env.ESCOGRAPH_DATA_DIR ?? 'data'),
    port: flags.port ?? env.PORT ?? 4000,
    host: flags.host ?? env.HOST ?? '0.0.0.0',
    trustProxy: list(env.ESCOGRAPH_TRUST_PROXY) ?? [],
    writeToken: env.ESCOGRAPH_WRITE_TOKEN || undefined,
    languages: list(flags.languages ?? env.ESCOGRAPH_LANGUAGES),
    embedder: flags.embedder ?? env.ESCOGRAPH_EMBEDDER ?? 'transformers',
    model: flags.model ?? env.ESCOGRAPH_MODEL ?? 'Xenova/paraphrase-multilingual-MiniLM-L12-v2',
    corsOrigins: corsOrigins?.join() === '*' ? '*' : (corsOrigins ?? []),
    sparql: {
      workers: flags.sparqlWorkers ?? env.ESCOGRAPH_SPARQL_WORKERS ?? SPARQL_DEFAULTS.workers,
      queue: flags.sparqlQueue ?? env.ESCOGRAPH_SPARQL_QUEUE ?? SPARQL_DEFAULTS.queue,
      perClient: flags.sparqlPerClient ?? env.ESCOGRAPH_SPARQL_PER_CLIENT ?? SPARQL_DEFAULTS.perClient,
      maxRows: flags.sparqlMaxRows ?? env.ESCOGRAPH_SPARQL_MAX_ROWS ?? SPARQL_DEFAULTS.maxRows,
      queryMemoryMb: env.ESCOGRAPH_SPARQL_QUERY_MEMORY_MB ?? SPARQL_DEFAULTS.queryMemoryMb,
      idleSeconds: env.ESCOGRAPH_SPARQL_IDLE_SECONDS ?? SPARQL_DEFAULTS.idleSeconds,
    },
    rateLimit: {
      perMinute: flags.rateLimit ?? env.ESCOGRAPH_RATE_LIMIT ?? DEFAULT_RATE_LIMIT.perMinute,
      burst: env.ESCOGRAPH_RATE_BURST ?? DEFAULT_RATE_LIMIT.burst,
    },
    heavyWork: {
      concurrent: env.ESCOGRAPH_HEAVY_CONCURRENT ?? DEFAULT_WORK_GATE.concurrent,
      queue: env.ESCOGRAPH_HEAVY_QUEUE ?? DEFAULT_WORK_GATE.queue,
      maxWaitSeconds: env.ESCOGRAPH_HEAVY_WAIT_SECONDS ?? DEFAULT_WORK_GATE.maxWaitSeconds,
    },
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  return { ...parsed.data, store };
}
