/** What the gateway needs to start in a test: a broker URL (unused on the in-process bus), any free port. */
export function gatewayTestEnv(): NodeJS.ProcessEnv {
  return {
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DOCS_ENABLED: 'false',
    HEALTH_TIMEOUT_MS: '1000',
    JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256',
    FILE_URL_SECRET: 'a-file-url-secret-that-is-long-enough-too',
    GRPC_ENABLED: 'false',
  };
}
