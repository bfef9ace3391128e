import { Injectable } from '@nestjs/common';
import { ApiKeyRevokedEvent, SessionsRevokedEvent, UserDisabledEvent, UserRolesChangedEvent, type MessageEnvelope } from '#contracts';
import { OnEvent } from '#messaging';
import { ApiKeyVerifier } from './api-key-verifier.js';
import { RevocationList } from './revocation-list.js';

/**
 * Feeds this replica's RevocationList from identity's events. Instance-scoped: every gateway
 * replica gets every event (a service-scoped subscription would reach only one of them).
 */
@Injectable()
export class RevocationEventsListener {
  constructor(
    private readonly revocations: RevocationList,
    private readonly apiKeys: ApiKeyVerifier,
  ) {}

  @OnEvent(ApiKeyRevokedEvent, { scope: 'instance' })
  async apiKeyRevoked(payload: { key_id: string }): Promise<void> {
    this.revocations.revokeApiKey(payload.key_id);
    this.apiKeys.forgetApiKey(payload.key_id);
  }

  @OnEvent(SessionsRevokedEvent, { scope: 'instance' })
  async sessionsRevoked(payload: { session_ids: string[] }): Promise<void> {
    this.revocations.revokeSessions(payload.session_ids);
  }

  @OnEvent(UserDisabledEvent, { scope: 'instance' })
  async userDisabled(payload: { user_id: string; disabled_at: string }, envelope: MessageEnvelope): Promise<void> {
    this.revocations.userDisabled(payload.user_id, timeOf(payload.disabled_at, envelope));
  }

  @OnEvent(UserRolesChangedEvent, { scope: 'instance' })
  async rolesChanged(payload: { user_id: string }, envelope: MessageEnvelope): Promise<void> {
    this.revocations.rolesChanged(payload.user_id, timeOf(undefined, envelope));
  }
}

/** The event's own time, else when it was published; never later than now (a skewed clock must not void future tokens). */
function timeOf(stated: string | undefined, envelope: MessageEnvelope): number {
  const parsed = Date.parse(stated ?? envelope.occurredAt);
  return Number.isNaN(parsed) ? Date.now() : Math.min(parsed, Date.now());
}
