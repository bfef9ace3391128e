import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { credentials, loadPackageDefinition, Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import {
  ApplicationError,
  GetStoredFileQuery,
  ListVoicesQuery,
  StorageErrorCode,
  SynthesisErrorCode,
  SynthesizeSpeechCommand,
  type PayloadOf,
  type StoredFileView,
  type SynthesisResultView,
} from '#contracts';
import { blobKeyForFile, createBlobStore } from '#storage';
import { FilesGatewayModule } from '../files/files-gateway.module.js';
import { createAccessTestGateway } from '../testing/create-access-test-gateway.js';
import type { TestGateway } from '../testing/create-test-gateway.js';
import { FakeIdentityService } from '../testing/fake-identity.service.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { GrpcGatewayServer } from './grpc-gateway.server.js';
import { findProtoRoot, TTS_PROTO } from './proto-files.js';

type Reply = Record<string, unknown>;
type UnaryMethod = (request: object, metadata: Metadata, callback: (error: ServiceError | null, response?: Reply) => void) => void;
type TtsClient = Client & { Synthesize: UnaryMethod; ListVoices: UnaryMethod };

const OWNER = 'usr_grpc_tts';
const AUDIO = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(28, 7)]);
const RESULT: SynthesisResultView = {
  synthesis_id: 'syn_grpc',
  file_id: 'file_grpc',
  audio_url: '/api/v1/files/file_grpc?expires=1795000000&signature=c2ln',
  duration: 0.5,
  format: 'wav',
  sample_rate: 16000,
};
const STORED_FILE: StoredFileView = {
  file_id: RESULT.file_id,
  filename: 'syn_grpc.wav',
  content_type: 'audio/wav',
  size: AUDIO.length,
  duration: RESULT.duration,
  created_at: '2026-11-23T00:00:00.000Z',
  expires_at: null,
  owner_id: OWNER,
  purpose: 'synthesis_output',
  sha256: '0'.repeat(64),
  blob_key: blobKeyForFile(RESULT.file_id),
};

