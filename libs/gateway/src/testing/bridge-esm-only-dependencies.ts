import { jest } from '@jest/globals';

let bridged = false;

/**
 * Swagger UI's assets are served by @fastify/static, a CommonJS package that `require`s the
 * ESM-only content-disposition 3. Node 20.19+ can do that; Jest's CommonJS loader cannot before
 * Node 24.9, and SwaggerModule then exits the process. Under Jest only, the ESM module is loaded
 * with `import` and handed to the CommonJS registry.
 */
export async function bridgeEsmOnlyDependenciesForJest(): Promise<void> {
  if (bridged) return;
  const contentDisposition = await import('content-disposition');
  jest.mock('content-disposition', () => ({ ...contentDisposition }));
  bridged = true;
}
