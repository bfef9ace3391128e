import type { ClientInfo } from '#contracts';
import type { ClientDetails } from '../../domain/index.js';

const MAX_USER_AGENT_LENGTH = 512;
const MAX_IP_LENGTH = 64;

/** What the gateway says about the caller, cut to sane lengths before it is stored with a session. */
export function clientDetailsFrom(client: ClientInfo | undefined): ClientDetails {
  const details: ClientDetails = {};
  if (typeof client?.ip === 'string' && client.ip) details.ip = client.ip.slice(0, MAX_IP_LENGTH);
  if (typeof client?.user_agent === 'string' && client.user_agent) details.userAgent = client.user_agent.slice(0, MAX_USER_AGENT_LENGTH);
  return details;
}
