import { join } from 'node:path';
import { credentials, loadPackageDefinition, Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { freePort, startTestPlatform, type TestPlatform } from '#test-support';
import { decodeWav, rmsOf } from './support/wav-file.js';

type Reply = Record<string, unknown>;
type UnaryMethod = (request: object, metadata: Metadata, callback: (error: ServiceError | null, response?: Reply) => void) => void;
type TtsClient = Client & { Synthesize: UnaryMethod; ListVoices: UnaryMethod };

const PASSWORD = 'Correct-horse-42';

/** Speech synthesis over gRPC (`voxify.v1.Tts`) on the embedded platform, with a stock @grpc/grpc-js client. */
describe('text to speech over gRPC (embedded platform)', () => {
  let platform: TestPlatform | undefined;
  let client: TtsClient;
  let token: string;

  function call(method: 'Synthesize' | 'ListVoices', request: object, bearer?: string) {
    const metadata = new Metadata();
    if (bearer !== undefined) metadata.set('authorization', `Bearer ${bearer}`);
    return new Promise<{ error: ServiceError | null; response?: Reply }>((resolve) =>
      client[method](request, metadata, (error, response) => resolve({ error, response })),
    );
  }

  beforeAll(async () => {
    const grpcPort = await freePort();
    platform = await startTestPlatform('grpc-tts-e2e', { GRPC_PORT: String(grpcPort) });
    const { api } = platform;
    const email = 'grpc-speaker@example.com';
    expect((await api.post('/auth/register', { email, password: PASSWORD, first_name: 'Grpc', last_name: 'Speaker' })).status).toBe(201);
    token = (await api.post<{ access_token: string }>('/auth/login', { email, password: PASSWORD })).body.data!.access_token;

    const definition = loadSync('voxify/v1/tts.proto', {
      includeDirs: [join(process.cwd(), 'proto')],
      keepCase: true,
      longs: Number,
      defaults: true,
    });
    const voxify = loadPackageDefinition(definition).voxify as unknown as {
      v1: { Tts: new (address: string, creds: unknown) => TtsClient };
    };
    client = new voxify.v1.Tts(`127.0.0.1:${grpcPort}`, credentials.createInsecure());
  }, 60000);

  afterAll(async () => {
    client?.close();
    await platform?.stop();
  });

  it('lists the default voice among the voices', async () => {
    const { error, response } = await call('ListVoices', {}, token);

    expect(error).toBeNull();
    const ids = (response!.voices as Array<{ id: string }>).map((voice) => voice.id);
    expect(ids).toContain('en_US-voxify-low:rms');
    expect(ids).toContain(response!.default_voice_id);
  });

  it('returns a WAV with a valid header, and the signed path of the stored file', async () => {
    const { error, response } = await call('Synthesize', { text: 'Hello over gRPC from Voxify.', sample_rate: 22050 }, token);

    expect(error).toBeNull();
    expect(response).toMatchObject({ format: 'wav', sample_rate: 22050 });
    const audio = response!.audio as Buffer;
    expect(audio.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(audio.subarray(8, 12).toString('latin1')).toBe('WAVE');
    expect(audio.readUInt32LE(4)).toBe(audio.length - 8);
    const wav = decodeWav(audio);
    expect({ audioFormat: wav.audioFormat, channels: wav.channels, bitsPerSample: wav.bitsPerSample, sampleRate: wav.sampleRate }).toEqual({
      audioFormat: 1,
      channels: 1,
      bitsPerSample: 16,
      sampleRate: 22050,
    });
    expect(wav.durationSeconds).toBeCloseTo(response!.duration_seconds as number, 2);
    expect(rmsOf(wav.samples)).toBeGreaterThan(300);
    expect(response!.audio_url).toMatch(/^\/api\/v1\/files\/file_\w+\?expires=\d+&signature=/);
  });

  it('answers UNAUTHENTICATED without credentials and INVALID_ARGUMENT for an unsupported format', async () => {
    const anonymous = await call('Synthesize', { text: 'Hello' });
    const badFormat = await call('Synthesize', { text: 'Hello', output_format: 'aiff' }, token);

    expect(anonymous.error?.code).toBe(status.UNAUTHENTICATED);
    expect(badFormat.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(badFormat.error?.metadata.get('voxify-error-code')).toEqual(['UNSUPPORTED_FORMAT']);
  });
});
