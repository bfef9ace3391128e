// Container HEALTHCHECK: GET /health/live on the app's ops port (PORT, else the app's default).
// The defaults mirror the apps' config schemas; test/ops checks that they agree.
export const DEFAULT_PORTS = {
  'api-gateway': 8080,
  identity: 8081,
  voice: 8082,
  synthesis: 8083,
  jobs: 8084,
  storage: 8085,
};

async function main() {
  const port = process.env.PORT ?? DEFAULT_PORTS[process.env.APP ?? ''];
  if (!port) {
    process.stderr.write(`healthcheck: unknown APP ${process.env.APP}\n`);
    process.exit(1);
  }
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(2000) });
    process.exit(response.ok ? 0 : 1);
  } catch (error) {
    process.stderr.write(`healthcheck: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) await main();
