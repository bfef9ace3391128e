import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, appEntry } from './app-process.js';
import { ApiClient } from './http-client.js';
import { freePort, waitFor } from './wait-for.js';

/** The embedded app (`npm start`) as a process of its own, on a fresh data folder and a free port. */
export interface TestPlatform {
  process: AppProcess;
  dataDir: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** A client of `<origin>/api/v1`. */
  api: ApiClient;
  /** Kills the process and removes its data folder. */
  stop(): Promise<void>;
}

export async function startTestPlatform(name: string, env: NodeJS.ProcessEnv = {}): Promise<TestPlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), `voxify-${name}-`));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const process = new AppProcess('embedded', appEntry('embedded'), {
    DATA_DIR: dataDir,
    PORT: String(port),
    GRPC_PORT: '0',
    LOG_LEVEL: 'warn',
    ...env,
  }).start();
  const stop = async () => {
    await process.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'embedded platform healthy',
      async () => ((await fetch(`${origin}/api/v1/health`).catch(() => undefined))?.status === 200 ? true : undefined),
      // Starting takes ~7 s on an idle machine; a loaded CI box can take several times that.
      120000,
      200,
    );
  } catch (error) {
    const logs = process.logTail(60);
    await stop();
    throw new Error(`${String(error)}\n${logs}`, { cause: error });
  }
  return { process, dataDir, origin, api: new ApiClient(`${origin}/api/v1`), stop };
}
