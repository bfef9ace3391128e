import type { PlatformConfig } from '#contracts';

export interface PlatformConfigChanged {
  readonly name: 'PlatformConfigChanged';
  /** The whole new version, so a service applies it without asking for it. */
  readonly config: PlatformConfig;
  readonly occurredAt: Date;
}
