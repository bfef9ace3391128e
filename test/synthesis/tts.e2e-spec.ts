import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBuffer } from 'music-metadata';
import { startTestPlatform, type ApiClient, type TestPlatform } from '#test-support';
import { recognizeWords } from './support/speech-recognizer.js';
import { decodeWav, rmsOf } from './support/wav-file.js';

interface SynthesisResult {
  synthesis_id: string;
  file_id: string;
  audio_url: string;
  duration: number;
  format: string;
  sample_rate: number;
}

const PANGRAM = 'The quick brown fox jumps over the lazy dog.';

/** Speech synthesis over REST on the embedded platform (all six apps in one process, the real default voice). */
describe('text to speech (embedded platform)', () => {
  let platform: TestPlatform | undefined;
  let api: ApiClient;
  let origin: string;
  let token: string;
  let otherToken: string;

  async function synthesize(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${origin}/api/v1/tts/synthesize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  async function synthesizeJson(body: unknown): Promise<SynthesisResult> {
    const response = await synthesize(body);
    const envelope = (await response.json()) as { data: SynthesisResult };
    expect(response.status).toBe(200);
    return envelope.data;
  }

  /** Fetches a URL with no credentials at all, as an `<audio src>` would. */
  async function download(url: string): Promise<{ status: number; contentType: string | null; bytes: Buffer }> {
    const response = await fetch(url);
    return { status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  }

  function expectSpeech(bytes: Buffer, sampleRate: number, text: string): ReturnType<typeof decodeWav> {
    const wav = decodeWav(bytes);
    expect({ audioFormat: wav.audioFormat, channels: wav.channels, bitsPerSample: wav.bitsPerSample, sampleRate: wav.sampleRate }).toEqual({
      audioFormat: 1,
      channels: 1,
      bitsPerSample: 16,
      sampleRate,
    });
    expect(wav.durationSeconds).toBeGreaterThan(0.05 * text.length);
    expect(wav.durationSeconds).toBeLessThan(0.2 * text.length);
    expect(rmsOf(wav.samples)).toBeGreaterThan(300);
    return wav;
  }

  beforeAll(async () => {
    platform = await startTestPlatform('tts-e2e');
    origin = platform.origin;
    api = platform.api;
    token = (await api.signUp('speaker@example.com')).token;
    otherToken = (await api.signUp('listener@example.com')).token;
  }, 60000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('lists every speaker of the default voice', async () => {
    const response = await api.get<{ voices: Array<{ voice_id: string; sample_rate: number }>; default_voice_id: string }>('/tts/voices', {
      token,
    });
    expect(response.status).toBe(200);
    const ids = response.body.data!.voices.map((voice) => voice.voice_id);
    expect(ids).toEqual(
      expect.arrayContaining(['en_US-voxify-low:slt', 'en_US-voxify-low:rms', 'en_US-voxify-low:awb', 'en_US-voxify-low:kal']),
    );
    expect(ids).toContain(response.body.data!.default_voice_id);
    expect((await api.get('/tts/voices')).status).toBe(401);
  });

  it('speaks a sentence into a stored WAV whose absolute signed URL plays without credentials', async () => {
    const text = 'Hello from Voxify, your voice on demand.';
    const result = await synthesizeJson({ text });
    expect(result).toMatchObject({ format: 'wav', sample_rate: 16000 });
    expect(result.synthesis_id).toMatch(/^syn_/);
    expect(result.file_id).toMatch(/^file_/);
    expect(result.audio_url.startsWith(`${origin}/api/v1/files/${result.file_id}?`)).toBe(true);

    const audio = await download(result.audio_url);
    expect(audio.status).toBe(200);
    expect(audio.contentType).toBe('audio/wav');
    const wav = expectSpeech(audio.bytes, 16000, text);
    expect(wav.durationSeconds).toBeCloseTo(result.duration, 2);
  });

  it('resamples to the requested rate and honours speed', async () => {
    const text = 'Resampled speech sounds the same.';
    const normal = await synthesizeJson({ text, voice_id: 'en_US-voxify-low:rms', config: { sample_rate: 22050 } });
    expect(normal.sample_rate).toBe(22050);
    expectSpeech((await download(normal.audio_url)).bytes, 22050, text);
    const fast = await synthesizeJson({ text, voice_id: 'en_US-voxify-low:rms', config: { sample_rate: 22050, speed: 2 } });
    expect(fast.duration).toBeLessThan(normal.duration * 0.75);
  });

  it('speaks mp3, ogg (Opus) and flac that music-metadata reads with a plausible duration', async () => {
    const text = 'Compressed speech for every player.';
    const expected = [
      ['mp3', 'audio/mpeg', 'MPEG'],
      ['ogg', 'audio/ogg', 'Ogg'],
      ['flac', 'audio/flac', 'FLAC'],
    ] as const;
    for (const [format, contentType, container] of expected) {
      const result = await synthesizeJson({ text, config: { output_format: format, sample_rate: 24000 } });
      expect(result).toMatchObject({ format, sample_rate: 24000 });
      const audio = await download(result.audio_url);
      expect({ format, status: audio.status, contentType: audio.contentType }).toEqual({ format, status: 200, contentType });
      const metadata = await parseBuffer(audio.bytes, contentType, { duration: true });
      expect({ format, container: metadata.format.container, channels: metadata.format.numberOfChannels }).toEqual({
        format,
        container,
        channels: 1,
      });
      const duration = metadata.format.duration ?? 0;
      expect(duration).toBeGreaterThan(0.05 * text.length);
      expect(duration).toBeLessThan(0.2 * text.length);
      expect(Math.abs(duration / result.duration - 1)).toBeLessThan(0.05);
    }
  });

  it('answers the audio bytes themselves for Accept: audio/wav and audio/*', async () => {
    for (const accept of ['audio/wav', 'audio/*']) {
      const response = await synthesize({ text: 'Straight to the speaker.' }, { accept });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('audio/wav');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
      expectSpeech(bytes, 16000, 'Straight to the speaker.');
    }
  });

  it('refuses bad input with 400 (or 404 for an unknown voice) and a clear code', async () => {
    const cases: Array<[body: unknown, status: number, code: string]> = [
      [{ text: '' }, 400, 'VALIDATION_ERROR'],
      [{ text: '   ' }, 400, 'VALIDATION_ERROR'],
      [{ text: 'x'.repeat(5001) }, 400, 'VALIDATION_ERROR'],
      [{ text: 'Hello', voice_id: 'en_US-nobody:x' }, 404, 'VOICE_NOT_FOUND'],
      [{ text: 'Hello', config: { speed: 5 } }, 400, 'VALIDATION_ERROR'],
      [{ text: 'Hello', config: { speed: 0.1 } }, 400, 'VALIDATION_ERROR'],
      [{ text: 'Hello', config: { volume: 3 } }, 400, 'VALIDATION_ERROR'],
      [{ text: 'Hello', config: { pitch: 20 } }, 400, 'VALIDATION_ERROR'],
      [{ text: 'Hello', config: { pitch: 0.4 } }, 400, 'VALIDATION_ERROR'],
      [{ text: 'Hello', config: { output_format: 'aac' } }, 400, 'UNSUPPORTED_FORMAT'],
      [{ text: 'Hello', config: { sample_rate: 12345 } }, 400, 'UNSUPPORTED_SAMPLE_RATE'],
    ];
    for (const [body, status, code] of cases) {
      const response = await synthesize(body);
      const envelope = (await response.json()) as { error?: { code: string } };
      expect({ body, status: response.status, code: envelope.error?.code }).toEqual({ body, status, code });
    }
  });

  it('keeps the file private to its owner while the signed URL works for anyone', async () => {
    const result = await synthesizeJson({ text: 'For your ears only.' });
    const owner = await fetch(`${origin}/api/v1/files/${result.file_id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(owner.status).toBe(200);
    const stranger = await fetch(`${origin}/api/v1/files/${result.file_id}`, { headers: { authorization: `Bearer ${otherToken}` } });
    expect(stranger.status).toBe(404);
    expect((await download(result.audio_url)).status).toBe(200);
    const tampered = result.audio_url.replace(/signature=[^&]+/, 'signature=AAAA');
    expect((await download(tampered)).status).toBe(403);
  });

  it('is intelligible: pocketsphinx hears most words of a sentence', async () => {
    const result = await synthesizeJson({ text: PANGRAM, voice_id: 'en_US-voxify-low:slt' });
    const wavPath = join(platform!.dataDir, 'pangram.wav');
    await writeFile(wavPath, (await download(result.audio_url)).bytes);
    const heard = await recognizeWords(wavPath);
    const expected = PANGRAM.toLowerCase()
      .replace(/[^a-z ]/g, '')
      .split(' ');
    const recognised = expected.filter((word) => heard.includes(word));
    // Compared as one object so that a failure shows what the recogniser heard.
    expect({ heard: heard.join(' '), enough: recognised.length >= Math.ceil(expected.length * 0.6) }).toEqual({
      heard: heard.join(' '),
      enough: true,
    });
  }, 60000);
});
