import {
  ApiKeyRevokedEvent,
  PlatformConfigChangedEvent,
  SessionsRevokedEvent,
  UserDisabledEvent,
  UserRegisteredEvent,
  UserRolesChangedEvent,
  type MessageEnvelope,
} from '#contracts';
import { createEnvelope } from '#messaging';
import type { IdentityDomainEvent, SessionRevoked } from '../../domain/index.js';

/**
 * The integration events (wire contracts) for domain events, in order. Sessions a user lost in one
 * change become one `identity.session.revoked` listing them all, after the user's other events.
 */
export function toIntegrationEnvelopes(events: readonly IdentityDomainEvent[]): MessageEnvelope[] {
  const envelopes: MessageEnvelope[] = [];
  const revokedByUser = new Map<string, SessionRevoked[]>();
  for (const event of events) {
    switch (event.name) {
      case 'UserRegistered':
        envelopes.push(
          createEnvelope(UserRegisteredEvent, { user_id: event.userId, email: event.email, registered_at: event.occurredAt.toISOString() }),
        );
        break;
      case 'UserDisabled':
        envelopes.push(createEnvelope(UserDisabledEvent, { user_id: event.userId, disabled_at: event.occurredAt.toISOString() }));
        break;
      case 'UserRolesChanged':
        envelopes.push(createEnvelope(UserRolesChangedEvent, { user_id: event.userId, roles: [...event.roles] }));
        break;
      case 'ApiKeyRevoked':
        envelopes.push(
          createEnvelope(ApiKeyRevokedEvent, { user_id: event.userId, key_id: event.keyId, revoked_at: event.occurredAt.toISOString() }),
        );
        break;
      case 'PlatformConfigChanged':
        envelopes.push(createEnvelope(PlatformConfigChangedEvent, { config: event.config }));
        break;
      case 'SessionRevoked':
        revokedByUser.set(event.userId, [...(revokedByUser.get(event.userId) ?? []), event]);
        break;
    }
  }
  for (const [userId, revoked] of revokedByUser) {
    const revokedAt = revoked[revoked.length - 1]!.occurredAt.toISOString();
    envelopes.push(
      createEnvelope(SessionsRevokedEvent, {
        user_id: userId,
        session_ids: revoked.map((event) => event.sessionId),
        revoked_at: revokedAt,
      }),
    );
  }
  return envelopes;
}
