import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OUTBOX_RELAY } from '#service-runtime';
import { AccessTokenSigner } from './access-tokens/index.js';
import {
  ApiKeyRepository,
  Clock,
  EnsureAdminAccount,
  EventOutbox,
  identityMessageHandlers,
  IdentitySettings,
  PasswordHasher,
  PlatformConfigRepository,
  SessionRepository,
  UnitOfWork,
  UserRepository,
  UserStatistics,
} from './application/index.js';
import { SessionTokensFactory } from './application/shared/session-tokens.factory.js';
import { FIRST_ADMIN, FirstAdminInitializer } from './infrastructure/bootstrap/first-admin.initializer.js';
import {
  Argon2PasswordHasher,
  SqlUserStatistics,
  SystemClock,
  TransactionalEventOutbox,
  TypeOrmApiKeyRepository,
  TypeOrmPlatformConfigRepository,
  TypeOrmSessionRepository,
  TypeOrmTransactions,
  TypeOrmUserRepository,
  type OutboxNotifier,
} from './infrastructure/index.js';
import type { IdentityModuleOptions } from './identity-module-options.js';

/**
 * The identity bounded context: accounts, sessions with rotating refresh tokens, API keys, roles,
 * the admin's runtime platform settings and user statistics. Its handlers answer the identity
 * commands and queries on the bus; it expects the service runtime's DataSource (migrated with
 * identityMigrations, entities identityEntities) and OUTBOX_RELAY.
 */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityModuleOptions): DynamicModule {
    return {
      module: IdentityModule,
      providers: [
        { provide: IdentitySettings, useValue: new IdentitySettings(options.refreshTokenTtlSeconds) },
        { provide: AccessTokenSigner, useValue: new AccessTokenSigner(options.accessTokens) },
        { provide: FIRST_ADMIN, useValue: options.admin ?? null },
        {
          provide: TypeOrmTransactions,
          useFactory: (dataSource: DataSource, relay: OutboxNotifier) => new TypeOrmTransactions(dataSource, relay),
          inject: [DataSource, OUTBOX_RELAY],
        },
        { provide: UnitOfWork, useExisting: TypeOrmTransactions },
        { provide: UserRepository, useClass: TypeOrmUserRepository },
        { provide: SessionRepository, useClass: TypeOrmSessionRepository },
        { provide: ApiKeyRepository, useClass: TypeOrmApiKeyRepository },
        { provide: PlatformConfigRepository, useClass: TypeOrmPlatformConfigRepository },
        { provide: UserStatistics, useClass: SqlUserStatistics },
        { provide: EventOutbox, useClass: TransactionalEventOutbox },
        { provide: PasswordHasher, useClass: Argon2PasswordHasher },
        { provide: Clock, useClass: SystemClock },
        SessionTokensFactory,
        EnsureAdminAccount,
        FirstAdminInitializer,
        ...identityMessageHandlers,
      ],
      exports: [EnsureAdminAccount],
    };
  }
}
