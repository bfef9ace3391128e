import { Module, type DynamicModule } from '@nestjs/common';
import { AdminConfigHttpController } from './admin-config.http.controller.js';
import { ADMIN_STATS_OPTIONS, type AdminStatsOptions } from './admin-stats.options.js';
import { AdminStatsHttpController } from './admin-stats.http.controller.js';

export const DEFAULT_STATS_SERVICE_TIMEOUT_MS = 150;

/**
 * The admin's platform routes: `GET/PUT /api/v1/admin/config` and `GET /api/v1/admin/stats`. Needs
 * `MessageBus` from a global module and the access guard of GatewayAccessModule (admins only).
 */
@Module({})
export class GatewayAdminModule {
  static forRoot(options: Partial<AdminStatsOptions> = {}): DynamicModule {
    const statsOptions: AdminStatsOptions = {
      serviceTimeoutMs: options.serviceTimeoutMs ?? DEFAULT_STATS_SERVICE_TIMEOUT_MS,
      dataDirectory: options.dataDirectory ?? './data',
    };
    return {
      module: GatewayAdminModule,
      controllers: [AdminConfigHttpController, AdminStatsHttpController],
      providers: [{ provide: ADMIN_STATS_OPTIONS, useValue: statsOptions }],
    };
  }
}
