import { z } from 'zod';
import { accessTokenEnvShape, accessTokenSettingsFrom, Email, passwordPolicyProblems, type IdentityModuleOptions } from '#identity';
import { ConfigValidationError, env, loadConfig } from '#service-runtime';

export type IdentityConfig = IdentityModuleOptions;

const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60;
const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Variables of the identity service, on top of those every back-end service reads. */
export const identityEnvShape = {
  ...accessTokenEnvShape,
  REFRESH_TOKEN_TTL_SECONDS: env.positiveInt(THIRTY_DAYS_SECONDS),
  ADMIN_EMAIL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .refine((value) => Email.tryParse(value) !== undefined, { message: 'must be a valid email address' })
      .optional(),
  ),
  ADMIN_PASSWORD: z.preprocess(
    blankAsUnset,
    z
      .string()
      .superRefine((value, ctx) => {
        for (const problem of passwordPolicyProblems(value)) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  ),
};

/** Builds the config from parsed variables; ADMIN_EMAIL and ADMIN_PASSWORD come together or not at all. */
export function identityConfigFrom(parsed: z.output<z.ZodObject<typeof identityEnvShape>>): IdentityConfig {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = parsed;
  if ((email === undefined) !== (password === undefined)) {
    const missing = email === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
    throw new ConfigValidationError('identity', [`${missing}: set ADMIN_EMAIL and ADMIN_PASSWORD together, or neither (not set)`]);
  }
  return {
    accessTokens: accessTokenSettingsFrom(parsed),
    refreshTokenTtlSeconds: parsed.REFRESH_TOKEN_TTL_SECONDS,
    ...(email !== undefined && password !== undefined ? { admin: { email, password } } : {}),
  };
}

export function loadIdentityConfig(source: NodeJS.ProcessEnv = process.env): IdentityConfig {
  return identityConfigFrom(loadConfig('identity', z.object(identityEnvShape), source));
}
