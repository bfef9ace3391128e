import { Inject, Injectable } from '@nestjs/common';
import { RevokeApiKeyCommand, type PayloadOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { ApiKeyRepository, Clock, EventOutbox, UnitOfWork } from '../ports/index.js';
import { identityErrors } from '../shared/identity-errors.js';

/**
 * Revokes one of the caller's keys (another user's key is "not found", so ids cannot be probed).
 * The revocation event lets every gateway drop its cached verification at once.
 */
@Injectable()
export class RevokeApiKeyHandler {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: EventOutbox,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(RevokeApiKeyCommand)
  async execute(payload: PayloadOf<typeof RevokeApiKeyCommand>): Promise<void> {
    const revoked = await this.unitOfWork.run(async () => {
      const apiKey = await this.apiKeys.findById(payload.key_id);
      if (!apiKey || apiKey.userId !== payload.user_id) throw identityErrors.apiKeyNotFound();
      if (!apiKey.revoke(this.clock.now())) return false;
      await this.apiKeys.save(apiKey);
      await this.outbox.record(apiKey.pullEvents());
      return true;
    });
    if (revoked) this.logger.info({ userId: payload.user_id, keyId: payload.key_id }, 'API key revoked');
  }
}
