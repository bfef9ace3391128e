import { analyzeSpeech, decodeAudio, encodeWav, pcmAudio, semitonesBetween, shiftPitch } from '#audio';
import { startSixProcessPlatform, waitFor, type ApiClient, type SixProcessPlatform } from '#test-support';
import { uploadSample } from './support/sample-uploads.js';

const SAMPLE_TEXT = 'The train leaves the station at seven. Passengers hurry along the platform with their bags and coffee.';

/**
 * A voice profile through the production shape: the gateway and five services as separate processes,
 * the fitter's candidate renders and the profile resolution crossing RabbitMQ, profiles in PostgreSQL.
 */
describe('voice profiles (six processes, PostgreSQL + RabbitMQ)', () => {
  let platform: SixProcessPlatform | undefined;
  let api: ApiClient;
  let token: string;
  let otherToken: string;

  async function speak(
    as: string,
    body: Record<string, unknown>,
  ): Promise<{ status: number; samples?: Float32Array; sampleRate?: number }> {
    const response = await api.post<{ audio_url: string }>('/tts/synthesize', { ...body, config: { output_format: 'wav' } }, { token: as });
    if (response.status !== 200) return { status: response.status };
    const bytes = Buffer.from(await (await fetch(response.body.data!.audio_url)).arrayBuffer());
    const decoded = await decodeAudio(bytes, { maxSeconds: 120, timeoutMs: 10000 });
    return { status: 200, samples: decoded.audio.samples, sampleRate: decoded.audio.sampleRate };
  }

  beforeAll(async () => {
    platform = await startSixProcessPlatform('profiles');
    api = platform.api;
    token = (await api.signUp('owner@example.com')).token;
    otherToken = (await api.signUp('other@example.com')).token;
  }, 120000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('trains a profile from a pitch-shifted sample and speaks with it for its owner only', async () => {
    const plain = await waitFor(
      'first synthesis',
      async () => {
        const spoken = await speak(token, { text: SAMPLE_TEXT });
        return spoken.status === 503 || spoken.status === 504 ? undefined : spoken;
      },
      120000,
      500,
    );
    expect(plain.status).toBe(200);
    const shifted = shiftPitch(plain.samples!, plain.sampleRate!, 1.2);
    const samplePitch = analyzeSpeech(shifted, plain.sampleRate!).pitch.median_hz;
    const uploaded = await uploadSample(platform!.origin, token, encodeWav(pcmAudio(plain.sampleRate!, shifted)), {
      name: 'Shifted',
      filename: 'shifted.wav',
    });
    expect(uploaded.status).toBe(201);
    const sampleId = uploaded.body.data!.sample_id;
    await waitFor(
      'sample ready',
      async () =>
        (await api.get<{ status: string }>(`/voice/samples/${sampleId}`, { token })).body.data!.status === 'ready' ? true : undefined,
      60000,
      250,
    );

    const accepted = await api.post<{ training_job_id: string; voice_id: string }>(
      `/voice/samples/${sampleId}/train`,
      { consent: true, config: { epochs: 3, learning_rate: 0.003, batch_size: 3 } },
      { token },
    );
    expect(accepted.status).toBe(202);
    const { training_job_id: jobId, voice_id: profileId } = accepted.body.data!;
    const job = await waitFor(
      'training ends',
      async () => {
        const view = (await api.get<{ status: string }>(`/jobs/${jobId}`, { token })).body.data;
        return view && ['completed', 'failed', 'cancelled'].includes(view.status) ? view : undefined;
      },
      240000,
      500,
    );
    expect(job.status).toBe('completed');
    const profile = (
      await api.get<{ status: string; metrics: { distance_before: number; distance_after: number } }>(`/voices/${profileId}`, { token })
    ).body.data!;
    expect(profile.status).toBe('ready');
    expect(profile.metrics.distance_after).toBeLessThan(profile.metrics.distance_before);

    const spoken = await speak(token, { text: 'Please mind the gap between the train and the platform.', voice_id: profileId });
    expect(spoken.status).toBe(200);
    expect(Math.abs(semitonesBetween(samplePitch, analyzeSpeech(spoken.samples!, spoken.sampleRate!).pitch.median_hz))).toBeLessThan(1);

    expect((await api.get(`/voices/${profileId}`, { token: otherToken })).status).toBe(404);
    expect((await speak(otherToken, { text: 'Not mine.', voice_id: profileId })).status).toBe(404);
  }, 420000);
});
