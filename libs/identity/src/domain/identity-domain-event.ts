import type { ApiKeyRevoked } from './api-key/api-key.events.js';
import type { PlatformConfigChanged } from './platform-config/platform-config.events.js';
import type { SessionRevoked } from './session/session.events.js';
import type { UserEvent } from './user/user.events.js';

/** Everything the identity aggregates raise; the outbox turns these into integration events. */
export type IdentityDomainEvent = UserEvent | SessionRevoked | ApiKeyRevoked | PlatformConfigChanged;
