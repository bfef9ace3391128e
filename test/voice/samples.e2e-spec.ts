import { decodeAudio } from '#audio';
import { waitFor, type ApiClient, type TestPlatform } from '#test-support';
import { startSamplesPlatform } from './support/samples-platform.js';
import { clipped, padded, withNoise, writeWav, type WavLayout } from './support/sample-audio.js';
import { uploadSample, type UploadedSample } from './support/sample-uploads.js';

interface SampleView extends UploadedSample {
  quality_score: number | null;
  rejection_reasons: string[];
  analysis: {
    sample_rate: number;
    channels: number;
    loudness_lufs: number;
    peak_dbfs: number;
    clipping_ratio: number;
    silence_ratio: number;
    snr_db: number;
    pitch: { median_hz: number; min_hz: number; max_hz: number } | null;
    speaking_rate: number;
    quality_issues: string[];
  } | null;
}

const TEXT = 'Voice samples teach the platform how you sound. Read clearly, at an easy pace, in a quiet room.';

/** Voice samples over REST on the embedded platform: audio made by the platform's own synthesis, then variants written here. */
describe('voice samples (embedded platform)', () => {
  let platform: TestPlatform | undefined;
  let api: ApiClient;
  let origin: string;
  let token: string;
  let otherToken: string;
  let speech: { samples: Float32Array; sampleRate: number };
  const uploaded = new Map<string, UploadedSample>();

  async function synthesize(format: 'wav' | 'mp3' | 'ogg' | 'flac'): Promise<Buffer> {
    const response = await api.post<{ audio_url: string }>('/tts/synthesize', { text: TEXT, config: { output_format: format } }, { token });
    expect(response.status).toBe(200);
    const audio = await fetch(response.body.data!.audio_url);
    expect(audio.status).toBe(200);
    return Buffer.from(await audio.arrayBuffer());
  }

  async function analysed(sampleId: string): Promise<SampleView> {
    return waitFor(
      `sample ${sampleId} analysed`,
      async () => {
        const response = await api.get<SampleView>(`/voice/samples/${sampleId}`, { token });
        expect(response.status).toBe(200);
        return response.body.data!.status === 'uploaded' ? undefined : response.body.data!;
      },
      60000,
      250,
    );
  }

  async function upload(name: string, bytes: Uint8Array, filename: string): Promise<UploadedSample> {
    const response = await uploadSample(origin, token, bytes, { name, language: 'en-us', filename });
    expect({ status: response.status, error: response.body.error }).toEqual({ status: 201, error: undefined });
    expect(response.body.message).toBe('Voice sample uploaded successfully');
    uploaded.set(name, response.body.data!);
    return response.body.data!;
  }

  beforeAll(async () => {
    // Synthesis shares two cores with the rest of the suite: give it time.
    platform = await startSamplesPlatform('voice-samples', { BUS_REQUEST_TIMEOUT_MS: '60000' });
    origin = platform.origin;
    api = platform.api;
    token = (await api.signUp('speaker@example.com')).token;
    otherToken = (await api.signUp('stranger@example.com')).token;
    const wav = await synthesize('wav');
    const decoded = await decodeAudio(wav, { maxSeconds: 60, timeoutMs: 10000 });
    speech = { samples: padded(decoded.audio.samples, decoded.audio.sampleRate, 0.3), sampleRate: decoded.audio.sampleRate };
  }, 180000);

  afterAll(async () => {
    await platform?.stop();
  });

  it.each(['mp3', 'ogg', 'flac'] as const)(
    'takes %s made by the platform’s own synthesis, recognised by its bytes',
    async (format) => {
      const bytes = await synthesize(format);
      // A misleading name: the format comes from the content.
      const sample = await upload(`synth ${format}`, bytes, 'recording.wav');
      expect(sample).toMatchObject({ status: 'uploaded', format, language: 'en-US', file_size: bytes.length, description: null });
      expect(sample.sample_id).toMatch(/^vs_[0-9a-z]{20}$/);
      expect(sample.duration).toBeGreaterThan(3);
      expect(sample.duration).toBeLessThan(20);
    },
    60000,
  );

  it.each<[WavLayout, number]>([
    ['pcm16', 1],
    ['pcm8', 1],
    ['pcm24', 2],
    ['pcm32', 1],
    ['float32', 2],
  ])(
    'takes a %s WAV with %i channel(s)',
    async (layout, channels) => {
      const bytes = writeWav(speech.samples, speech.sampleRate, layout, channels);
      const sample = await upload(`wav ${layout}`, bytes, 'take.mp3');
      expect(sample.format).toBe('wav');
      expect(sample.duration).toBeCloseTo(speech.samples.length / speech.sampleRate, 2);
    },
    60000,
  );

  it('analyses each upload into a ready sample with sensible metrics and a normalised copy', async () => {
    for (const [name, sample] of uploaded) {
      const view = await analysed(sample.sample_id);
      expect({ name, status: view.status, reasons: view.rejection_reasons }).toEqual({ name, status: 'ready', reasons: [] });
      const analysis = view.analysis!;
      expect(analysis.loudness_lufs).toBeGreaterThan(-35);
      expect(analysis.loudness_lufs).toBeLessThan(-5);
      expect(analysis.peak_dbfs).toBeLessThanOrEqual(0.01);
      expect(analysis.snr_db).toBeGreaterThan(20);
      expect(analysis.silence_ratio).toBeLessThan(0.6);
      expect(analysis.pitch!.median_hz).toBeGreaterThan(70);
      expect(analysis.pitch!.median_hz).toBeLessThan(350);
      expect(analysis.speaking_rate).toBeGreaterThan(1);
      expect(analysis.speaking_rate).toBeLessThan(10);
      expect(view.quality_score).toBeGreaterThanOrEqual(6);
    }
    const stereo = await analysed(uploaded.get('wav pcm24')!.sample_id);
    expect(stereo.analysis).toMatchObject({ channels: 2, sample_rate: speech.sampleRate });
  }, 120000);

  it('scores a noisy copy lower than the clean one, and reports clipping on a clipped one', async () => {
    const noisy = await upload('noisy', writeWav(withNoise(speech.samples, 0.12), speech.sampleRate, 'pcm16'), 'noisy.wav');
    const hot = await upload('clipped', writeWav(clipped(speech.samples, 12), speech.sampleRate, 'pcm16'), 'hot.wav');
    const clean = await analysed(uploaded.get('wav pcm16')!.sample_id);
    const noisyView = await analysed(noisy.sample_id);
    const clippedView = await analysed(hot.sample_id);
    expect(noisyView.quality_score!).toBeLessThan(clean.quality_score!);
    expect(noisyView.analysis!.snr_db).toBeLessThan(clean.analysis!.snr_db);
    expect(clippedView.analysis!.clipping_ratio).toBeGreaterThan(0.01);
    expect(clippedView.analysis!.quality_issues.join(' ')).toMatch(/clip/i);
    expect(clippedView.quality_score!).toBeLessThan(clean.quality_score!);
  }, 120000);

  it('refuses an eleventh sample: ten per user by default', async () => {
    expect(uploaded.size).toBe(10);
    const response = await uploadSample(origin, token, writeWav(speech.samples, speech.sampleRate, 'pcm16'), { name: 'one too many' });
    expect(response.status).toBe(429);
    expect(response.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { metric: 'voice_samples', limit: 10 } });
  });

  it('lists with pagination, filters and sorting', async () => {
    const page = await api.get<{ samples: Array<{ name: string; quality_score: number | null; status: string }>; pagination: unknown }>(
      '/voice/samples?page=1&page_size=4&status=ready&language=en-US&sort=quality_score&order=asc',
      { token },
    );
    expect(page.status).toBe(200);
    const all = await api.get<{ samples: Array<{ status: string }> }>('/voice/samples?page_size=100', { token });
    expect(all.body.data!.samples).toHaveLength(10);
    const readyCount = all.body.data!.samples.filter((s) => s.status === 'ready').length;
    expect(readyCount).toBeGreaterThanOrEqual(9);
    expect(page.body.data!.pagination).toEqual({
      page: 1,
      page_size: 4,
      total_count: readyCount,
      total_pages: Math.ceil(readyCount / 4),
      has_next: true,
      has_prev: false,
    });
    const scores = page.body.data!.samples.map((s) => s.quality_score!);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const byName = await api.get<{ samples: Array<{ name: string }> }>('/voice/samples?page_size=100&sort=name&order=asc', { token });
    const names = byName.body.data!.samples.map((s) => s.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const french = await api.get<{ samples: unknown[] }>('/voice/samples?language=fr-FR', { token });
    expect(french.body.data!.samples).toEqual([]);
    expect((await api.get('/voice/samples?sort=loudness', { token })).status).toBe(400);
  });

  it('updates name and description', async () => {
    const id = uploaded.get('synth mp3')!.sample_id;
    const response = await api.patch<SampleView>(
      `/voice/samples/${id}`,
      { name: 'Morning take', description: 'Kitchen, quiet' },
      { token },
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ sample_id: id, name: 'Morning take', description: 'Kitchen, quiet', status: 'ready' });
    expect((await api.patch(`/voice/samples/${id}`, { name: '' }, { token })).status).toBe(400);
  });

  it('keeps every sample from another user: 404 on get, patch and delete, and an empty list', async () => {
    const id = uploaded.get('synth flac')!.sample_id;
    for (const response of [
      await api.get(`/voice/samples/${id}`, { token: otherToken }),
      await api.patch(`/voice/samples/${id}`, { name: 'mine now' }, { token: otherToken }),
      await api.delete(`/voice/samples/${id}`, { token: otherToken }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error!.code).toBe('VOICE_SAMPLE_NOT_FOUND');
    }
    const list = await api.get<{ samples: unknown[] }>('/voice/samples', { token: otherToken });
    expect(list.body.data!.samples).toEqual([]);
    expect((await api.get<SampleView>(`/voice/samples/${id}`, { token })).body.data!.name).toBe('synth flac');
  });

  it('deletes a sample with its files', async () => {
    const id = uploaded.get('noisy')!.sample_id;
    const filesBefore = await api.get<{ files: unknown[]; pagination: { total_count: number } }>(
      '/files?purpose=voice_sample&page_size=100',
      {
        token,
      },
    );
    const deleted = await api.delete(`/voice/samples/${id}`, { token });
    expect({ status: deleted.status, error: deleted.body.error }).toEqual({ status: 200, error: undefined });
    expect((await api.get(`/voice/samples/${id}`, { token })).status).toBe(404);
    const filesAfter = await api.get<{ pagination: { total_count: number } }>('/files?purpose=voice_sample&page_size=100', { token });
    // The original and its normalised copy.
    expect(filesAfter.body.data!.pagination.total_count).toBe(filesBefore.body.data!.pagination.total_count - 2);
    expect((await api.delete(`/voice/samples/${id}`, { token })).status).toBe(404);
  });
});
