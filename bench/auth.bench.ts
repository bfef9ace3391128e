/**
 * Authentication benchmark: JWT-authenticated requests per second through the gateway on a trivial
 * route (`GET /api/v1/auth/token-info`, answered by the gateway alone), and logins per second
 * (argon2id verification in the identity service). The platform runs as the built embedded app in a
 * child process; autocannon runs here, so client and server are separate processes as in production.
 *
 *   npm run bench:auth                 (builds, then runs dist/bench/auth.bench.js)
 *   BENCH_SECONDS=10 BENCH_REDIS=redis://127.0.0.1:6379 node dist/bench/auth.bench.js
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REDIS_URL = process.env.BENCH_REDIS ?? 'redis://127.0.0.1:6379';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.once('error', reject);
  });
}

async function startPlatform(dataDir: string, port: number, extraEnv: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/apps/embedded/src/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      GRPC_ENABLED: 'false',
      // The benchmark measures throughput, not the limits that would stop it.
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT: '100000000',
      FAILED_LOGIN_LIMIT: '100000000',
      ...extraEnv,
    },
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the platform did not become healthy within 60 s');
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as { data?: Record<string, unknown> };
  if (!response.ok || !json.data) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(json)}`);
  return json.data;
}

interface Row {
  scenario: string;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

async function measure(scenario: string, options: Record<string, unknown>): Promise<Row> {
  await autocannon({ ...options, duration: 2 }); // warm-up, discarded
  const result = await autocannon({ ...options, duration: SECONDS });
  return {
    scenario,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors,
  };
}

async function benchmark(label: string, extraEnv: Record<string, string>): Promise<Row[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'voxify-bench-auth-'));
  const port = await freePort();
  const platform = await startPlatform(dataDir, port, extraEnv);
  try {
    const base = `http://127.0.0.1:${port}/api/v1`;
    const credentials = { email: 'bench@example.com', password: 'bench-password-42' };
    await post(`${base}/auth/register`, { ...credentials, first_name: 'Bench', last_name: 'Mark' });
    const { access_token: token } = await post(`${base}/auth/login`, credentials);
    return [
      await measure(`${label}: GET /auth/token-info with a JWT, 100 connections`, {
        url: `${base}/auth/token-info`,
        connections: 100,
        headers: { authorization: `Bearer ${String(token)}` },
      }),
      await measure(`${label}: POST /auth/login (argon2id), 8 connections`, {
        url: `${base}/auth/login`,
        method: 'POST',
        connections: 8,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(credentials),
      }),
    ];
  } finally {
    platform.kill('SIGTERM');
    await new Promise((resolve) => platform.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function redisAvailable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const net = await import('node:net');
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 6379), hostname, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const rows = await benchmark('memory counters', {});
if (await redisAvailable(REDIS_URL))
  rows.push(...(await benchmark('Redis counters', { REDIS_URL, REDIS_KEY_PREFIX: `voxify-bench:${Date.now()}:` })));
else console.log(`(Redis at ${REDIS_URL} not reachable: the Redis rows are left out)`);

console.log(`\nAuthentication benchmark, embedded platform, ${SECONDS} s per row after a 2 s warm-up\n`);
console.log('| scenario | req/s | p50 ms | p99 ms | non-2xx |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(`| ${row.scenario} | ${Math.round(row.perSecond)} | ${row.p50} | ${row.p99} | ${row.failures} |`);
