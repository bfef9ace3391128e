import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, loadPackageDefinition, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { parseBuffer } from 'music-metadata';
import OpenAI from 'openai';
import { startSixProcessPlatform, waitFor, type SixProcessPlatform } from '#test-support';
import { recognizeWords } from './support/speech-recognizer.js';
import { decodeWav, rmsOf } from './support/wav-file.js';

const PASSWORD = 'Correct-horse-42';
const PANGRAM = 'The quick brown fox jumps over the lazy dog.';
const TWO_SENTENCES = 'Streams cross the broker one sentence at a time. The second sentence follows the first.';

type StreamingMethod = (request: object, metadata: Metadata) => NodeJS.EventEmitter;
type UnaryMethod = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response?: Record<string, unknown>) => void,
) => void;

/**
 * Speech synthesis through the production shape: the gateway and five services as separate processes,
 * every request crossing RabbitMQ and every result stored through the storage service.
 */
describe('text to speech (six processes, PostgreSQL + RabbitMQ)', () => {
  let platform: SixProcessPlatform | undefined;
  let token: string;
  let scratch: string;

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${platform!.origin}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  function expectPlausibleDuration(seconds: number | undefined, text: string): void {
    expect(seconds).toBeGreaterThan(0.05 * text.length);
    expect(seconds).toBeLessThan(0.2 * text.length);
  }

  beforeAll(async () => {
    platform = await startSixProcessPlatform('six-tts');
    scratch = await mkdtemp(join(tmpdir(), 'six-tts-'));
    const email = 'six-speaker@example.com';
    expect((await platform.api.post('/auth/register', { email, password: PASSWORD, first_name: 'Six', last_name: 'Speaker' })).status).toBe(
      201,
    );
    token = (await platform.api.post<{ access_token: string }>('/auth/login', { email, password: PASSWORD })).body.data!.access_token;
  }, 90000);

  afterAll(async () => {
    await platform?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('lists the voices of the synthesis process', async () => {
    const response = await platform!.api.get<{ voices: Array<{ voice_id: string }>; default_voice_id: string }>('/tts/voices', { token });
    expect(response.status).toBe(200);
    expect(response.body.data!.voices.map((voice) => voice.voice_id)).toContain('en_US-voxify-low:slt');
  });

  it('speaks each format into a stored file that decodes with the right rate and a plausible duration', async () => {
    const text = 'Every format crosses the broker and the storage service.';
    const expected = [
      ['wav', 'audio/wav', 'WAVE'],
      ['mp3', 'audio/mpeg', 'MPEG'],
      ['ogg', 'audio/ogg', 'Ogg'],
      ['flac', 'audio/flac', 'FLAC'],
    ] as const;
    for (const [format, contentType, container] of expected) {
      const response = await post('/api/v1/tts/synthesize', { text, config: { output_format: format, sample_rate: 24000 } });
      expect({ format, status: response.status }).toEqual({ format, status: 200 });
      const result = ((await response.json()) as { data: { audio_url: string; duration: number; sample_rate: number } }).data;
      expect(result.sample_rate).toBe(24000);
      const audio = await fetch(result.audio_url);
      expect({ format, status: audio.status, type: audio.headers.get('content-type') }).toEqual({ format, status: 200, type: contentType });
      const metadata = await parseBuffer(Buffer.from(await audio.arrayBuffer()), contentType, { duration: true });
      expect({ format, container: metadata.format.container }).toEqual({ format, container });
      // Opus always decodes at 48 kHz; its header only records the input rate.
      if (format !== 'ogg') expect(metadata.format.sampleRate).toBe(24000);
      expectPlausibleDuration(metadata.format.duration, text);
    }
  });

  it('is intelligible through the six processes: pocketsphinx hears most words', async () => {
    const response = await post('/api/v1/tts/synthesize', { text: PANGRAM, voice_id: 'en_US-voxify-low:slt' }, { accept: 'audio/wav' });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    const wav = decodeWav(bytes);
    expect(wav.sampleRate).toBe(16000);
    expect(rmsOf(wav.samples)).toBeGreaterThan(300);
    const path = join(scratch, 'pangram.wav');
    await writeFile(path, bytes);
    const heard = await recognizeWords(path);
    const expected = PANGRAM.toLowerCase()
      .replace(/[^a-z ]/g, '')
      .split(' ');
    const recognised = expected.filter((word) => heard.includes(word));
    expect({ heard: heard.join(' '), enough: recognised.length >= Math.ceil(expected.length * 0.6) }).toEqual({
      heard: heard.join(' '),
      enough: true,
    });
  }, 60000);

  it('serves the OpenAI-compatible endpoint to the official SDK', async () => {
    const created = await platform!.api.post<{ key: string }>('/auth/api-keys', { name: 'six-sdk', scopes: ['tts'] }, { token });
    expect(created.status).toBe(201);
    const client = new OpenAI({ apiKey: created.body.data!.key, baseURL: `${platform!.origin}/v1` });
    const speech = await client.audio.speech.create({ model: 'tts-1', voice: 'nova', input: PANGRAM, response_format: 'flac' });
    const metadata = await parseBuffer(Buffer.from(await speech.arrayBuffer()), { mimeType: 'audio/flac' }, { duration: true });
    expect(metadata.format.container).toBe('FLAC');
    expectPlausibleDuration(metadata.format.duration, PANGRAM);
  });

  it('answers gRPC Synthesize from the gateway process', async () => {
    const definition = loadSync('voxify/v1/tts.proto', {
      includeDirs: [join(process.cwd(), 'proto')],
      keepCase: true,
      longs: Number,
      defaults: true,
    });
    const voxify = loadPackageDefinition(definition).voxify as unknown as {
      v1: { Tts: new (address: string, creds: unknown) => Client & { Synthesize: UnaryMethod; SynthesizeStream: StreamingMethod } };
    };
    const client = new voxify.v1.Tts(`127.0.0.1:${platform!.grpcPort}`, credentials.createInsecure());
    try {
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${token}`);
      const { error, response } = await new Promise<{ error: ServiceError | null; response?: Record<string, unknown> }>((resolve) =>
        client.Synthesize({ text: PANGRAM, sample_rate: 22050 }, metadata, (err, reply) => resolve({ error: err, response: reply })),
      );
      expect(error).toBeNull();
      const wav = decodeWav(response!.audio as Buffer);
      expect(wav.sampleRate).toBe(22050);
      expectPlausibleDuration(wav.durationSeconds, PANGRAM);

      const messages: Array<Record<string, unknown>> = [];
      await new Promise<void>((resolve, reject) => {
        const call = client.SynthesizeStream({ text: TWO_SENTENCES }, metadata);
        call.on('data', (message: Record<string, unknown>) => messages.push(message));
        call.on('error', reject);
        call.on('end', resolve);
      });
      expect(messages.map((message) => message.sequence_number)).toEqual([1, 2]);
      const streamed = decodeWav(Buffer.concat(messages.map((message) => message.audio as Buffer)));
      expect(streamed.sampleRate).toBe(16000);
      expectPlausibleDuration(streamed.durationSeconds, TWO_SENTENCES);
    } finally {
      client.close();
    }
  });

  it('streams chunked audio over POST /tts/stream, sentence by sentence through RabbitMQ', async () => {
    const response = await post('/api/v1/tts/stream', { text: TWO_SENTENCES, config: { output_format: 'wav' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const bytes = Buffer.from(await response.arrayBuffer());
    const metadata = await parseBuffer(bytes, 'audio/wav', { duration: true });
    expect(metadata.format.sampleRate).toBe(16000);
    expectPlausibleDuration(metadata.format.duration, TWO_SENTENCES);
  });

  it('sends the SSE events with decodable chunks and a stored audio_url', async () => {
    const query = new URLSearchParams({ text: TWO_SENTENCES, format: 'mp3' });
    const response = await fetch(`${platform!.origin}/api/v1/tts/synthesize/stream?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const events = (await response.text())
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => JSON.parse(block.slice(6)) as Record<string, unknown>);
    expect(events.map((event) => event.type).filter((type) => type !== 'progress')).toEqual([
      'job_info',
      'audio_chunk',
      'audio_chunk',
      'completed',
    ]);
    for (const chunk of events.filter((event) => event.type === 'audio_chunk')) {
      const decoded = await parseBuffer(Buffer.from(chunk.audio as string, 'base64'), 'audio/mpeg', { duration: true });
      expect(decoded.format.duration).toBeGreaterThan(0.5);
    }
    const stored = await fetch(events.at(-1)!.audio_url as string);
    expect(stored.status).toBe(200);
    const metadata = await parseBuffer(Buffer.from(await stored.arrayBuffer()), 'audio/mpeg', { duration: true });
    expectPlausibleDuration(metadata.format.duration, TWO_SENTENCES);
  });

  it('runs an async synthesis as a job on the synthesis process and stores its audio', async () => {
    const text = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the long read is spoken by the job.`).join(' ');
    const accepted = await post('/api/v1/tts/synthesize/async', { text, config: { output_format: 'flac' } });
    expect(accepted.status).toBe(202);
    const { job_id: jobId } = ((await accepted.json()) as { data: { job_id: string } }).data;
    const done = await waitFor(
      'the async synthesis job to complete',
      async () => {
        const job = await platform!.api.get<{ status: string; result?: { audio_url: string } }>(`/jobs/${jobId}`, { token });
        return job.body.data?.status === 'completed' ? job.body.data : undefined;
      },
      60000,
      300,
    );
    const audio = await fetch(new URL(done.result!.audio_url, platform!.origin));
    expect(audio.status).toBe(200);
    const metadata = await parseBuffer(Buffer.from(await audio.arrayBuffer()), 'audio/flac', { duration: true });
    expectPlausibleDuration(metadata.format.duration, text);
  }, 90000);
});
