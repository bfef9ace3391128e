import { z } from 'zod';

/** Building blocks for the apps' config schemas: one validated place per app, names in the README. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  url: (protocols: readonly string[]) =>
    z.string().refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
    ),
  /** Comma-separated integers, e.g. "100,500,2000". */
  intList: (fallback: readonly number[]) =>
    z
      .string()
      .default(fallback.join(','))
      .transform((value, ctx) => {
        const items = value.split(',').map((s) => Number(s.trim()));
        if (items.some((n) => !Number.isInteger(n) || n < 0)) {
          ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of non-negative integers' });
          return z.NEVER;
        }
        return items;
      }),
};

/** Variables every back-end service reads. */
export const serviceEnvShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: env.logLevel(),
  DATABASE_POOL_SIZE: env.positiveInt(10),
  BUS_PREFETCH: env.positiveInt(50),
  BUS_REQUEST_TIMEOUT_MS: env.positiveInt(5000),
  BUS_RETRY_DELAYS_MS: env.intList([100, 500, 2000]),
  OUTBOX_POLL_INTERVAL_MS: env.positiveInt(1000),
  SHUTDOWN_GRACE_MS: env.positiveInt(10000),
};
