import { createTestGateway, type TestGateway } from '../testing/create-test-gateway.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { SampleController } from '../testing/sample.controller.js';

describe('API documentation', () => {
  let backend: InProcessBackend;

  beforeEach(() => {
    backend = new InProcessBackend();
  });

  afterEach(async () => {
    await backend.close();
  });

  describe('when enabled', () => {
    let gateway: TestGateway;

    beforeEach(async () => {
      gateway = await createTestGateway({ bus: backend.gatewayBus, controllers: [SampleController], docsEnabled: true });
    });

    afterEach(async () => {
      await gateway.close();
    });

    it('serves Swagger UI at /docs, with its assets, unwrapped', async () => {
      const page = await gateway.http.get('/docs');
      const bundle = await gateway.http.get('/docs/swagger-ui-bundle.js');

      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.text).toContain('swagger-ui-bundle.js');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    });

    it('serves the OpenAPI document at /docs-json with both security schemes', async () => {
      const response = await gateway.http.get('/docs-json');

      expect(response.status).toBe(200);
      const document = response.json();
      expect(document.success).toBeUndefined();
      expect(document.info).toMatchObject({ title: 'Voxify API', version: '9.9.9-test' });
      expect(document.components.securitySchemes).toEqual({
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        'api-key': { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      });
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/v1/health', '/api/v1/samples', '/api/v1/samples/{id}', '/health/live', '/health/ready']),
      );
    });

    it('documents the success envelope and the error codes of a route', async () => {
      const document = (await gateway.http.get('/docs-json')).json();
      const responses = document.paths['/api/v1/samples/{id}'].get.responses;

      expect(responses['200'].content['application/json'].schema).toEqual({
        type: 'object',
        required: ['success', 'data'],
        properties: {
          success: { type: 'boolean', enum: [true] },
          data: { $ref: '#/components/schemas/SampleDto' },
          message: { type: 'string' },
        },
      });
      expect(responses['404'].content['application/json'].schema.properties.error.properties.code.enum).toEqual([
        'SAMPLE_NOT_FOUND',
        'NOT_FOUND',
      ]);
      expect(responses['403'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(['PERMISSION_DENIED']);
      expect(document.components.schemas.SampleDto).toBeDefined();
    });

    it('documents list responses with the pagination block', async () => {
      const document = (await gateway.http.get('/docs-json')).json();
      const list = document.paths['/api/v1/samples'].get;

      expect(list.responses['200'].content['application/json'].schema.properties.data).toEqual({
        type: 'object',
        required: ['samples', 'pagination'],
        properties: {
          samples: { type: 'array', items: { $ref: '#/components/schemas/SampleDto' } },
          pagination: { $ref: '#/components/schemas/PaginationDto' },
        },
      });
      expect(list.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual(['page', 'page_size']);
      expect(Object.keys(document.components.schemas.PaginationDto.properties)).toEqual([
        'page',
        'page_size',
        'total_count',
        'total_pages',
        'has_next',
        'has_prev',
      ]);
    });
  });

  it('is not served when disabled', async () => {
    const gateway = await createTestGateway({ bus: backend.gatewayBus, docsEnabled: false });
    try {
      const response = await gateway.http.get('/docs-json');

      expect(response.status).toBe(404);
      expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await gateway.close();
    }
  });
});
