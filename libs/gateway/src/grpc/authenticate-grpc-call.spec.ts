import { Metadata, status, type ServerUnaryCall, type ServiceError } from '@grpc/grpc-js';
import { AccessTokenVerifier } from '#identity';
import { InProcessBroker, InProcessMessageBus } from '#messaging';
import { ApiKeyVerifier } from '../auth/api-key-verifier.js';
import { CredentialsAuthenticator } from '../auth/credentials-authenticator.js';
import { RevocationList } from '../auth/revocation-list.js';
import { forgeAccessToken, TEST_ACCESS_TOKENS } from '../testing/fake-identity.service.js';
import { withAuthentication } from './authenticate-grpc-call.js';

describe('withAuthentication', () => {
  const broker = new InProcessBroker();
  const bus = new InProcessMessageBus(broker, { service: 'api-gateway' });
  const revocations = new RevocationList({ accessTokenTtlSeconds: 900, apiKeyMemoryMs: 60_000 });
  const authenticator = new CredentialsAuthenticator(
    new AccessTokenVerifier(TEST_ACCESS_TOKENS),
    new ApiKeyVerifier(bus, revocations, { cacheTtlMs: 1000, refusalCacheTtlMs: 1000 }),
    revocations,
  );

  afterAll(async () => {
    await bus.close();
    broker.close();
  });

  function call(token: string): Promise<{ error: ServiceError | null; response: unknown }> {
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${token}`);
    const handler = withAuthentication(authenticator, async (_call, { principal }) => ({ user: principal.userId }), { roles: ['admin'] });
    return new Promise((resolve) =>
      handler({ metadata, getPath: () => '/test/Method' } as unknown as ServerUnaryCall<object, { user: string }>, (error, response) =>
        resolve({ error: error as ServiceError | null, response }),
      ),
    );
  }

  it('runs the handler for credentials with the required role', async () => {
    await expect(call(forgeAccessToken({ sub: 'usr_admin', roles: ['user', 'admin'] }))).resolves.toEqual({
      error: null,
      response: { user: 'usr_admin' },
    });
  });

  it('answers PERMISSION_DENIED for credentials without it', async () => {
    const { error } = await call(forgeAccessToken({ roles: ['user'] }));

    expect(error?.code).toBe(status.PERMISSION_DENIED);
  });
});
