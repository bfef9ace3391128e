import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createTestGateway, type TestGateway } from '../testing/create-test-gateway.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { SampleController } from '../testing/sample.controller.js';
import { startVoiceLookupService, VoiceLookupController } from '../testing/voice-lookup.controller.js';

const BODY_LIMIT_BYTES = 1024;

describe('error envelope', () => {
  let backend: InProcessBackend;
  let gateway: TestGateway;
  let releaseSlowLookups: () => void;

  beforeAll(async () => {
    backend = new InProcessBackend();
    releaseSlowLookups = await startVoiceLookupService(backend);
    gateway = await createTestGateway({
      bus: backend.gatewayBus,
      controllers: [SampleController, VoiceLookupController],
      bodyLimitBytes: BODY_LIMIT_BYTES,
    });
  });

  afterAll(async () => {
    releaseSlowLookups();
    await gateway.close();
    await backend.close();
  });

  describe('request validation', () => {
    it('answers 400 VALIDATION_ERROR listing each invalid field, nested ones by path', async () => {
      const response = await gateway.http.post('/api/v1/samples', { json: { name: '', settings: { speed: 9 } } });

      expect(response.status).toBe(400);
      expect(response.json()).toEqual({
        success: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: 'Request validation failed',
          details: [
            { field: 'name', messages: ['name must be longer than or equal to 1 characters'] },
            { field: 'settings.speed', messages: ['speed must not be greater than 2'] },
          ],
        },
      });
    });

    it('rejects a field the DTO does not declare', async () => {
      const response = await gateway.http.post('/api/v1/samples', { json: { name: 'ok', is_admin: true } });

      expect(response.status).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'VALIDATION_ERROR',
        details: [{ field: 'is_admin', messages: ['property is_admin should not exist'] }],
      });
    });

    it('answers 400 VALIDATION_ERROR for a body that is not JSON', async () => {
      const response = await gateway.http.post('/api/v1/samples', {
        headers: { 'content-type': 'application/json' },
        body: '{"name": "unterminated',
      });

      expect(response.status).toBe(400);
      expect(response.json()).toEqual({
        success: false,
        error: { code: 'VALIDATION_ERROR', message: 'The request body is not valid JSON' },
      });
    });

    it('answers 413 PAYLOAD_TOO_LARGE for a body over the limit', async () => {
      const response = await gateway.http.post('/api/v1/samples', { json: { name: 'x'.repeat(BODY_LIMIT_BYTES) } });

      expect(response.status).toBe(413);
      expect(response.json()).toEqual({
        success: false,
        error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
      });
    });
  });

  describe('unknown routes', () => {
    it.each([
      ['GET', '/api/v1/no-such-thing'],
      ['POST', '/api/v1/samples/vs_1'],
      ['GET', '/nowhere'],
    ])('answers %s %s with 404 ROUTE_NOT_FOUND in the envelope', async (method, path) => {
      const response = await gateway.http.request(method, path);

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.json()).toEqual({
        success: false,
        error: { code: 'ROUTE_NOT_FOUND', message: 'No route matches this method and path' },
      });
    });
  });

  it('answers an HttpException a controller throws with its status, a stable code and its message', async () => {
    const response = await gateway.http.get('/api/v1/samples/missing/one');

    expect(response.status).toBe(404);
    expect(response.json()).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'Sample vs_missing does not exist' } });
  });

  describe('errors from services over the bus', () => {
    it.each([
      ['NOT_FOUND', 404],
      ['CONFLICT', 409],
      ['VOICE_PROFILE_ALREADY_EXISTS', 409],
      ['SAMPLE_NOT_FOUND', 404],
      ['UNAUTHENTICATED', 401],
      ['PERMISSION_DENIED', 403],
      ['RATE_LIMITED', 429],
      ['QUOTA_EXCEEDED', 429],
      ['SAMPLE_TOO_SHORT', 422],
    ])('answers ApplicationError %s with %i and keeps its code and message', async (code, status) => {
      const response = await gateway.http.get(`/api/v1/lookups/failing/${code}`);

      expect(response.status).toBe(status);
      expect(response.json()).toEqual({ success: false, error: { code, message: `Lookup failed with ${code}` } });
    });

    it('passes the details of an ApplicationError through', async () => {
      const response = await gateway.http.get('/api/v1/lookups/failing/VALIDATION_ERROR');

      expect(response.status).toBe(400);
      expect(response.json().error.details).toEqual([{ field: 'text', messages: ['too long'] }]);
    });

    it('hides the message of an INTERNAL_ERROR from a service', async () => {
      const response = await gateway.http.get('/api/v1/lookups/failing/INTERNAL_ERROR');

      expect(response.status).toBe(500);
      expect(response.json()).toEqual({ success: false, error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } });
    });

    it('answers 504 UPSTREAM_TIMEOUT when the service does not reply in time', async () => {
      const response = await gateway.http.get('/api/v1/lookups/slow');

      expect(response.status).toBe(504);
      expect(response.json()).toEqual({
        success: false,
        error: { code: 'UPSTREAM_TIMEOUT', message: 'An upstream service did not answer in time' },
      });
    });

    it('answers 503 SERVICE_UNAVAILABLE when no instance of the service is running', async () => {
      const response = await gateway.http.get('/api/v1/lookups/storage');

      expect(response.status).toBe(503);
      expect(response.json()).toEqual({
        success: false,
        error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable' },
      });
    });
  });

  describe('unexpected errors', () => {
    it('answers 500 INTERNAL_ERROR without leaking the error, and logs it with the request id', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      try {
        const response = await gateway.http.get('/api/v1/samples/failing/unexpected', { headers: { 'x-request-id': 'req-boom-1' } });

        expect(response.status).toBe(500);
        expect(response.json()).toEqual({ success: false, error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } });
        expect(response.text).not.toMatch(/ECONNREFUSED|s3cret|repository\.ts|at \w+/);
        expect(logged).toHaveBeenCalledWith(expect.stringContaining('req-boom-1'), expect.stringContaining('ECONNREFUSED'));
      } finally {
        logged.mockRestore();
      }
    });
  });

  it('sends the request id on error responses too', async () => {
    const response = await gateway.http.get('/api/v1/no-such-thing', { headers: { 'x-request-id': 'req-404-check' } });

    expect(response.headers.get('x-request-id')).toBe('req-404-check');
  });
});
