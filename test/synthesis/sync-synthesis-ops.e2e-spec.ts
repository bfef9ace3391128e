import { startTestPlatform, waitFor, type ApiClient, type TestPlatform } from '#test-support';

interface SynthesisResult {
  synthesis_id: string;
  file_id: string;
  audio_url: string;
  duration: number;
  format: string;
  sample_rate: number;
  timestamps?: Array<{ word: string; start: number; end: number }>;
}

const PASSWORD = 'Correct-horse-42';
const ADMIN = { email: 'root@voxify.test', password: 'Admin-password-42' };
const DAILY_SYNTHESES = 4;

/** The synchronous path's operations on the embedded platform: daily quota, output cache, timestamps, pitch, admin stats, metrics. */
describe('synchronous synthesis operations (embedded platform)', () => {
  let platform: TestPlatform | undefined;
  let api: ApiClient;
  let token: string;
  let adminToken: string;

  async function login(email: string, password: string): Promise<string> {
    const response = await api.post<{ access_token: string }>('/auth/login', { email, password });
    expect(response.status).toBe(200);
    return response.body.data!.access_token;
  }

  const synthesize = (body: unknown, as = token) => api.post<SynthesisResult>('/tts/synthesize', body, { token: as });

  async function metrics(): Promise<string> {
    return (await fetch(`${platform!.origin}/metrics`)).text();
  }

  function sample(text: string, name: string): number {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    return line === undefined ? 0 : Number(line.slice(name.length + 1));
  }

  beforeAll(async () => {
    platform = await startTestPlatform('sync-ops-e2e', { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    api = platform.api;
    adminToken = await login(ADMIN.email, ADMIN.password);
    const registered = await api.post('/auth/register', {
      email: 'quota@example.com',
      password: PASSWORD,
      first_name: 'Q',
      last_name: 'User',
    });
    expect(registered.status).toBe(201);
    token = await login('quota@example.com', PASSWORD);
    const changed = await api.request('PUT', '/admin/config', {
      token: adminToken,
      body: { daily_quotas: { syntheses: DAILY_SYNTHESES } },
    });
    expect(changed.status).toBe(200);
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('serves an identical request from the stored file, answers timestamps and a raised pitch, then refuses past the daily quota', async () => {
    const before = await metrics();
    const body = { text: 'The cache remembers this sentence. A second one follows it.', config: { timestamps: true, pitch: 1.0 } };
    const first = await synthesize(body);
    expect(first.status).toBe(200);
    const words = first.body.data!.timestamps!;
    expect(words.map((word) => word.word.toLowerCase())).toEqual([
      'the',
      'cache',
      'remembers',
      'this',
      'sentence',
      'a',
      'second',
      'one',
      'follows',
      'it',
    ]);
    expect(words.at(-1)!.end).toBeLessThanOrEqual(first.body.data!.duration + 0.001);
    expect(words[5]!.start).toBeGreaterThan(words[4]!.end);

    const second = await synthesize(body);
    expect(second.status).toBe(200);
    expect(second.body.data).toMatchObject({ file_id: first.body.data!.file_id, duration: first.body.data!.duration, timestamps: words });
    expect(second.body.data!.synthesis_id).not.toBe(first.body.data!.synthesis_id);
    const download = await fetch(second.body.data!.audio_url);
    expect(download.status).toBe(200);
    expect(Number(download.headers.get('content-length'))).toBeGreaterThan(1000);

    const raised = await synthesize({ text: 'The cache remembers this sentence. A second one follows it.', config: { pitch: 1.5 } });
    expect(raised.status).toBe(200);
    expect(raised.body.data!.file_id).not.toBe(first.body.data!.file_id);
    expect(raised.body.data!.timestamps).toBeUndefined();

    // The admin's new limit reaches the synthesis service through the config event; the first three used three of it.
    expect((await synthesize({ text: 'The fourth one.' })).status).toBe(200);
    const refused = await synthesize({ text: 'One too many.' });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: DAILY_SYNTHESES, used: DAILY_SYNTHESES } });
    const resetsAt = Date.parse((refused.body.error!.details as { resets_at: string }).resets_at);
    expect(resetsAt).toBeGreaterThan(Date.now());
    expect(resetsAt - Date.now()).toBeLessThanOrEqual(86_400_000);

    const after = await metrics();
    expect(sample(after, 'synthesis_cache_hits_total') - sample(before, 'synthesis_cache_hits_total')).toBe(1);
    expect(sample(after, 'synthesis_requests_total{outcome="quota_exceeded"}')).toBe(1);
    expect(sample(after, 'synthesis_requests_total{outcome="synthesized"}')).toBeGreaterThanOrEqual(3);
    expect(sample(after, 'synthesis_rtf_count{source="sync"}')).toBeGreaterThanOrEqual(3);
    expect(after).toMatch(/^synthesis_queue_depth \d+$/m);
    expect(after).toMatch(/^synthesis_inference_seconds_sum\{source="sync"\} [\d.e-]+$/m);
  });

  it('reports the syntheses to the admin stats', async () => {
    const stats = await waitFor(
      'synthesis stats',
      async () => {
        const response = await api.get<{ syntheses: Record<string, number> | null }>('/admin/stats', { token: adminToken });
        const section = response.body.data?.syntheses;
        return section && section.total! >= 4 ? section : undefined;
      },
      10_000,
      200,
    );
    expect(stats).toMatchObject({ today: stats.total, this_week: stats.total, queue_depth: 0 });
    expect(stats.characters).toBeGreaterThan(100);
    expect(stats.audio_seconds).toBeGreaterThan(5);
    expect(stats.avg_rtf).toBeGreaterThan(0);
    expect(stats.avg_rtf).toBeLessThan(5);
    expect(stats.cache_hit_ratio).toBeCloseTo(1 / stats.total!, 3);
  });
});
