import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ApiClient, type TestPlatform } from '#test-support';
import { startSamplesPlatform } from './support/samples-platform.js';
import { hostileSampleFiles, validSampleFiles } from '../../libs/voice/src/testing/voice-sample-hostile-files.js';
import { uploadSample } from './support/sample-uploads.js';

const PASSWORD = 'Correct-horse-42';
const MAX_SECONDS = 60;
const DECODE_TIMEOUT_MS = 15_000;
const MAX_BYTES = 2 * 1024 * 1024;

/** Every regular file under `dir` (the blob store's committed and temporary keys). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Hostile uploads on the embedded platform: each one refused in time, nothing left behind, the service still up. */
describe('hostile voice-sample uploads (embedded platform)', () => {
  let platform: TestPlatform | undefined;
  let api: ApiClient;
  let token: string;

  beforeAll(async () => {
    platform = await startSamplesPlatform('voice-hostile', {
      VOICE_SAMPLE_MAX_SECONDS: String(MAX_SECONDS),
      VOICE_SAMPLE_DECODE_TIMEOUT_MS: String(DECODE_TIMEOUT_MS),
      VOICE_SAMPLE_MAX_BYTES: String(MAX_BYTES),
      BUS_REQUEST_TIMEOUT_MS: '60000',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    api = platform.api;
    expect(
      (await api.post('/auth/register', { email: 'mallory@example.com', password: PASSWORD, first_name: 'M', last_name: 'X' })).status,
    ).toBe(201);
    token = (await api.post<{ access_token: string }>('/auth/login', { email: 'mallory@example.com', password: PASSWORD })).body.data!
      .access_token;
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('refuses every malformed or hostile file with a 4xx in time, and keeps nothing', async () => {
    const files = hostileSampleFiles(MAX_SECONDS);
    expect(files.length).toBeGreaterThanOrEqual(200);
    const blobsBefore = await filesUnder(join(platform!.dataDir, 'files'));
    const wrong: string[] = [];
    let slowest = 0;
    for (const file of files) {
      const started = Date.now();
      const response = await uploadSample(platform!.origin, token, file.bytes, { name: file.label.slice(0, 100), filename: file.filename });
      const elapsed = Date.now() - started;
      slowest = Math.max(slowest, elapsed);
      if (response.status !== 400 || response.body.error?.code !== 'INVALID_AUDIO' || elapsed > DECODE_TIMEOUT_MS + 5000)
        wrong.push(`${file.label}: ${response.status} ${JSON.stringify(response.body.error)} in ${elapsed} ms`);
    }
    expect(wrong).toEqual([]);
    // Decoding has its own budget; nothing may take longer than it plus the upload itself.
    expect(slowest).toBeLessThan(DECODE_TIMEOUT_MS + 5000);

    expect((await api.get('/health')).status).toBe(200);
    const samples = await api.get<{ pagination: { total_count: number } }>('/voice/samples', { token });
    expect(samples.body.data!.pagination.total_count).toBe(0);
    const stored = await api.get<{ pagination: { total_count: number } }>('/files?page_size=100', { token });
    expect(stored.body.data!.pagination.total_count).toBe(0);
    expect(await filesUnder(join(platform!.dataDir, 'files'))).toEqual(blobsBefore);
  }, 600_000);

  it('refuses a file over VOICE_SAMPLE_MAX_BYTES with 413 while streaming, keeping nothing', async () => {
    const big = new Uint8Array(MAX_BYTES + 100_000);
    big.set(validSampleFiles().wav);
    const response = await uploadSample(platform!.origin, token, big, { name: 'too big' });
    expect(response.status).toBe(413);
    expect(response.body.error!.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await filesUnder(join(platform!.dataDir, 'files'))).toEqual([]);
  });

  it('refuses a form without a name or without a file, keeping nothing', async () => {
    const noName = await uploadSample(platform!.origin, token, validSampleFiles().wav, {});
    expect(noName.status).toBe(400);
    expect(noName.body.error!.code).toBe('VALIDATION_ERROR');
    const form = new FormData();
    form.append('name', 'no file');
    const noFile = await fetch(`${platform!.origin}/api/v1/voice/samples`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(noFile.status).toBe(400);
    expect(await filesUnder(join(platform!.dataDir, 'files'))).toEqual([]);
  });

  it('still takes a valid sample afterwards', async () => {
    const response = await uploadSample(platform!.origin, token, validSampleFiles().flac, {
      name: 'a real one',
      description: 'after the storm',
    });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({ format: 'flac', status: 'uploaded', description: 'after the storm' });
    expect(await filesUnder(join(platform!.dataDir, 'files'))).toHaveLength(1);
  });

  it('takes Ogg Vorbis made by Debian’s oggenc (vorbis-tools; CI installs it)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'vorbis-'));
    try {
      await writeFile(join(directory, 'take.wav'), validSampleFiles().wav);
      await promisify(execFile)('oggenc', ['-Q', '-q', '2', '-o', join(directory, 'take.ogg'), join(directory, 'take.wav')]);
      const response = await uploadSample(platform!.origin, token, await readFile(join(directory, 'take.ogg')), { name: 'vorbis take' });
      expect({ status: response.status, error: response.body.error }).toEqual({ status: 201, error: undefined });
      expect(response.body.data).toMatchObject({ format: 'ogg', status: 'uploaded' });
      expect(response.body.data!.duration).toBeGreaterThan(2.4);
      expect(response.body.data!.duration).toBeLessThan(2.7);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
