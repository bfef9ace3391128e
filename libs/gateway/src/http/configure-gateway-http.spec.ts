import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureGatewayHttp } from './configure-gateway-http.js';
import { createGatewayFastifyAdapter } from './create-gateway-fastify-adapter.js';

async function createApp(bodyLimitBytes = 1024): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({}).compile();
  return moduleRef.createNestApplication<NestFastifyApplication>(createGatewayFastifyAdapter({ bodyLimitBytes, trustProxy: false }), {
    logger: false,
  });
}

describe('configureGatewayHttp', () => {
  it.each([
    [undefined, 0],
    [true, 1],
  ])('with shutdownSignals %s adds %i SIGTERM listener(s)', async (shutdownSignals, added) => {
    const app = await createApp();
    const before = process.listenerCount('SIGTERM');
    try {
      configureGatewayHttp(app, { corsOrigins: '*', bodyLimitBytes: 1024, docsEnabled: false, version: 'x', shutdownSignals });

      expect(process.listenerCount('SIGTERM') - before).toBe(added);
    } finally {
      await app.close();
    }
  });

  it('refuses an adapter built with another body limit than the one configured', async () => {
    const app = await createApp(2048);
    try {
      expect(() => configureGatewayHttp(app, { corsOrigins: '*', bodyLimitBytes: 1024, docsEnabled: false, version: 'x' })).toThrow(
        /bodyLimit 2048, not 1024/,
      );
    } finally {
      await app.close();
    }
  });
});
