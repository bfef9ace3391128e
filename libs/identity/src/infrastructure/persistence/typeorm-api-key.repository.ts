import { Injectable } from '@nestjs/common';
import { ApiKey, LAST_USED_RESOLUTION_MS } from '../../domain/index.js';
import { ApiKeyRepository } from '../../application/ports/index.js';
import { ApiKeyRecord } from './api-key.entity.js';
import { apiKeyFromRecord, apiKeyToRecord } from './api-key.mapper.js';
import { TypeOrmTransactions } from './typeorm-transactions.js';

@Injectable()
export class TypeOrmApiKeyRepository extends ApiKeyRepository {
  constructor(private readonly transactions: TypeOrmTransactions) {
    super();
  }

  private get repository() {
    return this.transactions.manager().getRepository(ApiKeyRecord);
  }

  async insert(apiKey: ApiKey): Promise<void> {
    await this.repository.insert(apiKeyToRecord(apiKey));
  }

  async save(apiKey: ApiKey): Promise<void> {
    await this.repository.update({ id: apiKey.id }, { revoked_at: apiKey.revokedAt });
  }

  async findById(id: string): Promise<ApiKey | undefined> {
    const record = await this.repository.findOneBy({ id });
    return record ? apiKeyFromRecord(record) : undefined;
  }

  async findByHash(hash: string): Promise<ApiKey | undefined> {
    const record = await this.repository.findOneBy({ key_hash: hash });
    return record ? apiKeyFromRecord(record) : undefined;
  }

  async listByUser(userId: string): Promise<ApiKey[]> {
    const records = await this.repository.find({ where: { user_id: userId }, order: { created_at: 'DESC', id: 'DESC' } });
    return records.map(apiKeyFromRecord);
  }

  async saveLastUsed(apiKey: ApiKey): Promise<void> {
    const usedAt = apiKey.lastUsedAt;
    if (!usedAt) return;
    // Conditional, so concurrent verifications of a busy key write once a minute, not once each.
    await this.repository
      .createQueryBuilder()
      .update()
      .set({ last_used_at: usedAt })
      .where('id = :id', { id: apiKey.id })
      .andWhere('(last_used_at IS NULL OR last_used_at <= :threshold)', { threshold: new Date(usedAt.getTime() - LAST_USED_RESOLUTION_MS) })
      .execute();
  }
}
