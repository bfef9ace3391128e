import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EnsureAdminAccount, type AdminAccount } from '../../application/ensure-admin/ensure-admin-account.js';

export const FIRST_ADMIN = Symbol('FIRST_ADMIN');

/** At start, makes sure the configured admin (ADMIN_EMAIL / ADMIN_PASSWORD) exists and is an admin. */
@Injectable()
export class FirstAdminInitializer implements OnApplicationBootstrap {
  constructor(
    private readonly ensureAdmin: EnsureAdminAccount,
    @Inject(FIRST_ADMIN) private readonly admin: AdminAccount | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.admin) await this.ensureAdmin.execute(this.admin);
  }
}
