import { Injectable } from '@nestjs/common';
import { AdminErrorCode, ApplicationError, type PlatformConfig } from '#contracts';
import { PlatformConfigRepository } from '../../application/ports/index.js';
import { PlatformConfiguration, settingsOf } from '../../domain/index.js';
import { PLATFORM_CONFIG_HISTORY_KEY, PlatformConfigHistoryRecord } from './platform-config-history.entity.js';
import { PlatformConfigRecord } from './platform-config.entity.js';
import { TypeOrmTransactions } from './typeorm-transactions.js';
import { isUniqueViolation } from './unique-violation.js';

type StoredVersion = Omit<PlatformConfigRecord, 'singleton'>;

@Injectable()
export class TypeOrmPlatformConfigRepository extends PlatformConfigRepository {
  constructor(private readonly transactions: TypeOrmTransactions) {
    super();
  }

  async findCurrent(options?: { lock?: boolean }): Promise<PlatformConfiguration | undefined> {
    const record = await this.transactions
      .manager()
      .getRepository(PlatformConfigRecord)
      .findOne({ where: { singleton: true }, ...(options?.lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
    return record ? PlatformConfiguration.restore(toConfig(record)) : undefined;
  }

  async save(configuration: PlatformConfiguration): Promise<void> {
    const config = configuration.toView();
    const stored: StoredVersion = {
      version: config.version,
      settings: settingsOf(config),
      updated_at: new Date(config.updated_at!),
      updated_by: config.updated_by,
    };
    const manager = this.transactions.manager();
    // The history insert goes first: its primary key makes a concurrent change of the same version
    // wait for the other transaction and then fail, even when there was no current row to lock.
    try {
      await manager.insert(PlatformConfigHistoryRecord, stored);
    } catch (error) {
      if (!isUniqueViolation(error, PLATFORM_CONFIG_HISTORY_KEY)) throw error;
      throw new ApplicationError(
        AdminErrorCode.CONFIG_VERSION_CONFLICT,
        'Another change of the settings was stored at the same time: read them again and reapply the change',
      );
    }
    await manager.upsert(PlatformConfigRecord, { singleton: true, ...stored }, ['singleton']);
  }

  async history(): Promise<PlatformConfig[]> {
    const records = await this.transactions
      .manager()
      .getRepository(PlatformConfigHistoryRecord)
      .find({ order: { version: 'DESC' } });
    return records.map(toConfig);
  }
}

function toConfig(record: StoredVersion): PlatformConfig {
  return {
    version: record.version,
    ...record.settings,
    updated_at: record.updated_at.toISOString(),
    updated_by: record.updated_by,
  };
}
