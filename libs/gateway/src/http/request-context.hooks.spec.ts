import { request } from 'node:http';
import { createTestGateway, type TestGateway } from '../testing/create-test-gateway.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { SampleController } from '../testing/sample.controller.js';
import { startVoiceLookupService, VoiceLookupController } from '../testing/voice-lookup.controller.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('request ids, message context and security headers', () => {
  let backend: InProcessBackend;
  let gateway: TestGateway;
  let releaseSlowLookups: () => void;

  beforeAll(async () => {
    backend = new InProcessBackend();
    releaseSlowLookups = await startVoiceLookupService(backend);
    gateway = await createTestGateway({ bus: backend.gatewayBus, controllers: [SampleController, VoiceLookupController] });
  });

  afterAll(async () => {
    releaseSlowLookups();
    await gateway.close();
    await backend.close();
  });

  describe('X-Request-Id', () => {
    it('echoes a sane incoming id', async () => {
      const response = await gateway.http.get('/api/v1/samples/vs_1', { headers: { 'x-request-id': 'client-req_42:a.b' } });

      expect(response.headers.get('x-request-id')).toBe('client-req_42:a.b');
    });

    it('generates a UUID when the request has none', async () => {
      const response = await gateway.http.get('/api/v1/samples/vs_1');

      expect(response.headers.get('x-request-id')).toMatch(UUID);
    });

    it.each([
      ['spaces', 'id with spaces'],
      ['a forged log field', 'abc"level":"fatal'],
      ['too long', 'x'.repeat(129)],
    ])('replaces an id with %s', async (_what, id) => {
      const response = await gateway.http.get('/api/v1/samples/vs_1', { headers: { 'x-request-id': id } });

      expect(response.headers.get('x-request-id')).toMatch(UUID);
    });
  });

  describe('message context', () => {
    it('gives bus messages the request id as correlation id, and the incoming traceparent', async () => {
      const response = await gateway.http.get('/api/v1/lookups/context', {
        headers: { 'x-request-id': 'req-ctx-get', traceparent: TRACEPARENT },
      });

      expect(response.status).toBe(200);
      expect(response.json().data).toEqual({ correlationId: 'req-ctx-get', traceparent: TRACEPARENT });
    });

    it('keeps the context across the parsing of a request body', async () => {
      const response = await gateway.http.post('/api/v1/lookups/context', {
        headers: { 'x-request-id': 'req-ctx-post' },
        json: { note: 'hello' },
      });

      expect(response.status).toBe(201);
      expect(response.json().data).toEqual({ correlationId: 'req-ctx-post', note: 'hello' });
    });

    it('keeps the context when the body arrives in pieces', async () => {
      const url = new URL(`${gateway.http.baseUrl}/api/v1/lookups/context`);
      const body = await new Promise<string>((resolve, reject) => {
        const slowUpload = request(
          url,
          { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '16', 'x-request-id': 'req-ctx-slow' } },
          (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve(text));
          },
        );
        slowUpload.on('error', reject);
        slowUpload.write('{"note":');
        setTimeout(() => slowUpload.end('"hello"}'), 30);
      });

      expect(JSON.parse(body).data).toEqual({ correlationId: 'req-ctx-slow', note: 'hello' });
    });

    it('uses the generated id when the client sent none, and drops a malformed traceparent', async () => {
      const response = await gateway.http.get('/api/v1/lookups/context', { headers: { traceparent: 'not-a-trace' } });

      expect(response.json().data).toEqual({ correlationId: response.headers.get('x-request-id') });
    });

    it('does not leak one request context into a concurrent one', async () => {
      const ids = Array.from({ length: 20 }, (_, i) => `req-concurrent-${i}`);
      const responses = await Promise.all(
        ids.map((id) => gateway.http.get('/api/v1/lookups/context', { headers: { 'x-request-id': id } })),
      );

      expect(responses.map((response) => response.json().data.correlationId)).toEqual(ids);
    });
  });

  describe('security headers', () => {
    it('sets helmet headers, with a CSP that allows Swagger UI inline styles', async () => {
      const response = await gateway.http.get('/api/v1/samples/vs_1');

      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    });

    it('sets them on error responses too', async () => {
      const response = await gateway.http.get('/api/v1/no-such-route');

      expect(response.status).toBe(404);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    });

    it('answers a CORS preflight from an allowed origin and exposes X-Request-Id', async () => {
      const response = await gateway.http.request('OPTIONS', '/api/v1/samples', {
        headers: {
          origin: 'https://app.voxify.test',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });

      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.voxify.test');
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    });

    it('gives no CORS grant to an origin that is not listed', async () => {
      const response = await gateway.http.get('/api/v1/samples/vs_1', { headers: { origin: 'https://evil.test' } });

      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('exposes X-Request-Id to browser code', async () => {
      const response = await gateway.http.get('/api/v1/samples/vs_1', { headers: { origin: 'https://app.voxify.test' } });

      expect(response.headers.get('access-control-expose-headers')).toMatch(/x-request-id/i);
    });
  });
});
