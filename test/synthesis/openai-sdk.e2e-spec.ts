import { parseBuffer } from 'music-metadata';
import OpenAI from 'openai';
import { startTestPlatform, type TestPlatform } from '#test-support';

const PASSWORD = 'Correct-horse-42';
const SENTENCE = 'Hello from Voxify, speaking through the OpenAI client.';

/** The official OpenAI SDK, unchanged, against POST /v1/audio/speech of the embedded platform. */
describe('OpenAI SDK speech (embedded platform)', () => {
  let platform: TestPlatform | undefined;
  let client: OpenAI;

  async function speechBytes(body: OpenAI.Audio.SpeechCreateParams): Promise<Buffer> {
    const response = await client.audio.speech.create(body);
    return Buffer.from(await response.arrayBuffer());
  }

  beforeAll(async () => {
    platform = await startTestPlatform('openai-e2e');
    const { origin, api } = platform;
    const email = 'sdk-user@example.com';
    expect((await api.post('/auth/register', { email, password: PASSWORD, first_name: 'Sdk', last_name: 'User' })).status).toBe(201);
    const login = await api.post<{ access_token: string }>('/auth/login', { email, password: PASSWORD });
    const created = await api.post<{ key: string }>(
      '/auth/api-keys',
      { name: 'openai-sdk', scopes: ['tts'] },
      { token: login.body.data!.access_token },
    );
    expect(created.status).toBe(201);
    const key = created.body.data!.key;
    expect(key).toMatch(/^vx_/);
    client = new OpenAI({ apiKey: key, baseURL: `${origin}/v1` });
  }, 60000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('speaks an mp3 by default, with a duration that fits the sentence', async () => {
    const bytes = await speechBytes({ model: 'tts-1', voice: 'alloy', input: SENTENCE });
    const metadata = await parseBuffer(bytes, { mimeType: 'audio/mpeg' });
    expect(metadata.format.codec).toMatch(/MPEG/);
    expect(metadata.format.duration).toBeGreaterThan(0.05 * SENTENCE.length);
    expect(metadata.format.duration).toBeLessThan(0.2 * SENTENCE.length);
  });

  it('answers a RIFF/WAVE file for response_format wav, in one of our voices', async () => {
    const bytes = await speechBytes({
      model: 'tts-1-hd',
      voice: 'en_US-voxify-low:rms',
      input: SENTENCE,
      response_format: 'wav',
      speed: 1.25,
    });
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
  });

  it('answers 24 kHz 16-bit PCM for response_format pcm', async () => {
    const bytes = await speechBytes({ model: 'gpt-4o-mini-tts', voice: 'onyx', input: SENTENCE, response_format: 'pcm' });
    const seconds = bytes.length / (24000 * 2);
    expect(bytes.length % 2).toBe(0);
    expect(seconds).toBeGreaterThan(0.05 * SENTENCE.length);
    expect(seconds).toBeLessThan(0.2 * SENTENCE.length);
  });

  it('refuses aac with a 400 that the SDK raises as an APIError', async () => {
    const error: unknown = await client.audio.speech
      .create({ model: 'tts-1', voice: 'alloy', input: SENTENCE, response_format: 'aac' })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
  });
});
