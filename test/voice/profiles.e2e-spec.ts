import { analyzeSpeech, decodeAudio, encodeWav, pcmAudio, semitonesBetween, shiftPitch } from '#audio';
import { startTestPlatform, waitFor, type ApiClient, type TestPlatform } from '#test-support';
import { uploadSample } from './support/sample-uploads.js';

interface TrainingAccepted {
  training_job_id: string;
  estimated_duration: number;
  status: string;
  voice_id: string;
}

interface ProfileView {
  voice_id: string;
  kind: string;
  name: string;
  status: 'training' | 'ready' | 'failed';
  base_voice: string;
  sample_ids: string[];
  metrics: { distance_before: number | null; distance_after: number | null; pitch_hz: number | null; rendered_pitch_hz: number | null };
  mix_weights: Record<string, number> | null;
  pitch_factor: number | null;
  failure_reason: string | null;
  consent: { given_by: string; given_at: string };
}

interface JobView {
  job_id: string;
  type: string;
  status: string;
  progress: number;
  message: string | null;
  result: Record<string, unknown> | null;
}

const SAMPLE_TEXT =
  'Every morning the baker opens the small shop on the corner. She sells warm bread, sweet rolls and strong coffee. ' +
  'People wait in line because nothing in town tastes better.';
const PITCH_SHIFT = 1.2;

