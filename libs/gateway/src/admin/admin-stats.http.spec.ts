import type { TestGateway } from '../testing/create-test-gateway.js';
import { InProcessBackend } from '../testing/in-process-backend.js';
import { createAdminTestGateway, FakeConfigIdentity, startStatsService } from './testing/admin-test-backend.js';

const USERS = { total: 12, active_today: 3, new_this_week: 5 };
const JOBS = { total: 7, running: 2, failed: 1 };

describe('GET /api/v1/admin/stats', () => {
  let backend: InProcessBackend;
  let identity: FakeConfigIdentity;
  let gateway: TestGateway;
  const asAdmin = () => ({ authorization: `Bearer ${identity.token('usr_boss', ['user', 'admin'])}` });

  beforeAll(async () => {
    backend = new InProcessBackend();
    identity = await FakeConfigIdentity.start(backend, { users: USERS });
    await startStatsService(backend, 'jobs', { jobs: JOBS });
    // Storage is running but answers too late; voice and synthesis are not running at all.
    await startStatsService(backend, 'storage', { files: { total: 1 } }, 1000);
    gateway = await createAdminTestGateway(backend);
  });

  afterAll(async () => {
    await gateway.close();
    await backend.close();
  });

  it('merges the sections of the services that answer, leaves the others null and lists them, within 200 ms', async () => {
    await gateway.http.get('/api/v1/admin/stats', { headers: asAdmin() });
    const startedAt = performance.now();
    const response = await gateway.http.get('/api/v1/admin/stats', { headers: asAdmin() });
    const elapsedMs = performance.now() - startedAt;

    expect(response.status).toBe(200);
    const data = response.json().data;
    expect(data).toMatchObject({ users: USERS, jobs: JOBS, voice_samples: null, syntheses: null, files: null });
    expect(data.unavailable_services).toEqual(['voice', 'synthesis', 'storage']);
    expect(elapsedMs).toBeLessThan(200);
  });

  it('reports the gateway host’s CPU, memory and disk usage in percent', async () => {
    const { system } = (await gateway.http.get('/api/v1/admin/stats', { headers: asAdmin() })).json().data;
    for (const key of ['cpu_usage', 'memory_usage', 'disk_usage']) {
      expect(typeof system[key]).toBe('number');
      expect(system[key]).toBeGreaterThanOrEqual(0);
      expect(system[key]).toBeLessThanOrEqual(100);
    }
    expect(system.memory_usage).toBeGreaterThan(0);
    expect(system.disk_usage).toBeGreaterThan(0);
  });
});
