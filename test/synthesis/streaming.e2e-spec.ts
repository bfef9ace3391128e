import { join } from 'node:path';
import { credentials, loadPackageDefinition, Metadata, type Client, type ClientReadableStream } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { parseBuffer } from 'music-metadata';
import OpenAI from 'openai';
import { freePort, startTestPlatform, type TestPlatform } from '#test-support';
import { decodeWav, rmsOf } from './support/wav-file.js';

const PASSWORD = 'Correct-horse-42';
const TWO_SENTENCES = 'Streaming speech starts early. The second sentence follows the first.';
const FOUR_SENTENCES =
  'The first sentence leaves as soon as it is ready. The second one renders meanwhile. ' +
  'A third sentence keeps the pipeline busy. And the fourth one ends the stream.';

/** Seconds of speech a text of this length plausibly takes with the bundled voices at speed 1. */
function expectPlausibleDuration(seconds: number, text: string): void {
  expect(seconds).toBeGreaterThan(0.04 * text.length);
  expect(seconds).toBeLessThan(0.15 * text.length);
}

interface TimedBody {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** Milliseconds from sending the request to each read that returned data. */
  readsAt: number[];
}

async function timedFetch(url: string, init: RequestInit): Promise<TimedBody> {
  const started = performance.now();
  const response = await fetch(url, init);
  const reader = response.body!.getReader();
  const parts: Buffer[] = [];
  const readsAt: number[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    readsAt.push(performance.now() - started);
    parts.push(Buffer.from(value));
  }
  return { status: response.status, headers: response.headers, bytes: Buffer.concat(parts), readsAt };
}

function serverSentEvents(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n\n')
    .filter((block) => block.trim().length > 0)
    .map((block) => {
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return JSON.parse(data) as Record<string, unknown>;
    });
}

type StreamingMethod = (request: object, metadata: Metadata) => ClientReadableStream<Record<string, unknown>>;
type TtsClient = Client & { SynthesizeStream: StreamingMethod };

