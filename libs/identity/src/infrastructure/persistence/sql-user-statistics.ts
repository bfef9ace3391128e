import { Injectable } from '@nestjs/common';
import { UserStatistics, type UserCounts } from '../../application/ports/index.js';
import { TypeOrmTransactions } from './typeorm-transactions.js';
import { UserRecord } from './user.entity.js';

/** One pass over `users` counting the three numbers at once. */
@Injectable()
export class SqlUserStatistics extends UserStatistics {
  constructor(private readonly transactions: TypeOrmTransactions) {
    super();
  }

  async count(window: { activeSince: Date; registeredSince: Date }): Promise<UserCounts> {
    const row = await this.transactions
      .manager()
      .getRepository(UserRecord)
      .createQueryBuilder('u')
      .select('count(*)', 'total')
      .addSelect('count(*) FILTER (WHERE u.last_login_at >= :activeSince)', 'active')
      .addSelect('count(*) FILTER (WHERE u.created_at >= :registeredSince)', 'registered')
      .setParameters(window)
      .getRawOne<{ total: string; active: string; registered: string }>();
    return { total: Number(row?.total ?? 0), active: Number(row?.active ?? 0), registered: Number(row?.registered ?? 0) };
  }
}