describe('gRPC voxify.v1.Tts (stock @grpc/grpc-js client, synthesis and storage faked on the bus)', () => {
  let backend: InProcessBackend;
  let identity: FakeIdentityService;
  let gateway: TestGateway;
  let client: TtsClient;
  let filesDirectory: string;
  let received: Array<PayloadOf<typeof SynthesizeSpeechCommand>>;

  beforeAll(async () => {
    filesDirectory = await mkdtemp(join(tmpdir(), 'voxify-grpc-tts-'));
    const blobs = await createBlobStore({ kind: 'local', directory: filesDirectory });
    await blobs.put(STORED_FILE.blob_key, Readable.from([AUDIO]));
    await blobs.close();

    backend = new InProcessBackend();
    identity = await FakeIdentityService.start(backend);
    await backend.startService('synthesis', (bus) => {
      bus.handle(SynthesizeSpeechCommand, async (payload) => {
        received.push(payload);
        if (payload.voice_id === 'nobody') throw new ApplicationError(SynthesisErrorCode.VOICE_NOT_FOUND, 'No voice nobody');
        if (payload.text === 'busy') throw new ApplicationError(SynthesisErrorCode.OVERLOADED, 'The synthesis queue is full');
        return RESULT;
      });
      bus.handle(ListVoicesQuery, async () => ({
        voices: [
          { voice_id: 'en_US-a:rms', name: 'en_US-a', speaker: 'rms', language: 'en_US', sample_rate: 22050, num_speakers: 2 },
          { voice_id: 'de_DE-b', name: 'de_DE-b', speaker: null, language: 'de_DE', sample_rate: 16000, num_speakers: 1 },
        ],
        default_voice_id: 'en_US-a:rms',
      }));
    });
    await backend.startService('storage', (bus) =>
      bus.handle(GetStoredFileQuery, async ({ file_id, access }) => {
        if (file_id !== STORED_FILE.file_id || access.kind !== 'user' || access.user_id !== OWNER) {
          throw new ApplicationError(StorageErrorCode.FILE_NOT_FOUND, `No file ${file_id}`);
        }
        return STORED_FILE;
      }),
    );
    gateway = await createAccessTestGateway({
      backend,
      controllers: [],
      grpc: true,
      imports: [
        FilesGatewayModule.forRoot({
          blobStore: { kind: 'local', directory: filesDirectory },
          fileUrlSecret: 'grpc-tts-spec-secret-of-32-characters',
          maxUploadBytes: 1024 * 1024,
          signedUrlMaxTtlSeconds: 3600,
        }),
      ],
    });
    const definition = loadSync(TTS_PROTO, { includeDirs: [findProtoRoot()], keepCase: true, longs: Number, defaults: true });
    const voxify = loadPackageDefinition(definition).voxify as unknown as {
      v1: { Tts: new (address: string, creds: unknown) => TtsClient };
    };
    client = new voxify.v1.Tts(`127.0.0.1:${gateway.app.get(GrpcGatewayServer).port}`, credentials.createInsecure());
  });

  beforeEach(() => {
    received = [];
  });

  afterAll(async () => {
    client.close();
    await gateway.close();
    await backend.close();
    await rm(filesDirectory, { recursive: true, force: true });
  });

  function call(method: 'Synthesize' | 'ListVoices', request: object, metadata: Record<string, string>) {
    const sent = new Metadata();
    for (const [key, value] of Object.entries(metadata)) sent.set(key, value);
    return new Promise<{ error: ServiceError | null; response?: Reply }>((resolve) =>
      client[method](request, sent, (error, response) => resolve({ error, response })),
    );
  }

  function ownerToken(): Record<string, string> {
    return { authorization: `Bearer ${identity.issueAccessToken(OWNER, ['user'], 'ses_grpc_tts')}` };
  }

  it('lists the voices', async () => {
    const { error, response } = await call('ListVoices', {}, ownerToken());

    expect(error).toBeNull();
    expect(response).toEqual({
      voices: [
        { id: 'en_US-a:rms', name: 'en_US-a', speaker: 'rms', language: 'en_US', sample_rate: 22050, num_speakers: 2 },
        { id: 'de_DE-b', name: 'de_DE-b', speaker: '', language: 'de_DE', sample_rate: 16000, num_speakers: 1 },
      ],
      default_voice_id: 'en_US-a:rms',
    });
  });

  it('synthesizes with a tts API key and returns the stored bytes', async () => {
    const { key } = identity.addApiKey(OWNER, ['tts']);

    const { error, response } = await call(
      'Synthesize',
      { text: 'Hello over gRPC', voice_id: 'en_US-a:rms', output_format: 'wav', sample_rate: 22050, speed: 1.5, volume: 0.5 },
      { 'x-api-key': key },
    );

    expect(error).toBeNull();
    expect(response).toEqual({
      synthesis_id: RESULT.synthesis_id,
      audio: AUDIO,
      format: 'wav',
      sample_rate: 16000,
      duration_seconds: 0.5,
      audio_url: RESULT.audio_url,
    });
    expect(received).toEqual([
      {
        user_id: OWNER,
        text: 'Hello over gRPC',
        voice_id: 'en_US-a:rms',
        config: { output_format: 'wav', sample_rate: 22050, speed: 1.5, volume: 0.5 },
      },
    ]);
  });

  it('leaves unset (zero) fields to the service', async () => {
    const { error } = await call('Synthesize', { text: 'Defaults' }, ownerToken());

    expect(error).toBeNull();
    expect(received).toEqual([{ user_id: OWNER, text: 'Defaults', config: {} }]);
  });

  it('answers UNAUTHENTICATED without credentials or with a bad token', async () => {
    const missing = await call('Synthesize', { text: 'Hello' }, {});
    const invalid = await call('ListVoices', {}, { authorization: 'Bearer not.a.token' });

    expect(missing.error?.code).toBe(status.UNAUTHENTICATED);
    expect(missing.error?.metadata.get('voxify-error-code')).toEqual(['UNAUTHENTICATED']);
    expect(invalid.error?.code).toBe(status.UNAUTHENTICATED);
    expect(invalid.error?.metadata.get('voxify-error-code')).toEqual(['TOKEN_INVALID']);
    expect(received).toEqual([]);
  });

  it('answers PERMISSION_DENIED for an API key without the tts scope', async () => {
    const { key } = identity.addApiKey(OWNER, ['files']);

    const { error } = await call('Synthesize', { text: 'Hello' }, { 'x-api-key': key });

    expect(error?.code).toBe(status.PERMISSION_DENIED);
    expect(error?.metadata.get('voxify-error-code')).toEqual(['PERMISSION_DENIED']);
    expect(received).toEqual([]);
  });

  it.each([
    ['blank text', { text: '   ' }],
    ['text over 5,000 characters', { text: 'a'.repeat(5001) }],
    ['a speed out of range', { text: 'Hello', speed: 9 }],
  ])('answers INVALID_ARGUMENT with VALIDATION_ERROR for %s, before the service', async (_case, request) => {
    const { error } = await call('Synthesize', request, ownerToken());

    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.metadata.get('voxify-error-code')).toEqual(['VALIDATION_ERROR']);
    expect(received).toEqual([]);
  });

  it("maps the service's errors: VOICE_NOT_FOUND to NOT_FOUND, OVERLOADED to RESOURCE_EXHAUSTED", async () => {
    const missingVoice = await call('Synthesize', { text: 'Hello', voice_id: 'nobody' }, ownerToken());
    const overloaded = await call('Synthesize', { text: 'busy' }, ownerToken());

    expect(missingVoice.error?.code).toBe(status.NOT_FOUND);
    expect(missingVoice.error?.metadata.get('voxify-error-code')).toEqual(['VOICE_NOT_FOUND']);
    expect(overloaded.error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(overloaded.error?.metadata.get('voxify-error-code')).toEqual(['OVERLOADED']);
  });
});
