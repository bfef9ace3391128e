/**
 * Speech synthesis benchmark through the REST API: real-time factor of one stream (a short and a
 * long sentence), time to the first audio byte of `POST /api/v1/tts/stream`, throughput at 1, 4, 8
 * and 16 concurrent requests (seconds of audio per wall second), and the server's resident memory.
 * By default it starts the built embedded app in a child process (its output cache off, rate limits
 * lifted); `--url` measures a running platform instead, `--six-process` starts the six apps against
 * DATABASE_URL and AMQP_URL.
 *
 *   npm run bench:tts                              (builds, then runs dist/bench/tts.bench.js)
 *   node dist/bench/tts.bench.js --provider webgpu (SYNTHESIS_PROVIDER / ONNX_EXECUTION_PROVIDER for the started app)
 *   node dist/bench/tts.bench.js --url http://127.0.0.1:8080
 *   DATABASE_URL=postgres://… AMQP_URL=amqp://… node dist/bench/tts.bench.js --six-process
 *   node dist/bench/tts.bench.js --concurrency 1,8,32,64   (client counts for the throughput rows)
 *   node dist/bench/tts.bench.js --paragraph 8,32           (also: clients each asking for 10 long sentences at once,
 *                                                            answered as JSON: the audio is stored, not downloaded)
 *   BENCH_SECONDS=10 (per concurrency level, default 8)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SHORT = 'The quick brown fox jumps over the lazy dog.';
const LONG =
  'Speech synthesis turns written text into natural sounding audio, one sentence at a time, and the ' +
  'platform stores every result as a file that can be downloaded with a signed link or played straight ' +
  'from the browser without any further credentials being sent along with the request.';
/** Ten long sentences (~2,800 characters): one request whose sentences share micro-batches. */
const PARAGRAPH = Array.from({ length: 10 }, () => LONG).join(' ');
const TWO_SENTENCES = 'The first sentence is short. The second one takes a little longer to say out loud.';
const DEFAULT_CONCURRENCY = '1,4,8,16';
/** Lifted so that the benchmark measures synthesis, not the limits that protect it. */
const UNLIMITED = { RATE_LIMIT_PER_MINUTE: '100000000', AUTH_RATE_LIMIT: '100000000', SYNTHESIS_CACHE_ENABLED: 'false' };

interface Platform {
  origin: string;
  /** The processes whose memory is reported (empty for --url). */
  pids: number[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.once('error', reject);
  });
}

async function waitHealthy(origin: string, children: ChildProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (children.some((child) => child.exitCode !== null)) throw new Error('a platform process exited while starting');
    const ok = await fetch(`${origin}/api/v1/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the platform did not become healthy within ${timeoutMs / 1000} s`);
}

function startApp(entry: string, env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, [`dist/apps/${entry}/src/main.js`], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn', ...UNLIMITED, ...env },
  });
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

async function startEmbedded(providerEnv: Record<string, string>): Promise<Platform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'voxify-bench-tts-'));
  const port = await freePort();
  const child = startApp('embedded', { DATA_DIR: dataDir, PORT: String(port), GRPC_ENABLED: 'false', ...providerEnv });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopAll([child]);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(origin, [child], 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, pids: [child.pid!], stop };
}

