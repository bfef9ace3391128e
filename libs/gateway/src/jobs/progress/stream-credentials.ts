import type { IncomingHttpHeaders } from 'node:http';
import type { AuthPrincipal } from '#contracts';
import { API_KEY_PREFIX } from '../../auth/presented-credentials.js';
import { AuthErrors } from '../../auth/auth-errors.js';
import type { CredentialsAuthenticator } from '../../auth/credentials-authenticator.js';

/**
 * Who opens a progress stream: the usual headers, or `?access_token=` for clients that cannot set
 * headers (browser WebSocket, EventSource). The query form takes only an access token, which lives
 * minutes, never an API key, which would outlive any URL that leaked into a log or a history.
 */
export async function authenticateStream(
  authenticator: CredentialsAuthenticator,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): Promise<AuthPrincipal> {
  const queryToken = query.get('access_token');
  let principal: AuthPrincipal;
  if (headers.authorization !== undefined || headers['x-api-key'] !== undefined || !queryToken) {
    principal = (await authenticator.authenticateHeaders(headers.authorization, headers['x-api-key'])).principal;
  } else {
    if (queryToken.startsWith(API_KEY_PREFIX)) throw AuthErrors.invalid('API keys go in a header, never in the URL');
    principal = (await authenticator.authenticate({ kind: 'access_token', token: queryToken })).principal;
  }
  if (!principal.scopes.includes('jobs')) throw AuthErrors.permissionDenied('These credentials lack the jobs scope');
  return principal;
}
