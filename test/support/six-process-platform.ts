import { rm } from 'node:fs/promises';
import { BACKEND_SERVICES, type BackendServiceName } from '#contracts';
import { AppProcess, appEntry } from './app-process.js';
import { ApiClient } from './http-client.js';
import { createTestDatabase, createTestVhost, testFileSettings } from './test-servers.js';
import { freePort, waitFor } from './wait-for.js';

/** The gateway and the five services as separate OS processes on a fresh database and RabbitMQ vhost. */
export interface SixProcessPlatform {
  origin: string;
  api: ApiClient;
  grpcPort: number;
  apps: Map<string, AppProcess>;
  /** Starts (again) one backend service with the platform's settings. */
  startService(service: BackendServiceName): AppProcess;
  logs(lines?: number): string;
  stop(): Promise<void>;
}

export async function startSixProcessPlatform(name: string, env: NodeJS.ProcessEnv = {}): Promise<SixProcessPlatform> {
  const [database, vhost] = await Promise.all([
    createTestDatabase(`voxify_${name.replace(/\W/g, '_')}`),
    createTestVhost(`voxify-${name}`),
  ]);
  const files = testFileSettings();
  const baseEnv: NodeJS.ProcessEnv = {
    DATABASE_URL: database.url,
    AMQP_URL: vhost.url,
    LOG_LEVEL: 'warn',
    JWT_SECRET: `six-process-secret-${name}-0123456789abcdef`,
    SHUTDOWN_GRACE_MS: '3000',
    ...files,
    ...env,
  };
  const apps = new Map<string, AppProcess>();
  const ports = new Map<BackendServiceName, number>();
  for (const service of BACKEND_SERVICES) ports.set(service, await freePort());
  const startService = (service: BackendServiceName): AppProcess => {
    const app = new AppProcess(service, appEntry(service), { ...baseEnv, PORT: String(ports.get(service)) }).start();
    apps.set(service, app);
    return app;
  };
  const port = await freePort();
  const grpcPort = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  for (const service of BACKEND_SERVICES) startService(service);
  apps.set(
    'api-gateway',
    new AppProcess('api-gateway', appEntry('api-gateway'), { ...baseEnv, PORT: String(port), GRPC_PORT: String(grpcPort) }).start(),
  );
  const logs = (lines = 40) => [...apps.values()].map((app) => app.logTail(lines)).join('\n');
  const stop = async () => {
    await Promise.all([...apps.values()].map((app) => app.stop('SIGKILL')));
    await Promise.allSettled([database.drop(), vhost.drop(), rm(files.FILES_DIR, { recursive: true, force: true })]);
  };
  try {
    await waitFor(
      'six processes healthy',
      async () => ((await fetch(`${origin}/api/v1/health`).catch(() => undefined))?.status === 200 ? true : undefined),
      60000,
      300,
    );
  } catch (error) {
    const tail = logs();
    await stop();
    throw new Error(`${String(error)}\n${tail}`, { cause: error });
  }
  return { origin, api: new ApiClient(`${origin}/api/v1`), grpcPort, apps, startService, logs, stop };
}
