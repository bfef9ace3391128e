import { ApplicationError, ErrorCode } from '#contracts';
import { qualifiedTable } from '../sql/identifiers.js';
import type { SqlExecutor } from '../sql/sql-executor.js';
import { DAILY_USAGE_TABLE } from './daily-usage-table.js';

export interface QuotaUsage {
  metric: string;
  used: number;
  limit: number;
  remaining: number;
  /** When the quota starts again: the next midnight UTC. */
  resetsAt: Date;
}

/**
 * Daily quotas (syntheses per day, uploads per day…) kept by the service that owns the work. A
 * `consume` is one atomic statement, so concurrent requests can never push a user past the limit,
 * and when it runs in the caller's transaction the usage is rolled back with the work that failed.
 */
export class DailyUsageCounter {
  private readonly table: string;

  constructor(
    schema: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.table = qualifiedTable(schema, DAILY_USAGE_TABLE);
  }

  /** Uses `amount` of the user's daily `metric`, or throws QUOTA_EXCEEDED (429) with the reset time. */
  async consume(sql: SqlExecutor, userId: string, metric: string, limit: number, amount = 1): Promise<QuotaUsage> {
    const day = utcDay(this.now());
    const rows = (await sql.query(
      `INSERT INTO ${this.table} AS usage (user_id, metric, day, used)
       SELECT $1, $2, $3::date, $4::integer WHERE $4::integer <= $5::integer
       ON CONFLICT (user_id, metric, day) DO UPDATE SET used = usage.used + EXCLUDED.used
         WHERE usage.used + EXCLUDED.used <= $5::integer
       RETURNING used`,
      [userId, metric, day, amount, limit],
    )) as Array<{ used: number }>;
    const used = rows[0]?.used;
    if (used === undefined) {
      const current = await this.used(sql, userId, metric);
      const resetsAt = nextUtcMidnight(this.now());
      throw new ApplicationError(ErrorCode.QUOTA_EXCEEDED, `Daily quota for ${metric} exceeded (${limit} per day)`, {
        metric,
        limit,
        used: current,
        resets_at: resetsAt.toISOString(),
      });
    }
    return { metric, used, limit, remaining: limit - used, resetsAt: nextUtcMidnight(this.now()) };
  }

  /** Gives back usage for work that was accepted but did not happen (never below zero). */
  async release(sql: SqlExecutor, userId: string, metric: string, amount = 1): Promise<void> {
    await sql.query(
      `UPDATE ${this.table} SET used = GREATEST(used - $4::integer, 0) WHERE user_id = $1 AND metric = $2 AND day = $3::date`,
      [userId, metric, utcDay(this.now()), amount],
    );
  }

  async used(sql: SqlExecutor, userId: string, metric: string): Promise<number> {
    const rows = (await sql.query(`SELECT used FROM ${this.table} WHERE user_id = $1 AND metric = $2 AND day = $3::date`, [
      userId,
      metric,
      utcDay(this.now()),
    ])) as Array<{ used: number }>;
    return rows[0]?.used ?? 0;
  }
}

function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function nextUtcMidnight(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
}