/** Streamed synthesis on the embedded platform: chunked HTTP, SSE, gRPC server streaming and OpenAI's stream formats. */
describe('streamed text to speech (embedded platform)', () => {
  let platform: TestPlatform | undefined;
  let origin: string;
  let token: string;
  let apiKey: string;
  let grpcPort: number;

  beforeAll(async () => {
    grpcPort = await freePort();
    platform = await startTestPlatform('streaming-e2e', { GRPC_PORT: String(grpcPort) });
    origin = platform.origin;
    const { api } = platform;
    const email = 'streamer@example.com';
    expect((await api.post('/auth/register', { email, password: PASSWORD, first_name: 'Stream', last_name: 'User' })).status).toBe(201);
    token = (await api.post<{ access_token: string }>('/auth/login', { email, password: PASSWORD })).body.data!.access_token;
    const created = await api.post<{ key: string }>('/auth/api-keys', { name: 'streaming', scopes: ['tts'] }, { token });
    expect(created.status).toBe(201);
    apiKey = created.body.data!.key;
  }, 60000);

  afterAll(async () => {
    await platform?.stop();
  });

  const streamRequest = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  it('streams a chunked WAV whose first bytes arrive before the whole body', async () => {
    const response = await timedFetch(
      `${origin}/api/v1/tts/stream`,
      streamRequest({ text: FOUR_SENTENCES, config: { sample_rate: 22050 } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('x-sample-rate')).toBe('22050');
    expect(response.headers.get('x-synthesis-id')).toMatch(/^syn_/);
    const wav = decodeWav(response.bytes);
    expect({ format: wav.audioFormat, channels: wav.channels, bits: wav.bitsPerSample, rate: wav.sampleRate }).toEqual({
      format: 1,
      channels: 1,
      bits: 16,
      rate: 22050,
    });
    expectPlausibleDuration(wav.durationSeconds, FOUR_SENTENCES);
    expect(rmsOf(wav.samples)).toBeGreaterThan(300);
    // Four sentences leave in (at least) four writes: the first one is read well before the last.
    expect(response.readsAt.length).toBeGreaterThanOrEqual(2);
    expect(response.readsAt[0]!).toBeLessThan(response.readsAt.at(-1)!);
  }, 60000);

  it('measures the time to the first byte of a two-sentence text', async () => {
    const response = await timedFetch(`${origin}/api/v1/tts/stream`, streamRequest({ text: TWO_SENTENCES }));
    expect(response.status).toBe(200);
    const total = response.readsAt.at(-1)!;
    console.log(
      `POST /tts/stream, 2 sentences: first byte after ${response.readsAt[0]!.toFixed(0)} ms, whole body after ${total.toFixed(0)} ms`,
    );
    expect(response.readsAt[0]!).toBeLessThan(total);
  }, 60000);

  it('streams raw s16le PCM with X-Sample-Rate, and mp3 and ogg/Opus files that decode to the same length', async () => {
    const pcm = await timedFetch(
      `${origin}/api/v1/tts/stream`,
      streamRequest({ text: TWO_SENTENCES, config: { output_format: 'pcm', sample_rate: 24000 } }),
    );
    expect(pcm.status).toBe(200);
    expect(pcm.headers.get('content-type')).toBe('audio/pcm');
    expect(pcm.headers.get('x-sample-rate')).toBe('24000');
    expect(pcm.bytes.length % 2).toBe(0);
    const pcmSeconds = pcm.bytes.length / 2 / 24000;
    expectPlausibleDuration(pcmSeconds, TWO_SENTENCES);

    for (const [format, mimeType] of [
      ['mp3', 'audio/mpeg'],
      ['ogg', 'audio/ogg'],
    ] as const) {
      const response = await timedFetch(
        `${origin}/api/v1/tts/stream`,
        streamRequest({ text: TWO_SENTENCES, config: { output_format: format } }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(mimeType);
      const metadata = await parseBuffer(response.bytes, { mimeType }, { duration: true });
      expect(Math.abs(metadata.format.duration! - pcmSeconds)).toBeLessThan(0.15);
    }
  }, 60000);

  it('answers errors found before the first byte with the JSON envelope', async () => {
    for (const [body, status, code] of [
      [{ text: 'Hello there.', voice_id: 'en_US-nobody:x' }, 404, 'VOICE_NOT_FOUND'],
      [{ text: '' }, 400, 'VALIDATION_ERROR'],
      [{ text: 'Hello there.', config: { output_format: 'flac' } }, 400, 'UNSUPPORTED_FORMAT'],
      [{ text: 'Hello there.', config: { sample_rate: 12345 } }, 400, 'UNSUPPORTED_SAMPLE_RATE'],
    ] as const) {
      const response = await fetch(`${origin}/api/v1/tts/stream`, streamRequest(body));
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toMatchObject({ success: false, error: { code } });
    }
    const sse = await fetch(`${origin}/api/v1/tts/synthesize/stream?text=Hi&voice_id=nobody`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(sse.status).toBe(404);
    expect(((await sse.json()) as { error: { code: string } }).error.code).toBe('VOICE_NOT_FOUND');
    expect(
      (await fetch(`${origin}/api/v1/tts/stream`, { ...streamRequest({ text: 'Hi.' }), headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(401);
  }, 60000);

  it('sends job_info, progress, a decodable audio_chunk per sentence and completed with a stored audio_url over SSE', async () => {
    const query = new URLSearchParams({ text: TWO_SENTENCES, format: 'wav', sample_rate: '16000', speed: '1.1' });
    const response = await timedFetch(`${origin}/api/v1/tts/synthesize/stream?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = serverSentEvents(response.bytes.toString('utf8'));
    expect(events.map((event) => event.type)).toEqual([
      'job_info',
      'progress',
      'audio_chunk',
      'progress',
      'audio_chunk',
      'progress',
      'completed',
    ]);
    const [jobInfo] = events;
    expect(jobInfo).toMatchObject({
      synthesis_id: expect.stringMatching(/^syn_/) as unknown,
      estimated_duration: expect.any(Number) as unknown,
    });
    expect(events.filter((event) => event.type === 'progress').map((event) => event.progress)).toEqual([0, 0.5, 1]);

    const chunks = events.filter((event) => event.type === 'audio_chunk');
    expect(chunks.map((chunk) => chunk.chunk_id)).toEqual([1, 2]);
    let chunkSeconds = 0;
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ format: 'wav', sample_rate: 16000 });
      const wav = decodeWav(Buffer.from(chunk.audio as string, 'base64'));
      expect(wav.sampleRate).toBe(16000);
      expect(wav.durationSeconds).toBeCloseTo(chunk.duration as number, 2);
      expect(rmsOf(wav.samples)).toBeGreaterThan(300);
      chunkSeconds += wav.durationSeconds;
    }

    // Word times run on the whole audio's timeline: the second sentence's words come after the first's.
    const words = chunks.map((chunk) => chunk.words as Array<{ word: string; start: number; end: number }>);
    expect(words[0]!.map((word) => word.word.toLowerCase())).toEqual(['streaming', 'speech', 'starts', 'early']);
    expect(words[1]![0]!.start).toBeGreaterThan(words[0]!.at(-1)!.end);
    expect(words[1]!.at(-1)!.end).toBeLessThanOrEqual(chunkSeconds + 0.01);

    const completed = events.at(-1)!;
    expect(completed.synthesis_id).toBe(jobInfo!.synthesis_id);
    expect(completed.duration as number).toBeCloseTo(chunkSeconds, 2);
    expect(completed.audio_url).toMatch(new RegExp(`^${origin}/api/v1/files/file_\\w+\\?expires=\\d+&signature=`));
    const stored = await fetch(completed.audio_url as string);
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-type')).toBe('audio/wav');
    const whole = decodeWav(Buffer.from(await stored.arrayBuffer()));
    expect(whole.durationSeconds).toBeCloseTo(completed.duration as number, 2);
  }, 60000);

  it('streams one message per sentence over gRPC whose audio joins into one WAV', async () => {
    const definition = loadSync('voxify/v1/tts.proto', {
      includeDirs: [join(process.cwd(), 'proto')],
      keepCase: true,
      longs: Number,
      defaults: true,
    });
    const voxify = loadPackageDefinition(definition).voxify as unknown as {
      v1: { Tts: new (address: string, creds: unknown) => TtsClient };
    };
    const client = new voxify.v1.Tts(`127.0.0.1:${grpcPort}`, credentials.createInsecure());
    try {
      const metadata = new Metadata();
      metadata.set('x-api-key', apiKey);
      const messages: Array<Record<string, unknown>> = [];
      await new Promise<void>((resolve, reject) => {
        const call = client.SynthesizeStream({ text: FOUR_SENTENCES, sample_rate: 22050 }, metadata);
        call.on('data', (message: Record<string, unknown>) => messages.push(message));
        call.on('error', reject);
        call.on('end', resolve);
      });
      expect(messages.map((message) => message.sequence_number)).toEqual([1, 2, 3, 4]);
      expect(messages.map((message) => message.last)).toEqual([false, false, false, true]);
      expect(messages.every((message) => message.format === 'wav' && message.sample_rate === 22050)).toBe(true);
      const wav = decodeWav(Buffer.concat(messages.map((message) => message.audio as Buffer)));
      expect(wav.sampleRate).toBe(22050);
      const announced = messages.reduce((sum, message) => sum + (message.duration_seconds as number), 0);
      expect(wav.durationSeconds).toBeCloseTo(announced, 2);
      expectPlausibleDuration(wav.durationSeconds, FOUR_SENTENCES);
      const starts = messages.flatMap((message) => (message.words as Array<{ start_seconds: number }>).map((word) => word.start_seconds));
      expect(starts.length).toBeGreaterThan(20);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));

      const refused = await new Promise<{ code?: number; trailer?: unknown }>((resolve) => {
        const call = client.SynthesizeStream({ text: 'Hi.', voice_id: 'nobody' }, metadata);
        call.on('data', () => undefined);
        call.on('error', (error: { code?: number; metadata?: Metadata }) =>
          resolve({ code: error.code, trailer: error.metadata?.get('voxify-error-code')[0] }),
        );
        call.on('end', () => resolve({}));
      });
      expect(refused).toEqual({ code: 5, trailer: 'VOICE_NOT_FOUND' });
    } finally {
      client.close();
    }
  }, 60000);

  it("streams OpenAI's speech.audio.delta events and chunked audio to the official SDK", async () => {
    const client = new OpenAI({ apiKey, baseURL: `${origin}/v1` });
    const sse = await client.audio.speech.create({
      model: 'tts-1',
      voice: 'alloy',
      input: TWO_SENTENCES,
      response_format: 'pcm',
      stream_format: 'sse',
    });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    const events = serverSentEvents(await sse.text());
    expect(events.at(-1)).toMatchObject({ type: 'speech.audio.done', usage: { input_tokens: TWO_SENTENCES.length } });
    const deltas = events.slice(0, -1);
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.every((event) => event.type === 'speech.audio.delta')).toBe(true);
    const pcm = Buffer.concat(deltas.map((event) => Buffer.from(event.audio as string, 'base64')));
    expectPlausibleDuration(pcm.length / 2 / 24000, TWO_SENTENCES);

    const audio = await client.audio.speech.create({ model: 'tts-1', voice: 'onyx', input: TWO_SENTENCES, stream_format: 'audio' });
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
    expect(audio.headers.get('transfer-encoding')).toBe('chunked');
    const metadata = await parseBuffer(Buffer.from(await audio.arrayBuffer()), { mimeType: 'audio/mpeg' }, { duration: true });
    expectPlausibleDuration(metadata.format.duration!, TWO_SENTENCES);
  }, 60000);
});
