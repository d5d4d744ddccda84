/**
 * Two stateless replicas behind a real reverse proxy (issue 14): an `oxigraph serve` (RocksDB in a temp folder)
 * holding ESCO v1.1.1 imported by escograph, two escograph servers on it (each a process of its own, as `serve`
 * composes it: default limits, lexical linking, loopback), and Debian's nginx balancing between them. The load is
 * bench:load-http's mix from bench/http-clients.ts — 190 clients looking occupations up by URI and searching, 10
 * linking three-outcome texts, 200 in all — first on one replica directly (the baseline), then through nginx on both.
 * Prints requests/s, 2xx p50/p99, errors, timeouts and statuses (429s apart) of each kind, and each replica's RSS
 * before and after each run.
 * Rate limit: Fastify is not told to trust a proxy (no trustProxy), so behind nginx every user is nginx's address
 * and shares one bucket; the replicas are configured with one default budget per linking client
 * (ESCOGRAPH_RATE_LIMIT = 10 × 300,000; --rate-limit N to change it), as an operator fronting that many users would.
 * Usage: node --import tsx bench/replicas.bench.ts [--seconds N] [--rate-limit N]   (default 60 s a run)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { DEFAULT_RATE_LIMIT } from '../src/graphql/rate-limit.js';
import { importEsco } from '../src/ingest/import.js';
import { openConfiguredStore } from '../src/store/open-store.js';
import { startFullServer } from '../test/full-server.js';
import { startOxigraphServer } from '../test/oxigraph-server.js';
import { type ClientReport, type Kind, TIMEOUT_SECONDS, mb, reportLine, runClientsInChild, writeInputs } from './http-clients.js';
import { freePort } from '../test/free-port.js';

const CLIENTS: Record<Kind, number> = { cheap: 190, linking: 10 };
const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    'rate-limit': { type: 'string', default: String(CLIENTS.linking * DEFAULT_RATE_LIMIT.perMinute) },
    // The child's side: one replica on the configured store, printing its URL.
    replica: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);

/** A replica: the configured (server) store, served on loopback until SIGTERM. */
async function runReplica(): Promise<void> {
  const store = (await openConfiguredStore(loadConfig().store, tmpdir()))!;
  const server = await startFullServer(store, { env: process.env });
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

interface Replica {
  url: string;
  child: ChildProcess;
  readyMs: number;
}

async function startReplica(env: NodeJS.ProcessEnv): Promise<Replica> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--replica'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`a replica exited with code ${code} before it was ready`))));
  const firstLine = new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const { url } = JSON.parse(await Promise.race([firstLine, exited])) as { url: string };
  return { url, child, readyMs: performance.now() - started };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Resident memory of a process, from /proc (the replicas are children, so their own memoryUsage is out of reach). */
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;


/**
 * nginx in `dir` (its own prefix, pid, logs and temp folders; not a daemon), on a loopback port, proxying to the
 * replicas over keep-alive connections, to the one with fewer requests in flight.
 */
async function startNginx(dir: string, upstreams: string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  mkdirSync(join(dir, 'temp'), { recursive: true });
  const temp = (name: string) => `${name}_temp_path ${join(dir, 'temp', name)};`;
  writeFileSync(join(dir, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  log_format upstream $upstream_addr;
  access_log ${join(dir, 'upstreams.log')} upstream;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  upstream escograph {
    least_conn;
    ${upstreams.map((url) => `server ${new URL(url).host};`).join('\n    ')}
    keepalive 128;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://escograph;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 60s;
    }
  }
}
`);
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'inherit', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with code ${child.exitCode}: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    try {
      const answer = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (answer.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, child };
}

/** How many requests nginx's access log says each replica answered (the probe before the run included). */
function upstreamCounts(dir: string, replicas: Replica[]): string {
  const lines = readFileSync(join(dir, 'upstreams.log'), 'utf8').split('\n');
  return replicas.map((replica, i) => {
    const host = new URL(replica.url).host;
    return `${lines.filter((line) => line.includes(host)).length.toLocaleString('en')} requests to replica ${'AB'[i]}`;
  }).join(', ');
}

/**
 * Connection attempts the kernel dropped because a listen queue was full, since boot (Linux's TcpExt
 * ListenOverflows): each one a client retries after 1, 3, 7 s…, so a run's increase explains waits past the timeout.
 */
function listenOverflows(): number {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
  const header = lines.findIndex((line) => line.startsWith('TcpExt:'));
  const names = lines[header]!.split(/\s+/);
  return Number(lines[header + 1]!.split(/\s+/)[names.indexOf('ListenOverflows')]);
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

/** One run of the 200 clients against `url`, with every replica's RSS before and after. */
async function run(title: string, url: string, inputsPath: string, replicas: Replica[]): Promise<Record<Kind, ClientReport>> {
  const before = replicas.map((replica) => rssOf(replica.child.pid!));
  const loadBefore = load();
  const overflowsBefore = listenOverflows();
  const clients = (kind: Kind) => runClientsInChild(kind, CLIENTS[kind], url, inputsPath, seconds);
  const [cheap, linking] = await Promise.all([clients('cheap'), clients('linking')]);
  const after = replicas.map((replica) => rssOf(replica.child.pid!));
  console.log(`${title} (loadavg ${loadBefore} before, ${load()} after)`);
  console.log(reportLine('cheap', cheap));
  console.log(reportLine('linking', linking));
  console.log(`  connection attempts dropped by full listen queues (kernel ListenOverflows): ${listenOverflows() - overflowsBefore}`);
  console.log(`  RSS ${replicas.map((_, i) => `replica ${'AB'[i]} ${mb(before[i]!)} → ${mb(after[i]!)}`).join(', ')}`);
  const all = [cheap, linking];
  const failures = all.reduce((sum, report) => sum + report.errors + report.timeouts + report.graphqlErrors, 0);
  const non2xx = all.reduce((sum, report) => sum + Object.entries(report.statuses).filter(([status]) => !/^2/.test(status) && status !== '429')
    .reduce((count, [, n]) => count + n, 0), 0);
  const limited = all.reduce((sum, report) => sum + (report.statuses['429'] ?? 0), 0);
  const perSecond = all.reduce((sum, report) => sum + report.perSecond, 0);
  console.log(`  total ${perSecond.toFixed(1)} req/s; errors + timeouts + GraphQL errors ${failures}, other non-2xx ${non2xx} (target 0: ${failures + non2xx === 0 ? 'OK' : 'MISSED'}); 429s ${limited}\n`);
  return { cheap, linking };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'escograph-replicas-'));
  const escoDir = resolve(process.env.ESCO_V111 ?? join(process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'), 'esco', 'v1.1.1'));
  const oxigraph = await startOxigraphServer({ location: join(dir, 'oxigraph') });
  const replicas: Replica[] = [];
  let nginx: ChildProcess | undefined;
  try {
    const started = performance.now();
    const storeConfig = loadConfig({}, oxigraph.env).store;
    const { store, summaries } = await importEsco({ paths: [escoDir], into: async () => (await openConfiguredStore(storeConfig, dir))! });
    console.log(`replicas bench: ESCO ${summaries[0]!.version} (${summaries[0]!.triples.toLocaleString('en')} triples) imported into oxigraph serve at ` +
      `${oxigraph.queryUrl} in ${((performance.now() - started) / 1000).toFixed(1)} s; loadavg ${load()}`);
    const env = { ...process.env, ...oxigraph.env, ESCOGRAPH_RATE_LIMIT: values['rate-limit'] };
    // One after the other: each reads every concept's texts from the server for its linking index.
    for (let i = 0; i < 2; i++) replicas.push(await startReplica(env));
    console.log(`2 replicas (${replicas.map((r) => `${r.url} ready in ${(r.readyMs / 1000).toFixed(1)} s`).join(', ')}), started one after the other; ` +
      `rate limit ${Number(values['rate-limit']).toLocaleString('en')} units a minute a client; ${CLIENTS.cheap} clients by URI and search, ` +
      `${CLIENTS.linking} linking three-outcome texts, ${seconds} s a run, timeout ${TIMEOUT_SECONDS} s\n`);
    const inputsPath = await writeInputs(store, dir);
    const proxy = await startNginx(join(dir, 'nginx'), replicas.map((replica) => replica.url));
    nginx = proxy.child;
    const direct = await run('baseline: one replica directly, no proxy', replicas[0]!.url, inputsPath, replicas);
    const proxied = await run(`nginx ${proxy.url} → both replicas (least_conn, keep-alive upstream)`, proxy.url, inputsPath, replicas);
    console.log(`nginx sent ${upstreamCounts(join(dir, 'nginx'), replicas)}`);
    const ratio = (kind: Kind) => (direct[kind].perSecond > 0 ? `${(proxied[kind].perSecond / direct[kind].perSecond).toFixed(2)}×` : 'none answered directly');
    console.log(`two replicas behind nginx / one replica directly, requests/s: cheap ${ratio('cheap')}, linking ${ratio('linking')}`);
  } finally {
    await Promise.all([...replicas.map((replica) => stop(replica.child)), ...(nginx ? [stop(nginx)] : [])]);
    await oxigraph.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.replica) {
  await runReplica();
} else {
  await main();
  // Linking's pools and timers would keep the process alive.
  process.exit(0);
}
