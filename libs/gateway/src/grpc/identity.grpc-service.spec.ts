import { credentials, loadPackageDefinition, Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { createAccessTestGateway, type AccessTestGateway } from '../testing/create-access-test-gateway.js';
import { FakeIdentityService } from '../testing/fake-identity.service.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { findProtoRoot, IDENTITY_PROTO } from './proto-files.js';

type WhoAmI = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response?: Record<string, unknown>) => void,
) => void;
type IdentityClient = Client & { WhoAmI: WhoAmI };

describe('gRPC voxify.v1.Identity (stock @grpc/grpc-js client)', () => {
  let backend: InProcessBackend;
  let identity: FakeIdentityService;
  let gateway: AccessTestGateway;
  let client: IdentityClient;

  beforeAll(async () => {
    backend = new InProcessBackend();
    identity = await FakeIdentityService.start(backend);
    gateway = await createAccessTestGateway({ backend, grpc: true });
    const definition = loadSync(IDENTITY_PROTO, { includeDirs: [findProtoRoot()], keepCase: true, longs: Number, defaults: true });
    const voxify = loadPackageDefinition(definition).voxify as unknown as {
      v1: { Identity: new (address: string, creds: unknown) => IdentityClient };
    };
    client = new voxify.v1.Identity(`127.0.0.1:${gateway.grpcPort}`, credentials.createInsecure());
  });

  afterAll(async () => {
    client.close();
    await gateway.close();
    await backend.close();
  });

  function whoAmI(metadata: Record<string, string>): Promise<{ error: ServiceError | null; response?: Record<string, unknown> }> {
    const sent = new Metadata();
    for (const [key, value] of Object.entries(metadata)) sent.set(key, value);
    return new Promise((resolve) => client.WhoAmI({}, sent, (error, response) => resolve({ error, response })));
  }

  it('returns the principal of a valid access token', async () => {
    const token = identity.issueAccessToken('usr_grpc', ['user'], 'ses_grpc');

    const { error, response } = await whoAmI({ authorization: `Bearer ${token}` });

    expect(error).toBeNull();
    expect(response).toMatchObject({
      user_id: 'usr_grpc',
      email: 'usr_grpc@example.com',
      roles: ['user'],
      scopes: ['tts', 'voices', 'jobs', 'files'],
      credential: 'access_token',
      session_id: 'ses_grpc',
      key_id: '',
    });
    expect(response!.expires_at_ms as number).toBeGreaterThan(Date.now());
  });

  it('authenticates an API key sent as x-api-key', async () => {
    const { key, keyId } = identity.addApiKey('usr_grpc', ['tts']);

    const { error, response } = await whoAmI({ 'x-api-key': key });

    expect(error).toBeNull();
    expect(response).toMatchObject({ credential: 'api_key', key_id: keyId, scopes: ['tts'], expires_at_ms: 0 });
  });

  it('answers UNAUTHENTICATED without credentials', async () => {
    const { error } = await whoAmI({});

    expect(error?.code).toBe(status.UNAUTHENTICATED);
    expect(error?.metadata.get('voxify-error-code')).toEqual(['UNAUTHENTICATED']);
  });

  it('answers UNAUTHENTICATED with TOKEN_INVALID for a bad token', async () => {
    const { error } = await whoAmI({ authorization: 'Bearer not.a.token' });

    expect(error?.code).toBe(status.UNAUTHENTICATED);
    expect(error?.metadata.get('voxify-error-code')).toEqual(['TOKEN_INVALID']);
  });
});
