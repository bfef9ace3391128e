import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureGatewayHttp } from './configure-gateway-http.js';
import { createGatewayFastifyAdapter } from './create-gateway-fastify-adapter.js';

describe('configureGatewayHttp', () => {
  it('refuses an adapter built with another body limit than the one configured', async () => {
    const moduleRef = await Test.createTestingModule({}).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(
      createGatewayFastifyAdapter({ bodyLimitBytes: 2048, trustProxy: false }),
      {
        logger: false,
      },
    );
    try {
      expect(() => configureGatewayHttp(app, { corsOrigins: '*', bodyLimitBytes: 1024, docsEnabled: false, version: 'x' })).toThrow(
        /bodyLimit 2048, not 1024/,
      );
    } finally {
      await app.close();
    }
  });
});
