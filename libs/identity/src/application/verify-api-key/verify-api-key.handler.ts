import { Injectable } from '@nestjs/common';
import { VerifyApiKeyQuery, type PayloadOf, type ResultOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { ApiKey, effectiveScopes } from '../../domain/index.js';
import { ApiKeyRepository, Clock, UserRepository } from '../ports/index.js';
import { identityErrors } from '../shared/identity-errors.js';

/**
 * Checks an API key for the gateway and says who is calling: the key's scopes (less `admin` if the
 * owner lost that role) and the owner's current roles.
 */
@Injectable()
export class VerifyApiKeyHandler {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  @HandleMessage(VerifyApiKeyQuery)
  async execute(payload: PayloadOf<typeof VerifyApiKeyQuery>): Promise<ResultOf<typeof VerifyApiKeyQuery>> {
    const hash = ApiKey.hashOf(payload.key);
    const apiKey = hash ? await this.apiKeys.findByHash(hash) : undefined;
    const now = this.clock.now();
    if (!apiKey || !apiKey.isUsable(now)) throw identityErrors.tokenInvalid('API key');
    const owner = await this.users.findById(apiKey.userId);
    if (!owner) throw identityErrors.tokenInvalid('API key');
    owner.assertActive();

    if (apiKey.recordUse(now)) await this.apiKeys.saveLastUsed(apiKey);
    return {
      principal: {
        userId: owner.id,
        email: owner.email.value,
        roles: [...owner.roles],
        scopes: effectiveScopes(apiKey.scopes, owner.roles),
        keyId: apiKey.id,
      },
      expires_at: apiKey.expiresAt?.toISOString() ?? null,
    };
  }
}
