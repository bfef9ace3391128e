import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobView, SynthesisJobAcceptedView, SynthesisJobResultView } from '#contracts';
import { startTestPlatform, waitFor, type ApiClient, type TestPlatform } from '#test-support';
import { readProgressEvents, watchProgressSocket } from '../jobs/support/progress-clients.js';
import { longText } from './support/long-text.js';
import { decodeWav, rmsOf } from './support/wav-file.js';

const PASSWORD = 'Correct-horse-42';

/** POST /tts/synthesize/async on the embedded platform: a speech_synthesis job followed to its audio, cancelled, refused. */
describe('asynchronous speech synthesis (embedded platform)', () => {
  let platform: TestPlatform | undefined;
  let api: ApiClient;
  let token: string;

  async function submit(body: unknown) {
    return api.post<SynthesisJobAcceptedView>('/tts/synthesize/async', body, { token });
  }

  /** The jobs service learns of the job from the synthesis service's outbox: moments after the 202. */
  async function visible(jobId: string): Promise<void> {
    await waitFor(
      'the job in the jobs service',
      async () => ((await api.get(`/jobs/${jobId}`, { token })).status === 200 ? true : undefined),
      10000,
      100,
    );
  }

  /** The job once the jobs service's read model shows it ended (the progress streams relay the final event a moment earlier). */
  async function endedJob(jobId: string, status: JobView['status']): Promise<JobView> {
    return waitFor(
      `the job ${status}`,
      async () => {
        const response = await api.get<JobView>(`/jobs/${jobId}`, { token });
        return response.body.data?.status === status ? response.body.data : undefined;
      },
      10000,
      250,
    );
  }

  /** Chunk PCM the jobs left in the blob store (job-scoped keys under tmp/). */
  async function chunkBlobs(): Promise<string[]> {
    const names = await readdir(join(platform!.dataDir, 'files', 'tmp')).catch(() => []);
    return names.filter((name) => name.includes('-chunk-'));
  }

  beforeAll(async () => {
    platform = await startTestPlatform('async-tts-e2e');
    api = platform.api;
    const email = 'narrator@example.com';
    expect((await api.post('/auth/register', { email, password: PASSWORD, first_name: 'Long', last_name: 'Reader' })).status).toBe(201);
    token = (await api.post<{ access_token: string }>('/auth/login', { email, password: PASSWORD })).body.data!.access_token;
  }, 60000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('speaks 2,000 characters as a job: 202, progress chunk by chunk, then a result whose audio_url plays', async () => {
    const text = longText(2000);
    const accepted = await submit({ text, voice_id: 'en_US-voxify-low:slt' });
    expect(accepted.status).toBe(202);
    expect(accepted.body.message).toBe('Asynchronous speech synthesis job created');
    const job = accepted.body.data!;
    expect(job).toMatchObject({ status: 'pending' });
    expect(job.synthesis_id).toMatch(/^syn_[0-9a-z]+$/);
    expect(job.job_id).toMatch(/^job_[0-9a-z]+$/);
    expect(job.estimated_duration).toBeGreaterThan(0.05 * text.length);
    expect(job.estimated_duration).toBeLessThan(0.2 * text.length);

    await visible(job.job_id);
    const stream = await readProgressEvents(`${platform!.origin}/api/v1/jobs/${job.job_id}/events?access_token=${token}`, 120000);
    expect({ status: stream.status, ended: stream.ended, last: stream.messages.at(-1) }).toMatchObject({ status: 200, ended: true });
    const chunkMessages = stream.messages.map((message) => message.message).filter((message) => /^Chunk \d+\/\d+$/.test(message ?? ''));
    expect(chunkMessages.length).toBeGreaterThanOrEqual(2);
    const progress = stream.messages.map((message) => message.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const last = stream.messages.at(-1)!;
    expect(last.status).toBe('completed');

    const finished = await endedJob(job.job_id, 'completed');
    expect(finished).toMatchObject({ type: 'speech_synthesis', status: 'completed', progress: 1, attempts: 1 });
    expect(finished.title).toMatch(/^Speech synthesis: The lighthouse keeper/);
    expect(Date.parse(finished.estimated_completion!)).toBeGreaterThan(Date.parse(finished.created_at));
    const result = finished.result as SynthesisJobResultView;
    expect(result).toMatchObject({ synthesis_id: job.synthesis_id, format: 'wav', sample_rate: 16000 });
    expect(result.file_id).toMatch(/^file_/);

    const audio = await fetch(`${platform!.origin}${result.audio_url}`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    const wav = decodeWav(Buffer.from(await audio.arrayBuffer()));
    expect(wav.sampleRate).toBe(16000);
    expect(wav.durationSeconds).toBeCloseTo(result.duration, 2);
    expect(wav.durationSeconds).toBeGreaterThan(0.05 * text.length);
    expect(wav.durationSeconds).toBeLessThan(0.2 * text.length);
    expect(Math.abs(wav.durationSeconds - job.estimated_duration) / job.estimated_duration).toBeLessThan(0.5);
    expect(rmsOf(wav.samples)).toBeGreaterThan(300);
    expect(await chunkBlobs()).toEqual([]);
  }, 150000);

  it('honours the output format and rate of the request', async () => {
    const accepted = await submit({ text: longText(300), config: { output_format: 'mp3', sample_rate: 22050, volume: 0.8 } });
    expect(accepted.status).toBe(202);
    await visible(accepted.body.data!.job_id);
    const stream = await readProgressEvents(
      `${platform!.origin}/api/v1/jobs/${accepted.body.data!.job_id}/events?access_token=${token}`,
      60000,
    );
    expect(stream.messages.at(-1)?.status).toBe('completed');
    const result = (await endedJob(accepted.body.data!.job_id, 'completed')).result as SynthesisJobResultView;
    expect(result).toMatchObject({ format: 'mp3', sample_rate: 22050 });
    const audio = await fetch(`${platform!.origin}${result.audio_url}`);
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await audio.arrayBuffer());
    // An MPEG audio frame sync (possibly after an ID3 tag).
    const start =
      bytes.toString('latin1', 0, 3) === 'ID3' ? 10 + ((bytes[6]! << 21) | (bytes[7]! << 14) | (bytes[8]! << 7) | bytes[9]!) : 0;
    expect(bytes[start]).toBe(0xff);
    expect(bytes[start + 1]! & 0xe0).toBe(0xe0);
  }, 90000);

  it('a running job cancelled over the API stops at its next chunk, ends cancelled and leaves no chunks behind', async () => {
    const accepted = await submit({ text: longText(30000) });
    expect(accepted.status).toBe(202);
    const jobId = accepted.body.data!.job_id;
    await visible(jobId);
    const socket = watchProgressSocket(`${platform!.origin.replace('http', 'ws')}/api/v1/jobs/${jobId}/progress/ws`, {
      authorization: `Bearer ${token}`,
    });
    await socket.opened;
    await waitFor(
      'the first chunk done',
      async () => (socket.messages.some((received) => /^Chunk [1-9]\d*\//.test(received.message.message ?? '')) ? true : undefined),
      60000,
      50,
    );
    const cancel = await api.post<JobView>(`/jobs/${jobId}/cancel`, undefined, { token });
    expect(cancel.status).toBe(200);
    await socket.closed;
    const final = socket.messages.at(-1)!.message;
    expect(final.status).toBe('cancelled');
    expect(final.progress).toBeLessThan(0.9);
    await endedJob(jobId, 'cancelled');
    await waitFor('chunks deleted', async () => ((await chunkBlobs()).length === 0 ? true : undefined), 10000, 100);
  }, 120000);

  it('accepts exactly 100,000 characters (and a cancel right away ends the job)', async () => {
    const text = longText(100_000).slice(0, 100_000);
    const accepted = await submit({ text });
    expect(accepted.status).toBe(202);
    const jobId = accepted.body.data!.job_id;
    expect(accepted.body.data!.estimated_duration).toBeGreaterThan(100_000 / 20);
    await visible(jobId);
    expect((await api.post(`/jobs/${jobId}/cancel`, undefined, { token })).status).toBe(200);
    const stream = await readProgressEvents(`${platform!.origin}/api/v1/jobs/${jobId}/events?access_token=${token}`, 60000);
    expect(stream.messages.at(-1)?.status).toBe('cancelled');
    await waitFor('chunks deleted', async () => ((await chunkBlobs()).length === 0 ? true : undefined), 10000, 100);
  }, 90000);

  it('refuses an empty, a blank-only, a too long text and an unknown voice before any job exists', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ text: '' }, 400, 'VALIDATION_ERROR'],
      [{ text: '   ' }, 400, 'VALIDATION_ERROR'],
      [{ text: '...' }, 400, 'VALIDATION_ERROR'],
      [{ text: 'x'.repeat(100_001) }, 400, 'VALIDATION_ERROR'],
      [{ text: 'Hello.', voice_id: 'nobody' }, 404, 'VOICE_NOT_FOUND'],
      [{ text: 'Hello.', config: { output_format: 'aac' } }, 400, 'UNSUPPORTED_FORMAT'],
    ];
    const before = (await api.get<{ jobs: JobView[] }>('/jobs?page_size=100', { token })).body.data!.jobs.length;
    for (const [body, status, code] of cases) {
      const response = await submit(body);
      expect({ status: response.status, code: response.body.error?.code }).toEqual({ status, code });
    }
    expect((await api.get<{ jobs: JobView[] }>('/jobs?page_size=100', { token })).body.data!.jobs.length).toBe(before);
    expect((await api.post('/tts/synthesize/async', { text: 'Hello.' })).status).toBe(401);
  });
});
