import { Inject, Injectable } from '@nestjs/common';
import { UpdatePlatformConfigCommand, type PayloadOf, type PlatformConfig } from '#contracts';
import { HandleMessage } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { PlatformConfiguration } from '../../domain/index.js';
import { Clock, EventOutbox, PlatformConfigRepository, UnitOfWork, UserRepository } from '../ports/index.js';
import { identityErrors } from '../shared/identity-errors.js';

/**
 * An admin changes runtime settings. The new version is stored with its history row and its
 * `identity.platform-config.changed` event in one transaction; every service applies the event.
 * The actor's role is checked here too, not only by the gateway.
 */
@Injectable()
export class UpdatePlatformConfigHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly configs: PlatformConfigRepository,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: EventOutbox,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(UpdatePlatformConfigCommand)
  async execute(payload: PayloadOf<typeof UpdatePlatformConfigCommand>): Promise<PlatformConfig> {
    const actor = await this.users.findById(payload.actor_id);
    if (!actor?.isAdmin || !actor.isActive) throw identityErrors.permissionDenied('Only admins can change the platform settings');

    return this.unitOfWork.run(async () => {
      const configuration = (await this.configs.findCurrent({ lock: true })) ?? PlatformConfiguration.unset();
      configuration.change({
        changes: payload.changes,
        actorId: actor.id,
        expectedVersion: payload.expected_version,
        now: this.clock.now(),
      });
      await this.configs.save(configuration);
      await this.outbox.record(configuration.pullEvents());
      const view = configuration.toView();
      this.logger.info({ actorId: actor.id, version: view.version, changes: payload.changes }, 'platform settings changed');
      return view;
    });
  }
}
