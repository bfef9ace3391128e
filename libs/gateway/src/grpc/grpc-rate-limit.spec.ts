import { credentials, loadPackageDefinition, Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { createAccessTestGateway, type AccessTestGateway } from '../testing/create-access-test-gateway.js';
import { FakeIdentityService } from '../testing/fake-identity.service.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { findProtoRoot, IDENTITY_PROTO } from './proto-files.js';

type WhoAmI = (request: object, metadata: Metadata, callback: (error: ServiceError | null, response?: object) => void) => void;
type IdentityClient = Client & { WhoAmI: WhoAmI };

const LIMIT = 3;

describe('gRPC calls count against the per-user rate limit shared with HTTP', () => {
  let backend: InProcessBackend;
  let identity: FakeIdentityService;
  let gateway: AccessTestGateway;
  let client: IdentityClient;

  beforeAll(async () => {
    backend = new InProcessBackend();
    identity = await FakeIdentityService.start(backend);
    gateway = await createAccessTestGateway({ backend, grpc: true, rateLimits: { principal: { limit: LIMIT, windowMs: 60_000 } } });
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

  function whoAmI(metadata: Record<string, string>): Promise<ServiceError | null> {
    const sent = new Metadata();
    for (const [key, value] of Object.entries(metadata)) sent.set(key, value);
    return new Promise((resolve) => client.WhoAmI({}, sent, (error) => resolve(error)));
  }

  it('answers RESOURCE_EXHAUSTED with RATE_LIMITED and retry-after once HTTP and gRPC together reach the limit', async () => {
    const token = identity.issueAccessToken('usr_limited', ['user'], 'ses_limited');
    const headers = { authorization: `Bearer ${token}` };
    expect(await whoAmI(headers)).toBeNull();
    expect((await gateway.http.get('/api/v1/users/me', { headers })).status).toBe(200);
    expect(await whoAmI(headers)).toBeNull();

    const refused = await whoAmI(headers);
    expect(refused?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(refused?.metadata.get('voxify-error-code')).toEqual(['RATE_LIMITED']);
    const retryAfter = Number(refused?.metadata.get('retry-after')[0]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await gateway.http.get('/api/v1/users/me', { headers })).status).toBe(429);
  });

  it('counts API keys and other users on their own', async () => {
    const other = identity.issueAccessToken('usr_other', ['user'], 'ses_other');
    const { key } = identity.addApiKey('usr_limited', ['tts']);
    for (let i = 0; i < LIMIT; i++) {
      expect(await whoAmI({ authorization: `Bearer ${other}` })).toBeNull();
      expect(await whoAmI({ 'x-api-key': key })).toBeNull();
    }
    expect((await whoAmI({ 'x-api-key': key }))?.code).toBe(status.RESOURCE_EXHAUSTED);
  });
});
