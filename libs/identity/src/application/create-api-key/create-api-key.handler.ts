import { Inject, Injectable } from '@nestjs/common';
import { CreateApiKeyCommand, type CreatedApiKey, type PayloadOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { ApiKey } from '../../domain/index.js';
import { ApiKeyRepository, Clock, UserRepository } from '../ports/index.js';
import { identityErrors } from '../shared/identity-errors.js';
import { toApiKeyView } from '../shared/views.js';

/** Creates a key for the caller; the secret is in this answer and nowhere else, ever. */
@Injectable()
export class CreateApiKeyHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(CreateApiKeyCommand)
  async execute(payload: PayloadOf<typeof CreateApiKeyCommand>): Promise<CreatedApiKey> {
    const owner = await this.users.findById(payload.user_id);
    if (!owner) throw identityErrors.userNotFound();
    owner.assertActive();
    const { apiKey, secret } = ApiKey.create({
      userId: owner.id,
      ownerRoles: owner.roles,
      name: payload.name,
      scopes: payload.scopes,
      expiresAt: payload.expires_at,
      now: this.clock.now(),
    });
    await this.apiKeys.insert(apiKey);
    this.logger.info({ userId: owner.id, keyId: apiKey.id, scopes: apiKey.scopes }, 'API key created');
    return { api_key: toApiKeyView(apiKey), key: secret };
  }
}
