import type { PlatformConfig } from '#contracts';
import type { PlatformConfiguration } from '../../domain/index.js';

export abstract class PlatformConfigRepository {
  /**
   * The stored settings, or undefined when no admin ever changed them. `lock`: hold the row until
   * the transaction ends, so two changes are decided one after the other (use inside UnitOfWork.run).
   */
  abstract findCurrent(options?: { lock?: boolean }): Promise<PlatformConfiguration | undefined>;
  /**
   * Stores the configuration's version as the current one and appends it to the history. Throws
   * CONFIG_VERSION_CONFLICT when another change stored that version first.
   */
  abstract save(configuration: PlatformConfiguration): Promise<void>;
  /** Every stored version, newest first. */
  abstract history(): Promise<PlatformConfig[]>;
}