async function startSixProcesses(providerEnv: Record<string, string>): Promise<Platform> {
  const { DATABASE_URL, AMQP_URL } = process.env;
  if (!DATABASE_URL || !AMQP_URL) throw new Error('--six-process needs DATABASE_URL and AMQP_URL');
  const filesDir = await mkdtemp(join(tmpdir(), 'voxify-bench-tts-files-'));
  const common = {
    DATABASE_URL,
    AMQP_URL,
    FILES_DIR: filesDir,
    FILE_URL_SECRET: process.env.FILE_URL_SECRET ?? 'bench-tts-file-url-secret-0123456789abcdef',
    JWT_SECRET: process.env.JWT_SECRET ?? 'bench-tts-jwt-secret-0123456789abcdef0123',
    ...providerEnv,
  };
  const children: ChildProcess[] = [];
  let synthesisPid = 0;
  for (const service of ['identity', 'voice', 'synthesis', 'jobs', 'storage']) {
    const child = startApp(service, { ...common, PORT: String(await freePort()) });
    if (service === 'synthesis') synthesisPid = child.pid!;
    children.push(child);
  }
  const port = await freePort();
  const gateway = startApp('api-gateway', { ...common, PORT: String(port), GRPC_ENABLED: 'false' });
  children.push(gateway);
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopAll(children);
    await rm(filesDir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(origin, children, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, pids: [synthesisPid, gateway.pid!], stop };
}

async function postJson(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: Record<string, unknown> };
  if (!response.ok || !json.data) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(json)}`);
  return json.data;
}

async function signUp(origin: string): Promise<string> {
  const credentials = { email: `bench-${Date.now()}@example.com`, password: 'bench-password-42' };
  await postJson(`${origin}/api/v1/auth/register`, { ...credentials, first_name: 'Bench', last_name: 'Mark' });
  const login = await postJson(`${origin}/api/v1/auth/login`, credentials);
  return String(login.access_token);
}

let requestNumber = 0;

/**
 * One synthesis. `audio`: the audio is the body (seconds read from the WAV header and size);
 * `json`: the default answer, the stored file's audio_url and duration (the audio is not downloaded).
 */
async function synthesize(
  origin: string,
  token: string,
  text: string,
  answer: 'audio' | 'json' = 'audio',
): Promise<{ wallSeconds: number; audioSeconds: number }> {
  // A speed that differs in the sixth decimal keeps a platform's output cache from answering (--url).
  const speed = 1 + (++requestNumber % 1000) * 1e-6;
  const started = performance.now();
  const response = await fetch(`${origin}/api/v1/tts/synthesize`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: answer === 'audio' ? 'audio/wav' : 'application/json',
    },
    body: JSON.stringify({ text, config: { output_format: 'wav', speed } }),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const wallSeconds = (performance.now() - started) / 1000;
  if (!response.ok) throw new Error(`synthesize answered ${response.status}: ${bytes.toString('utf8', 0, 300)}`);
  if (answer === 'json')
    return { wallSeconds, audioSeconds: (JSON.parse(bytes.toString('utf8')) as { data: { duration: number } }).data.duration };
  const sampleRate = bytes.readUInt32LE(24);
  const bytesPerSecond = bytes.readUInt32LE(28) || sampleRate * 2;
  return { wallSeconds, audioSeconds: (bytes.length - 44) / bytesPerSecond };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function singleStreamRtf(origin: string, token: string, text: string, runs = 5): Promise<number> {
  await synthesize(origin, token, text); // warm-up
  const rtfs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { wallSeconds, audioSeconds } = await synthesize(origin, token, text);
    rtfs.push(wallSeconds / audioSeconds);
  }
  return median(rtfs);
}

/** Milliseconds to the first audio byte of POST /tts/stream; undefined when the route is not there. */
async function streamFirstByte(origin: string, token: string, runs = 3): Promise<number | undefined> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const response = await fetch(`${origin}/api/v1/tts/stream`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'audio/wav' },
      body: JSON.stringify({ text: TWO_SENTENCES, config: { output_format: 'wav', speed: 1 + (++requestNumber % 1000) * 1e-6 } }),
    });
    if (response.status === 404) return undefined;
    if (!response.ok || !response.body) throw new Error(`tts/stream answered ${response.status}: ${await response.text()}`);
    const reader = response.body.getReader();
    const first = await reader.read();
    const elapsed = performance.now() - started;
    while (!(await reader.read()).done) {
      // drain the rest of the stream
    }
    if (first.done) throw new Error('tts/stream sent no audio');
    if (i > 0) times.push(elapsed); // the first run warms the route
  }
  return median(times);
}

/** `concurrency` clients each synthesizing back to back for SECONDS; audio seconds per wall second. */
async function throughput(
  origin: string,
  token: string,
  concurrency: number,
  text = LONG,
  answer: 'audio' | 'json' = 'audio',
): Promise<{ audioPerSecond: number; requests: number; failures: number }> {
  const deadline = performance.now() + SECONDS * 1000;
  let audio = 0;
  let requests = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        try {
          const result = await synthesize(origin, token, text, answer);
          audio += result.audioSeconds;
          requests++;
        } catch (error) {
          // A refusal (OVERLOADED, a timeout) is counted and reported, not fatal.
          failures++;
          if (failures === 1) console.error(`  ${concurrency} concurrent: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  return { audioPerSecond: audio / ((performance.now() - started) / 1000), requests, failures };
}

