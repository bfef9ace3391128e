/** `DATABASE_URL_IDENTITY` for `identity`, `DATABASE_URL_API_GATEWAY` for `api-gateway`. */
export function databaseUrlVariable(service: string): string {
  return `DATABASE_URL_${service.toUpperCase().replaceAll('-', '_')}`;
}

/**
 * The database URL for a service: its own `DATABASE_URL_<SERVICE>` wins over the shared
 * `DATABASE_URL` (one server, a schema per service). Undefined when neither is set, which the apps
 * read as "start the embedded database".
 */
export function resolveDatabaseUrl(service: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env[databaseUrlVariable(service)]?.trim();
  if (own) return own;
  const shared = env.DATABASE_URL?.trim();
  return shared ? shared : undefined;
}
