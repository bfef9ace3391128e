import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND_SERVICES } from '#contracts';
import { AppProcess, appEntry, freePort, waitFor } from '#test-support';

/** `npm start` on a fresh machine: all six apps in one process on embedded PostgreSQL and the in-process bus. */
describe('embedded one-process platform', () => {
  let dataDir: string;
  let port: number;
  let platform: AppProcess | undefined;

  const url = (path: string) => `http://127.0.0.1:${port}${path}`;

  async function startPlatform(): Promise<{ startupMs: number }> {
    const started = Date.now();
    platform = new AppProcess('embedded', appEntry('embedded'), {
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'info',
      GRPC_PORT: '0',
    }).start();
    await waitFor(
      'embedded platform healthy',
      async () => ((await fetch(url('/api/v1/health'))).status === 200 ? true : undefined),
      30000,
      200,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${platform?.logTail(60)}`);
    });
    return { startupMs: Date.now() - started };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'voxify-embedded-'));
    port = await freePort();
  });

  afterAll(async () => {
    await platform?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts from an empty data folder and reports all six services healthy within 30 s', async () => {
    const { startupMs } = await startPlatform();
    expect(startupMs).toBeLessThan(30000);
    const body = (await (await fetch(url('/api/v1/health'))).json()) as {
      success: boolean;
      data: { status: string; services: Record<string, { status: string }> };
    };
    expect(body.success).toBe(true);
    expect(body.data.status).toBe('healthy');
    for (const service of BACKEND_SERVICES) expect(body.data.services[service]?.status).toBe('ready');
    expect(platform?.output.join('\n')).toContain('applied migrations');
  }, 40000);

  it('serves Swagger UI at /docs and the OpenAPI document at /docs-json', async () => {
    const ui = await fetch(url('/docs'));
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const document = (await (await fetch(url('/docs-json'))).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain('/api/v1/health');
  });

  it('answers an unknown route with 404 in the envelope', async () => {
    const response = await fetch(url('/api/v1/no-such-thing'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ success: false, error: { code: 'ROUTE_NOT_FOUND' } });
  });

  it('stops on SIGTERM and starts again on the same data without re-applying migrations', async () => {
    expect(await platform?.stop('SIGTERM')).toBe(0);
    await startPlatform();
    const output = platform?.output.join('\n') ?? '';
    expect(output).toContain('Voxify is up');
    expect(output).not.toContain('applied migrations');
  }, 40000);
});
