import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { assertPasswordPolicy, Email, User } from '../../domain/index.js';
import { Clock, EventOutbox, PasswordHasher, UnitOfWork, UserRepository } from '../ports/index.js';

export interface AdminAccount {
  email: string;
  password: string;
}

export type EnsureAdminResult = { outcome: 'created' | 'promoted' | 'unchanged'; userId: string };

/**
 * Makes sure an admin account exists for an email: creates it with the given password, or grants
 * the admin role to an existing account (whose password is left alone). Safe to run at every start
 * and from several instances at once.
 */
@Injectable()
export class EnsureAdminAccount {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: EventOutbox,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(account: AdminAccount): Promise<EnsureAdminResult> {
    const email = Email.parse(account.email);
    const result = (await this.promoteExisting(email)) ?? (await this.create(email, account.password));
    if (result.outcome !== 'unchanged') this.logger.info({ userId: result.userId, outcome: result.outcome }, 'admin account ensured');
    return result;
  }

  private promoteExisting(email: Email): Promise<EnsureAdminResult | undefined> {
    return this.unitOfWork.run(async () => {
      const found = await this.users.findByEmail(email);
      const user = found && (await this.users.findById(found.id, { lock: true }));
      if (!user) return undefined;
      if (!user.grantAdmin(this.clock.now())) return { outcome: 'unchanged', userId: user.id };
      await this.users.update(user);
      await this.outbox.record(user.pullEvents());
      return { outcome: 'promoted', userId: user.id };
    });
  }

  private async create(email: Email, password: string): Promise<EnsureAdminResult> {
    assertPasswordPolicy(password);
    const admin = User.registerAdmin({
      email,
      passwordHash: await this.hasher.hash(password),
      firstName: 'Admin',
      lastName: 'Voxify',
      now: this.clock.now(),
    });
    try {
      await this.unitOfWork.run(async () => {
        await this.users.insert(admin);
        await this.outbox.record(admin.pullEvents());
      });
    } catch (error) {
      // Another instance created it in the meantime: make sure it is an admin.
      const existing = await this.promoteExisting(email);
      if (existing) return existing;
      throw error;
    }
    return { outcome: 'created', userId: admin.id };
  }
}
