import { DEFAULT_PLATFORM_CONFIG } from '#contracts';
import type { TestGateway } from '../testing/create-test-gateway.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { createAdminTestGateway, FakeConfigIdentity } from './testing/admin-test-backend.js';

describe('admin config routes', () => {
  let backend: InProcessBackend;
  let identity: FakeConfigIdentity;
  let gateway: TestGateway;
  const asAdmin = () => ({ authorization: `Bearer ${identity.token('usr_boss', ['user', 'admin'])}` });
  const asUser = () => ({ authorization: `Bearer ${identity.token('usr_plain', ['user'])}` });

  beforeAll(async () => {
    backend = new InProcessBackend();
    identity = await FakeConfigIdentity.start(backend, { users: { total: 1, active_today: 1, new_this_week: 1 } });
    gateway = await createAdminTestGateway(backend, { docsEnabled: true });
  });

  afterAll(async () => {
    await gateway.close();
    await backend.close();
  });

  it.each([
    ['GET', '/api/v1/admin/config'],
    ['PUT', '/api/v1/admin/config'],
    ['GET', '/api/v1/admin/stats'],
  ])('%s %s: 401 without credentials, 403 PERMISSION_DENIED for a user, and identity is never asked', async (method, path) => {
    const before = identity.updates.length;
    const anonymous = await gateway.http.request(method, path, { json: method === 'PUT' ? { file_expiry_hours: 1 } : undefined });
    expect(anonymous.status).toBe(401);
    const user = await gateway.http.request(method, path, {
      headers: asUser(),
      json: method === 'PUT' ? { file_expiry_hours: 1 } : undefined,
    });
    expect(user.status).toBe(403);
    expect(user.json().error.code).toBe('PERMISSION_DENIED');
    expect(identity.updates.length).toBe(before);
  });

  it('GET answers the current settings in the envelope', async () => {
    const response = await gateway.http.get('/api/v1/admin/config', { headers: asAdmin() });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      success: true,
      data: { version: 0, ...DEFAULT_PLATFORM_CONFIG, updated_at: null, updated_by: null },
    });
  });

  it('PUT sends only the named settings, the expected version and the admin as actor, and answers the new version', async () => {
    const response = await gateway.http.request('PUT', '/api/v1/admin/config', {
      headers: asAdmin(),
      json: { expected_version: 0, max_synthesis_length: 1000, rate_limits: { requests_per_minute: 50 } },
    });
    expect(response.status).toBe(200);
    expect(identity.updates.at(-1)).toEqual({
      actor_id: 'usr_boss',
      changes: { max_synthesis_length: 1000, rate_limits: { requests_per_minute: 50 } },
      expected_version: 0,
    });
    expect(response.json().data).toMatchObject({
      version: 1,
      max_synthesis_length: 1000,
      rate_limits: { ...DEFAULT_PLATFORM_CONFIG.rate_limits, requests_per_minute: 50 },
      updated_by: 'usr_boss',
    });
  });

  it('PUT answers 409 CONFIG_VERSION_CONFLICT when the expected version is not the current one', async () => {
    const response = await gateway.http.request('PUT', '/api/v1/admin/config', {
      headers: asAdmin(),
      json: { expected_version: 0, file_expiry_hours: 2 },
    });
    expect(response.status).toBe(409);
    expect(response.json().error.code).toBe('CONFIG_VERSION_CONFLICT');
  });

  it.each([
    ['an unknown setting', { colour: 'blue' }, 'colour'],
    ['an unknown nested setting', { rate_limits: { burst: 3 } }, 'rate_limits.burst'],
    ['a sample rate that is not supported', { default_sample_rate: 12345 }, 'default_sample_rate'],
    ['a limit of zero', { daily_quotas: { uploads: 0 } }, 'daily_quotas.uploads'],
    ['a fraction', { max_voice_samples_per_user: 2.5 }, 'max_voice_samples_per_user'],
    ['a number as text', { file_expiry_hours: '24' }, 'file_expiry_hours'],
    ['a group that is not an object', { rate_limits: 5 }, 'rate_limits'],
    ['a negative expected version', { expected_version: -1, file_expiry_hours: 2 }, 'expected_version'],
  ])('PUT refuses %s with 400 VALIDATION_ERROR naming the field, without reaching identity', async (_what, body, field) => {
    const before = identity.updates.length;
    const response = await gateway.http.request('PUT', '/api/v1/admin/config', { headers: asAdmin(), json: body });
    expect(response.status).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    expect(identity.updates.length).toBe(before);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const document = (await gateway.http.get('/docs-json')).json();
    expect(Object.keys(document.paths['/api/v1/admin/config'])).toEqual(expect.arrayContaining(['get', 'put']));
    expect(document.paths['/api/v1/admin/config'].put.responses).toHaveProperty('409');
    expect(document.paths['/api/v1/admin/stats'].get.responses).toHaveProperty('200');
    expect(document.components.schemas.AdminStatsDto.properties).toHaveProperty('unavailable_services');
    expect(document.components.schemas.UpdatePlatformConfigDto.properties).toHaveProperty('rate_limits');
  });
});
