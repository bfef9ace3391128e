import { AdminErrorCode, ApplicationError, UNSET_PLATFORM_CONFIG, type PlatformConfig, type PlatformConfigSettings } from '#contracts';
import { AggregateRoot } from '../shared/aggregate-root.js';
import { validationFailure } from '../shared/validation-failure.js';
import { applyPlatformConfigChanges, parsePlatformConfigChanges } from './platform-config-changes.js';
import type { PlatformConfigChanged } from './platform-config.events.js';

export interface PlatformConfigChange {
  changes: unknown;
  actorId: string;
  /** The version the admin read; another version is a conflict. */
  expectedVersion?: number;
  now: Date;
}

/** The runtime settings: one current version, replaced by each change with the next version number. */
export class PlatformConfiguration extends AggregateRoot<PlatformConfigChanged> {
  private constructor(private config: PlatformConfig) {
    super();
  }

  /** The defaults, as version 0, before any admin changed anything. */
  static unset(): PlatformConfiguration {
    return PlatformConfiguration.restore(UNSET_PLATFORM_CONFIG);
  }

  static restore(config: PlatformConfig): PlatformConfiguration {
    return new PlatformConfiguration(structuredClone(config));
  }

  get version(): number {
    return this.config.version;
  }

  change({ changes, actorId, expectedVersion, now }: PlatformConfigChange): void {
    if (expectedVersion !== undefined && !(Number.isInteger(expectedVersion) && expectedVersion >= 0)) {
      throw validationFailure('expected_version', 'must be a whole number of at least 0');
    }
    if (expectedVersion !== undefined && expectedVersion !== this.config.version) {
      throw new ApplicationError(
        AdminErrorCode.CONFIG_VERSION_CONFLICT,
        `The settings are at version ${this.config.version}, not ${expectedVersion}: read them again and reapply the change`,
        { current_version: this.config.version, expected_version: expectedVersion },
      );
    }
    const settings = applyPlatformConfigChanges(settingsOf(this.config), parsePlatformConfigChanges(changes));
    this.config = { version: this.config.version + 1, ...settings, updated_at: now.toISOString(), updated_by: actorId };
    this.raise({ name: 'PlatformConfigChanged', config: this.toView(), occurredAt: now });
  }

  toView(): PlatformConfig {
    return structuredClone(this.config);
  }
}

export function settingsOf(config: PlatformConfig): PlatformConfigSettings {
  const { version: _version, updated_at: _updatedAt, updated_by: _updatedBy, ...settings } = config;
  return settings;
}
