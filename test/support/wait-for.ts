import { createServer } from 'node:net';

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/**
 * A TCP port no one listens on, for an app started by a test.
 *
 * Not `listen(0)`: that hands out a port from the kernel's ephemeral range, which is also where every
 * outgoing connection (PostgreSQL, RabbitMQ, fetch) takes its source port. Between the probe and the app's
 * own listen, such a connection can take the port and the app dies with EADDRINUSE. Ports are picked below
 * the ephemeral range instead, in a block of 1,000 per Jest worker so that parallel test files never pick
 * the same one, and each port is handed out once per worker.
 */
export async function freePort(): Promise<number> {
  const worker = Number(process.env.JEST_WORKER_ID ?? '0') % 16;
  const blockStart = 15000 + worker * 1000;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = blockStart + Math.floor(Math.random() * 1000);
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${blockStart}-${blockStart + 999}`);
}

const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}
