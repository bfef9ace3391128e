import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import type { Session } from '../../domain/index.js';
import { SessionRepository } from '../../application/ports/index.js';
import { RefreshTokenRecord } from './refresh-token.entity.js';
import { SessionRecord } from './session.entity.js';
import { refreshTokenToRecord, sessionFromRecords, sessionToRecord } from './session.mapper.js';
import { TypeOrmTransactions } from './typeorm-transactions.js';

const LOCKED = { mode: 'pessimistic_write' } as const;

@Injectable()
export class TypeOrmSessionRepository extends SessionRepository {
  constructor(private readonly transactions: TypeOrmTransactions) {
    super();
  }

  async save(session: Session): Promise<void> {
    const manager = this.transactions.manager();
    await manager.getRepository(SessionRecord).upsert(sessionToRecord(session), ['id']);
    const tokens = session.tokens.map((token) => refreshTokenToRecord(session.id, token));
    if (tokens.length > 0) await manager.getRepository(RefreshTokenRecord).upsert(tokens, ['token_hash']);
  }

  async findByRefreshTokenHash(hash: string): Promise<Session | undefined> {
    const tokens = this.transactions.manager().getRepository(RefreshTokenRecord);
    const located = await tokens.findOneBy({ token_hash: hash });
    if (!located) return undefined;
    const session = await this.transactions
      .manager()
      .getRepository(SessionRecord)
      .findOne({ where: { id: located.session_id }, lock: LOCKED });
    if (!session) return undefined;
    // Read again under the session's lock: a refresh that held it may have used the token meanwhile.
    const token = await tokens.findOneByOrFail({ token_hash: hash });
    return sessionFromRecords(session, [token]);
  }

  async findById(id: string): Promise<Session | undefined> {
    const record = await this.transactions.manager().getRepository(SessionRecord).findOne({ where: { id }, lock: LOCKED });
    return record ? sessionFromRecords(record) : undefined;
  }

  async findActiveByUser(userId: string, now: Date): Promise<Session[]> {
    const records = await this.transactions
      .manager()
      .getRepository(SessionRecord)
      .find({ where: { user_id: userId, revoked_at: IsNull(), expires_at: MoreThan(now) }, order: { created_at: 'ASC' }, lock: LOCKED });
    return records.map((record) => sessionFromRecords(record));
  }
}
