import { Injectable } from '@nestjs/common';
import { GetPlatformConfigQuery, UNSET_PLATFORM_CONFIG, type PlatformConfig } from '#contracts';
import { HandleMessage } from '#messaging';
import { PlatformConfigRepository } from '../ports/index.js';

/** The current runtime settings; the defaults (version 0) until an admin changes something. */
@Injectable()
export class GetPlatformConfigHandler {
  constructor(private readonly configs: PlatformConfigRepository) {}

  @HandleMessage(GetPlatformConfigQuery)
  async execute(): Promise<PlatformConfig> {
    const current = await this.configs.findCurrent();
    return current ? current.toView() : structuredClone(UNSET_PLATFORM_CONFIG);
  }
}
