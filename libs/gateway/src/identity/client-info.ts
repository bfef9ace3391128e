import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from '#contracts';

const MAX_USER_AGENT_LENGTH = 512;

/** Where a credential request came from (for identity's audit trail; never used to authenticate). */
export function clientInfoOf(request: FastifyRequest): ClientInfo {
  const userAgent = request.headers['user-agent'];
  const info: ClientInfo = { ip: request.ip };
  if (typeof userAgent === 'string' && userAgent !== '') info.user_agent = userAgent.slice(0, MAX_USER_AGENT_LENGTH);
  return info;
}
