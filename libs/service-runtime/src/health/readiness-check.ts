import type { DataSource } from 'typeorm';
import type { DependencyStatus } from '#contracts';
import type { MessageBus } from '#messaging';

/** One dependency an app needs before it can take traffic (database, broker, a loaded model...). */
export interface ReadinessCheck {
  readonly name: string;
  isUp(): Promise<boolean>;
}

export class DatabaseReadinessCheck implements ReadinessCheck {
  readonly name = 'database';
  constructor(
    private readonly dataSource: DataSource,
    private readonly timeoutMs = 1000,
  ) {}

  async isUp(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    const probe = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

export class BrokerReadinessCheck implements ReadinessCheck {
  readonly name = 'broker';
  constructor(private readonly bus: MessageBus) {}
  async isUp(): Promise<boolean> {
    return this.bus.isConnected();
  }
}

export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
): Promise<{ ready: boolean; checks: Record<string, DependencyStatus> }> {
  const results = await Promise.all(
    checks.map(async (check) => [check.name, (await check.isUp().catch(() => false)) ? 'up' : 'down'] as const),
  );
  return { ready: results.every(([, status]) => status === 'up'), checks: Object.fromEntries(results) };
}
