/** Every Voxify API key starts with this, which tells it apart from a JWT in `Authorization: Bearer`. */
export const API_KEY_PREFIX = 'vx_';

export type PresentedCredentials =
  | { kind: 'access_token'; token: string }
  | { kind: 'api_key'; key: string }
  /** Something was sent, but not in a form we accept (another scheme, an empty bearer). */
  | { kind: 'malformed' };

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Reads `Authorization: Bearer <jwt | vx_…>` or `X-API-Key: vx_…` (HTTP headers and gRPC metadata
 * alike); `Authorization` wins when both are sent. Undefined when neither is present.
 */
export function readPresentedCredentials(authorization: unknown, apiKey: unknown): PresentedCredentials | undefined {
  if (typeof authorization === 'string' && authorization !== '') {
    const bearer = BEARER.exec(authorization)?.[1];
    if (bearer === undefined) return { kind: 'malformed' };
    return bearer.startsWith(API_KEY_PREFIX) ? { kind: 'api_key', key: bearer } : { kind: 'access_token', token: bearer };
  }
  if (typeof apiKey === 'string' && apiKey !== '') {
    return apiKey.startsWith(API_KEY_PREFIX) ? { kind: 'api_key', key: apiKey.trim() } : { kind: 'malformed' };
  }
  return undefined;
}
