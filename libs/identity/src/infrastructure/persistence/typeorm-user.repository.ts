import { Injectable } from '@nestjs/common';
import { ApplicationError, IdentityErrorCode } from '#contracts';
import type { Email, User } from '../../domain/index.js';
import { UserRepository, type UserSearch } from '../../application/ports/index.js';
import { TypeOrmTransactions } from './typeorm-transactions.js';
import { USERS_EMAIL_CONSTRAINT, UserRecord } from './user.entity.js';
import { userFromRecord, userToRecord } from './user.mapper.js';
import { isUniqueViolation } from './unique-violation.js';

@Injectable()
export class TypeOrmUserRepository extends UserRepository {
  constructor(private readonly transactions: TypeOrmTransactions) {
    super();
  }

  private get repository() {
    return this.transactions.manager().getRepository(UserRecord);
  }

  async findById(id: string, options?: { lock?: boolean }): Promise<User | undefined> {
    const record = await this.repository.findOne({ where: { id }, ...(options?.lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
    return record ? userFromRecord(record) : undefined;
  }

  async findByEmail(email: Email): Promise<User | undefined> {
    const record = await this.repository.findOneBy({ email: email.value });
    return record ? userFromRecord(record) : undefined;
  }

  async insert(user: User): Promise<void> {
    await this.translateDuplicateEmail(() => this.repository.insert(userToRecord(user)));
  }

  async updateLastLogin(user: User): Promise<void> {
    await this.repository.update({ id: user.id }, { last_login_at: user.lastLoginAt });
  }

  async update(user: User): Promise<void> {
    const { id, ...changes } = userToRecord(user);
    await this.translateDuplicateEmail(() => this.repository.update({ id }, changes));
  }

  async search(search: UserSearch): Promise<{ users: User[]; total: number }> {
    const query = this.repository.createQueryBuilder('u');
    if (search.emailContains) {
      query.andWhere(`u.email LIKE :pattern ESCAPE '\\'`, { pattern: `%${escapeLikePattern(search.emailContains)}%` });
    }
    if (search.role) query.andWhere(':role = ANY(u.roles)', { role: search.role });
    if (search.status) query.andWhere('u.status = :status', { status: search.status });
    const [records, total] = await query
      .orderBy('u.created_at', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .offset(search.offset)
      .limit(search.limit)
      .getManyAndCount();
    return { users: records.map(userFromRecord), total };
  }

  private async translateDuplicateEmail(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error, USERS_EMAIL_CONSTRAINT)) {
        throw new ApplicationError(IdentityErrorCode.USER_ALREADY_EXISTS, 'An account with this email already exists');
      }
      throw error;
    }
  }
}

function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