/** Voice profiles over REST on the embedded platform: a sample of a pitch-shifted speaker, trained into a voice. */
describe('voice profiles (embedded platform)', () => {
  let platform: TestPlatform | undefined;
  let api: ApiClient;
  let origin: string;
  let token: string;
  let otherToken: string;
  let userId: string;
  let sampleId: string;
  let samplePitchHz: number;
  let profileId: string;

  /** Speaks through the sync path and answers the decoded WAV. */
  async function speak(
    as: string,
    body: Record<string, unknown>,
  ): Promise<{ status: number; samples?: Float32Array; sampleRate?: number; code?: string }> {
    const response = await api.post<{ audio_url: string }>('/tts/synthesize', { ...body, config: { output_format: 'wav' } }, { token: as });
    if (response.status !== 200) return { status: response.status, code: response.body.error?.code };
    const audio = Buffer.from(await (await fetch(response.body.data!.audio_url)).arrayBuffer());
    const decoded = await decodeAudio(audio, { maxSeconds: 120, timeoutMs: 10000 });
    return { status: 200, samples: decoded.audio.samples, sampleRate: decoded.audio.sampleRate };
  }

  function stream(as: string, body: Record<string, unknown>): Promise<Response> {
    return fetch(`${origin}/api/v1/tts/stream`, {
      method: 'POST',
      headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, config: { output_format: 'wav' } }),
    });
  }

  /** Polls the job until it ends; `messages` collects the progress messages seen on the way. */
  async function jobEnds(jobId: string, messages: string[] = []): Promise<JobView> {
    return waitFor(
      `job ${jobId} ends`,
      async () => {
        const response = await api.get<JobView>(`/jobs/${jobId}`, { token });
        if (response.status === 504) return undefined; // a busy machine
        expect(response.status).toBe(200);
        if (response.body.data!.message) messages.push(response.body.data!.message);
        return ['completed', 'failed', 'cancelled'].includes(response.body.data!.status) ? response.body.data! : undefined;
      },
      240000,
      250,
    );
  }

  beforeAll(async () => {
    // The machine is shared with other suites: a start that misses the health deadline once is tried again.
    platform = await startTestPlatform('profiles-e2e').catch(() => startTestPlatform('profiles-e2e'));
    origin = platform.origin;
    api = platform.api;
    ({ token, userId } = await api.signUp('speaker@example.com'));
    ({ token: otherToken } = await api.signUp('stranger@example.com'));

    // The sample: the default voice, shifted up by 1.2 (a higher "speaker" the built-in table does not have).
    // Health answers before the voice models are warm; on a busy machine the first synthesis may time out.
    const plain = await waitFor(
      'first synthesis',
      async () => {
        const spoken = await speak(token, { text: SAMPLE_TEXT });
        if (spoken.status === 503 || spoken.status === 504) return undefined;
        return spoken;
      },
      120000,
      500,
    );
    expect(plain.status).toBe(200);
    const shifted = shiftPitch(plain.samples!, plain.sampleRate!, PITCH_SHIFT);
    samplePitchHz = analyzeSpeech(shifted, plain.sampleRate!).pitch.median_hz;
    const uploaded = await uploadSample(origin, token, encodeWav(pcmAudio(plain.sampleRate!, shifted)), {
      name: 'Shifted speaker',
      language: 'en-US',
      filename: 'shifted.wav',
    });
    expect(uploaded.status).toBe(201);
    sampleId = uploaded.body.data!.sample_id;
    const ready = await waitFor(
      'sample analysed',
      async () => {
        const response = await api.get<{ status: string }>(`/voice/samples/${sampleId}`, { token });
        return response.body.data!.status === 'uploaded' ? undefined : response.body.data!;
      },
      60000,
      250,
    );
    expect(ready.status).toBe('ready');
  }, 360000);

  afterAll(async () => {
    await platform?.stop();
  });

  it("refuses training without the speaker's consent, from another user's sample, or with a nonsensical config", async () => {
    const noConsent = await api.post(`/voice/samples/${sampleId}/train`, { config: { epochs: 2 } }, { token });
    expect({ status: noConsent.status, code: noConsent.body.error?.code }).toEqual({ status: 400, code: 'CONSENT_REQUIRED' });
    const falseConsent = await api.post(`/voice/samples/${sampleId}/train`, { consent: false }, { token });
    expect(falseConsent.body.error?.code).toBe('CONSENT_REQUIRED');

    const foreign = await api.post(`/voice/samples/${sampleId}/train`, { consent: true }, { token: otherToken });
    expect({ status: foreign.status, code: foreign.body.error?.code }).toEqual({ status: 404, code: 'VOICE_SAMPLE_NOT_FOUND' });

    const badConfig = await api.post(`/voice/samples/${sampleId}/train`, { consent: true, config: { epochs: 0 } }, { token });
    expect({ status: badConfig.status, code: badConfig.body.error?.code }).toEqual({ status: 400, code: 'VALIDATION_ERROR' });
  });

  it("trains a profile whose pitch lands within a semitone of the sample and whose distance is lower than the base speaker's", async () => {
    const accepted = await api.post<TrainingAccepted>(
      `/voice/samples/${sampleId}/train`,
      { consent: true, name: 'My shifted voice', config: { epochs: 4, learning_rate: 0.003, batch_size: 4 } },
      { token },
    );
    expect(accepted.status).toBe(202);
    expect(accepted.body.message).toBe('Voice training job created');
    expect(accepted.body.data).toMatchObject({
      status: 'pending',
      training_job_id: expect.stringMatching(/^job_/),
      voice_id: expect.stringMatching(/^vp_/),
    });
    expect(accepted.body.data!.estimated_duration).toBeGreaterThan(0);
    profileId = accepted.body.data!.voice_id;

    const whileTraining = await api.get<ProfileView>(`/voices/${profileId}`, { token });
    expect(whileTraining.body.data!.status).toMatch(/training|ready/);

    const messages: string[] = [];
    const job = await jobEnds(accepted.body.data!.training_job_id, messages);
    expect(job).toMatchObject({ status: 'completed', type: 'voice_training', progress: 1, result: { voice_id: profileId } });
    // Progress events and the end travel separately: whichever came last, an epoch's or the final report was seen.
    const reports = [...messages, job.message ?? ''];
    expect(reports.some((message) => /^(epoch [1-4]\/4|done), distance \d+\.\d{3}/.test(message))).toBe(true);

    const profile = (await api.get<ProfileView>(`/voices/${profileId}`, { token })).body.data!;
    expect(profile).toMatchObject({
      kind: 'profile',
      status: 'ready',
      name: 'My shifted voice',
      sample_ids: [sampleId],
      base_voice: 'en_US-voxify-low',
    });
    expect(profile.consent.given_by).toBe(userId);
    expect(Date.parse(profile.consent.given_at)).toBeGreaterThan(Date.now() - 10 * 60 * 1000);
    expect(profile.metrics.distance_after!).toBeLessThan(profile.metrics.distance_before!);
    expect(Math.abs(semitonesBetween(samplePitchHz, profile.metrics.rendered_pitch_hz!))).toBeLessThan(1);

    // Synthesis with the profile id: a different sentence, measured here.
    const spoken = await speak(token, { text: 'Thank you for calling. Your order will arrive on Tuesday afternoon.', voice_id: profileId });
    expect(spoken.status).toBe(200);
    const spokenPitch = analyzeSpeech(spoken.samples!, spoken.sampleRate!).pitch.median_hz;
    expect(Math.abs(semitonesBetween(samplePitchHz, spokenPitch))).toBeLessThan(1);

    // …and on the streamed path (plan, then one render per sentence).
    const streamed = await stream(token, { text: 'The garden was quiet. Only the birds were singing.', voice_id: profileId });
    expect(streamed.status).toBe(200);
    const decoded = await decodeAudio(Buffer.from(await streamed.arrayBuffer()), { maxSeconds: 60, timeoutMs: 10000 });
    const streamedPitch = analyzeSpeech(decoded.audio.samples, decoded.audio.sampleRate).pitch.median_hz;
    expect(Math.abs(semitonesBetween(samplePitchHz, streamedPitch))).toBeLessThan(1);
  }, 300000);

  it('lists built-in voices and the profile, previews it and finds its nearest voices', async () => {
    const list = await api.get<{ voices: Array<{ voice_id: string; kind: string; status: string }>; pagination: { total_count: number } }>(
      '/voices?page=1&page_size=100',
      { token },
    );
    expect(list.status).toBe(200);
    const kinds = list.body.data!.voices.map((voice) => `${voice.kind}:${voice.status}`);
    expect(kinds).toContain('builtin:ready');
    expect(list.body.data!.voices.find((voice) => voice.voice_id === profileId)).toMatchObject({ kind: 'profile', status: 'ready' });
    expect(list.body.data!.pagination.total_count).toBe(list.body.data!.voices.length);

    const paged = await api.get<{ voices: Array<{ voice_id: string }> }>(`/voices?page=2&page_size=${list.body.data!.voices.length - 1}`, {
      token,
    });
    expect(paged.body.data!.voices.map((voice) => voice.voice_id)).toEqual([list.body.data!.voices.at(-1)!.voice_id]);

    const preview = await fetch(`${origin}/api/v1/voices/${profileId}/preview`, { headers: { authorization: `Bearer ${token}` } });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toMatch(/audio\/wav/);
    expect((await preview.arrayBuffer()).byteLength).toBeGreaterThan(10000);

    const similar = await api.get<{ voices: Array<{ voice_id: string; kind: string; distance: number }> }>(
      `/voices/${profileId}/similar?limit=3`,
      {
        token,
      },
    );
    expect(similar.status).toBe(200);
    const distances = similar.body.data!.voices.map((voice) => voice.distance);
    expect(distances.length).toBe(3);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(similar.body.data!.voices.every((voice) => voice.voice_id !== profileId)).toBe(true);

    // A built-in voice: readable, not deletable, and its neighbours include the profile trained near it.
    const builtin = list.body.data!.voices.find((voice) => voice.kind === 'builtin')!.voice_id;
    expect((await api.get<{ voice_id: string }>(`/voices/${builtin}`, { token })).body.data!.voice_id).toBe(builtin);
    expect((await api.delete(`/voices/${builtin}`, { token })).status).toBe(403);
    const aroundBuiltin = await api.get<{ voices: Array<{ voice_id: string }> }>(`/voices/${builtin}/similar?limit=50`, { token });
    expect(aroundBuiltin.body.data!.voices.map((voice) => voice.voice_id)).toContain(profileId);
    expect((await api.get(`/voices/nobody:nothing`, { token })).body.error?.code).toBe('VOICE_NOT_FOUND');
  }, 120000);

  it('keeps the profile to its owner: another user can neither read, list, synthesise with, nor delete it', async () => {
    const read = await api.get(`/voices/${profileId}`, { token: otherToken });
    expect({ status: read.status, code: read.body.error?.code }).toEqual({ status: 404, code: 'VOICE_PROFILE_NOT_FOUND' });
    const similar = await api.get(`/voices/${profileId}/similar`, { token: otherToken });
    expect(similar.status).toBe(404);
    const list = await api.get<{ voices: Array<{ voice_id: string }> }>('/voices?page_size=100', { token: otherToken });
    expect(list.body.data!.voices.some((voice) => voice.voice_id === profileId)).toBe(false);
    expect(await speak(otherToken, { text: 'Not my voice.', voice_id: profileId })).toEqual({ status: 404, code: 'VOICE_NOT_FOUND' });
    expect((await stream(otherToken, { text: 'Not my voice either.', voice_id: profileId })).status).toBe(404);
    const preview = await fetch(`${origin}/api/v1/voices/${profileId}/preview`, { headers: { authorization: `Bearer ${otherToken}` } });
    expect(preview.status).toBe(404);
    const deleted = await api.delete(`/voices/${profileId}`, { token: otherToken });
    expect({ status: deleted.status, code: deleted.body.error?.code }).toEqual({ status: 404, code: 'VOICE_PROFILE_NOT_FOUND' });
    expect((await api.get(`/voices/${profileId}`, { token })).status).toBe(200);
  });

  it('cancels a training: the job ends cancelled and the profile failed; the owner can delete it', async () => {
    const accepted = await api.post<TrainingAccepted>(
      `/voice/samples/${sampleId}/train`,
      { consent: true, config: { epochs: 100, learning_rate: 0.001, batch_size: 16 } },
      { token },
    );
    expect(accepted.status).toBe(202);
    const { training_job_id: jobId, voice_id: cancelledId } = accepted.body.data!;
    await waitFor(
      'training running',
      async () => ((await api.get<JobView>(`/jobs/${jobId}`, { token })).body.data!.status === 'running' ? true : undefined),
      60000,
      100,
    );
    expect((await api.post(`/jobs/${jobId}/cancel`, undefined, { token })).status).toBeLessThan(300);
    expect((await jobEnds(jobId)).status).toBe('cancelled');
    const profile = await waitFor(
      'profile marked failed',
      async () => {
        const view = (await api.get<ProfileView>(`/voices/${cancelledId}`, { token })).body.data!;
        return view.status === 'failed' ? view : undefined;
      },
      30000,
      200,
    );
    expect(profile.failure_reason).toMatch(/cancel/i);

    expect((await api.delete(`/voices/${cancelledId}`, { token })).status).toBe(200);
    expect((await api.get(`/voices/${cancelledId}`, { token })).status).toBe(404);
  }, 120000);

  it('deletes the profiles trained only from a sample when the sample is deleted', async () => {
    const deleted = await api.delete(`/voice/samples/${sampleId}`, { token });
    expect({ status: deleted.status, error: deleted.body.error }).toEqual({ status: 200, error: undefined });
    await waitFor(
      'profile of the deleted sample gone',
      async () => ((await api.get(`/voices/${profileId}`, { token })).status === 404 ? true : undefined),
      30000,
      200,
    );
    expect(await speak(token, { text: 'Gone.', voice_id: profileId })).toEqual({ status: 404, code: 'VOICE_NOT_FOUND' });
  }, 60000);
});
