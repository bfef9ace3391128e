import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LexiconRepository, type StoredLexicon } from '../../application/lexicon/lexicon.repository.js';
import { UserLexiconRecord } from './user-lexicon.record.js';

@Injectable()
export class TypeOrmLexiconRepository extends LexiconRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async find(userId: string): Promise<StoredLexicon | undefined> {
    const record = await this.dataSource.getRepository(UserLexiconRecord).findOneBy({ user_id: userId });
    return record ? { entries: record.entries, updatedAt: record.updated_at } : undefined;
  }

  async replace(userId: string, lexicon: StoredLexicon): Promise<void> {
    await this.dataSource
      .getRepository(UserLexiconRecord)
      .upsert({ user_id: userId, entries: lexicon.entries, updated_at: lexicon.updatedAt }, ['user_id']);
  }
}
