import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { JobView, SynthesisJobAcceptedView, SynthesisJobResultView } from '#contracts';
import { createTestDatabase, startSixProcessPlatform, waitFor, type AppProcess, type SixProcessPlatform } from '#test-support';
import { readProgressEvents } from '../jobs/support/progress-clients.js';
import { longText } from './support/long-text.js';
import { decodeWav, rmsOf } from './support/wav-file.js';

const PASSWORD = 'Correct-horse-42';
/** Heartbeat of the synthesis JobRunner: a silent worker loses its job after three (0.9 s). */
const HEARTBEAT_MS = 300;

interface ChunkLog {
  message: string;
  chunk: number;
  attempt: number;
}

interface CheckpointRow {
  status: string;
  attempt: number;
  state: {
    sample_rate: number;
    chunks: Array<{ first: number; count: number }>;
    rendered: Array<{ index: number; samples: number; pause_after: number; attempt: number }>;
  };
}

/** The chunk lines an async synthesis logged in one synthesis process. */
function chunkLogs(app: AppProcess, message: string): ChunkLog[] {
  return app.output
    .filter((line) => line.includes(`"message":"${message}"`))
    .map((line) => JSON.parse(line) as ChunkLog)
    .filter((entry) => entry.message === message);
}

/**
 * An async synthesis survives the death of its worker: six processes on PostgreSQL and RabbitMQ, the
 * synthesis process SIGKILLed after a few chunk checkpoints, a new one started; the job completes
 * from the checkpoint and no checkpointed chunk is rendered again.
 */
describe('asynchronous synthesis taken over after its worker dies (six processes)', () => {
  let platform: SixProcessPlatform | undefined;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: pg.Client;
  let filesDir: string;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase('voxify_async_takeover');
    filesDir = join(tmpdir(), `voxify-async-takeover-${randomUUID().slice(0, 8)}`);
    platform = await startSixProcessPlatform('async-takeover', {
      DATABASE_URL: database.url,
      FILES_DIR: filesDir,
      LOG_LEVEL: 'info',
      SYNTHESIS_JOB_HEARTBEAT_MS: String(HEARTBEAT_MS),
    });
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const email = 'resumed@example.com';
    expect((await platform.api.post('/auth/register', { email, password: PASSWORD, first_name: 'Re', last_name: 'Sumed' })).status).toBe(
      201,
    );
    token = (await platform.api.post<{ access_token: string }>('/auth/login', { email, password: PASSWORD })).body.data!.access_token;
  }, 120000);

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
    await database?.drop();
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
  });

  it('a new synthesis process finishes the job from the last checkpoint, rendering each chunk exactly once', async () => {
    const text = longText(4500);
    const accepted = await platform!.api.post<SynthesisJobAcceptedView>('/tts/synthesize/async', { text }, { token });
    expect(accepted.status).toBe(202);
    const jobId = accepted.body.data!.job_id;

    const first = platform!.apps.get('synthesis')!;
    await waitFor('two chunk checkpoints', async () => (chunkLogs(first, 'Chunk checkpointed').length >= 2 ? true : undefined), 90000, 20);
    await first.stop('SIGKILL');
    const checkpointedByFirst = chunkLogs(first, 'Chunk checkpointed').map((entry) => entry.chunk);
    const renderedByFirst = chunkLogs(first, 'Chunk rendered').map((entry) => entry.chunk);
    const afterKill = (
      await db.query<CheckpointRow>('SELECT status, attempt, state FROM synthesis.job_checkpoints WHERE job_id = $1', [jobId])
    ).rows[0]!;
    expect(afterKill).toMatchObject({ status: 'running', attempt: 1 });
    expect(afterKill.state.rendered.map((chunk) => chunk.index)).toEqual(checkpointedByFirst);
    const chunkCount = afterKill.state.chunks.length;
    expect(chunkCount).toBeGreaterThan(checkpointedByFirst.length + 2);

    const second = platform!.startService('synthesis');
    const stream = await readProgressEvents(`${platform!.origin}/api/v1/jobs/${jobId}/events?access_token=${token}`, 180000);
    expect(stream.messages.at(-1)?.status).toBe('completed');

    // Each chunk rendered once: the checkpointed ones by the first process only, all others by the second only, once.
    const renderedBySecond = chunkLogs(second, 'Chunk rendered').map((entry) => entry.chunk);
    expect(renderedBySecond.filter((chunk) => checkpointedByFirst.includes(chunk))).toEqual([]);
    expect([...checkpointedByFirst, ...renderedBySecond].sort((a, b) => a - b)).toEqual(Array.from({ length: chunkCount }, (_, i) => i));
    expect(new Set(renderedBySecond).size).toBe(renderedBySecond.length);
    // At most the chunk in flight at the kill was rendered by both (it had no checkpoint yet).
    expect(renderedByFirst.filter((chunk) => !checkpointedByFirst.includes(chunk)).length).toBeLessThanOrEqual(1);

    const final = (await db.query<CheckpointRow>('SELECT status, attempt, state FROM synthesis.job_checkpoints WHERE job_id = $1', [jobId]))
      .rows[0]!;
    expect(final.status).toBe('completed');
    expect(final.attempt).toBe(2);
    expect(final.state.rendered.map((chunk) => [chunk.index, chunk.attempt])).toEqual(
      Array.from({ length: chunkCount }, (_, i) => [i, checkpointedByFirst.includes(i) ? 1 : 2]),
    );

    // The gateway relays the final event as it is published; the jobs service's read model follows moments later.
    const job = await waitFor(
      'the job completed in the jobs service',
      async () => {
        const view = (await platform!.api.get<JobView>(`/jobs/${jobId}`, { token })).body.data;
        return view?.status === 'completed' ? view : undefined;
      },
      10000,
      250,
    );
    expect(job).toMatchObject({ status: 'completed', attempts: 2 });
    const result = job.result as SynthesisJobResultView;
    const audio = await fetch(`${platform!.origin}${result.audio_url}`);
    expect(audio.status).toBe(200);
    const wav = decodeWav(Buffer.from(await audio.arrayBuffer()));
    const { rendered, sample_rate: rate } = final.state;
    const expectedSamples = rendered.reduce(
      (sum, chunk, i) => sum + chunk.samples + (i < rendered.length - 1 ? Math.round(chunk.pause_after * rate) : 0),
      0,
    );
    expect(wav.samples.length).toBe(expectedSamples);
    expect(wav.durationSeconds).toBeCloseTo(result.duration, 2);
    expect(wav.durationSeconds).toBeGreaterThan(0.05 * text.length);
    expect(wav.durationSeconds).toBeLessThan(0.2 * text.length);
    expect(rmsOf(wav.samples)).toBeGreaterThan(300);

    // One output file, and no chunk left in the blob store.
    const files = await platform!.api.get<{ files: Array<{ file_id: string }> }>('/files?purpose=synthesis_output', { token });
    expect(files.body.data!.files.map((file) => file.file_id)).toEqual([result.file_id]);
    const leftovers = (await readdir(join(filesDir, 'tmp')).catch(() => [])).filter((name) => name.startsWith(`${jobId}-chunk-`));
    expect(leftovers).toEqual([]);
  }, 300000);
});