async function residentMemoryMb(pids: number[]): Promise<{ rss: number; peak: number } | undefined> {
  if (pids.length === 0) return undefined;
  let rss = 0;
  let peak = 0;
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    peak += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }
  return { rss, peak };
}

function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `| ${label.padEnd(width)} | ${value} |`).join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      provider: { type: 'string' },
      'six-process': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: DEFAULT_CONCURRENCY },
      paragraph: { type: 'string', default: '' },
    },
  });
  const levels = (option: string, list: string) => {
    const parsed = list ? list.split(',').map(Number) : [];
    if (parsed.some((level) => !Number.isInteger(level) || level < 1))
      throw new Error(`--${option} takes positive integers, e.g. 1,4,8,16`);
    return parsed;
  };
  const concurrencyLevels = levels('concurrency', values.concurrency);
  const paragraphLevels = levels('paragraph', values.paragraph);
  const providerEnv: Record<string, string> = values.provider
    ? { SYNTHESIS_PROVIDER: values.provider, ONNX_EXECUTION_PROVIDER: values.provider }
    : {};
  const mode = values.url ? `running platform at ${values.url}` : values['six-process'] ? 'six processes' : 'embedded app';
  console.log(`TTS benchmark: ${mode}, provider ${values.provider ?? 'default'}, ${SECONDS} s per concurrency level`);
  const platform: Platform = values.url
    ? { origin: values.url.replace(/\/$/, ''), pids: [], stop: async () => undefined }
    : values['six-process']
      ? await startSixProcesses(providerEnv)
      : await startEmbedded(providerEnv);
  try {
    const token = await signUp(platform.origin);
    const rows: Array<[string, string]> = [];
    const rtfShort = await singleStreamRtf(platform.origin, token, SHORT);
    rows.push([`RTF, one stream, short sentence (${SHORT.length} chars)`, rtfShort.toFixed(3)]);
    const rtfLong = await singleStreamRtf(platform.origin, token, LONG);
    rows.push([`RTF, one stream, long sentence (${LONG.length} chars)`, rtfLong.toFixed(3)]);
    const firstByte = await streamFirstByte(platform.origin, token);
    rows.push(['POST /tts/stream, first audio byte, 2 sentences', firstByte === undefined ? 'n/a' : `${firstByte.toFixed(0)} ms`]);
    let single = 0;
    for (const concurrency of concurrencyLevels) {
      const { audioPerSecond, requests, failures } = await throughput(platform.origin, token, concurrency);
      if (single === 0) single = audioPerSecond; // the first level is the baseline
      rows.push([
        `Throughput, ${concurrency} concurrent (long sentence)`,
        `${audioPerSecond.toFixed(2)} audio s / s (×${(audioPerSecond / single).toFixed(2)}, ${requests} requests` +
          `${failures ? `, ${failures} failed` : ''})`,
      ]);
    }
    for (const concurrency of paragraphLevels) {
      const { audioPerSecond, requests, failures } = await throughput(platform.origin, token, concurrency, PARAGRAPH, 'json');
      rows.push([
        `Throughput, ${concurrency} concurrent (10-sentence paragraph, JSON answer)`,
        `${audioPerSecond.toFixed(2)} audio s / s (${requests} requests${failures ? `, ${failures} failed` : ''})`,
      ]);
    }
    const labels = values['six-process'] ? ['RSS of the synthesis process', 'RSS of the gateway process'] : ['RSS of the platform process'];
    for (const [i, label] of labels.entries()) {
      const memory = platform.pids[i] === undefined ? undefined : await residentMemoryMb([platform.pids[i]]);
      rows.push([label, memory ? `${memory.rss.toFixed(0)} MB (peak ${memory.peak.toFixed(0)} MB)` : 'n/a']);
    }
    console.log(table([['Measure', 'Value'], ['---', '---'], ...rows]));
  } finally {
    await platform.stop();
  }
}

await main();
