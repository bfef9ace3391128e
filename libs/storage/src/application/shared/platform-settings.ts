import { DEFAULT_PLATFORM_CONFIG, type PlatformConfig, type PlatformConfigSettings } from '#contracts';

/**
 * The runtime platform config as this instance last heard it (identity owns it): the defaults
 * until the first answer or change event, then each newer version. Read on every use, so a change
 * applies without a restart.
 */
export class PlatformSettings {
  private current: PlatformConfigSettings = DEFAULT_PLATFORM_CONFIG;
  private version = 0;

  get uploadsPerDay(): number {
    return this.current.daily_quotas.uploads;
  }

  get fileExpiryHours(): number {
    return this.current.file_expiry_hours;
  }

  get knownVersion(): number {
    return this.version;
  }

  /** False when `config` is not newer than what is applied (events may arrive out of order). */
  apply(config: PlatformConfig): boolean {
    if (config.version <= this.version) return false;
    this.current = config;
    this.version = config.version;
    return true;
  }
}
