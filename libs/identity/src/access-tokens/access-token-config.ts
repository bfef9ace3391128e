import { z } from 'zod';
import { env } from '#service-runtime';
import { MIN_SECRET_LENGTH, type AccessTokenSettings } from './access-token-settings.js';

/** Token variables read by the identity service and by every gateway replica (they must agree). */
export const accessTokenEnvShape = {
  JWT_SECRET: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`),
  JWT_ISSUER: z.string().min(1).default('voxify'),
  JWT_AUDIENCE: z.string().min(1).default('voxify-api'),
  ACCESS_TOKEN_TTL_SECONDS: env.positiveInt(900),
};

export function accessTokenSettingsFrom(parsed: z.output<z.ZodObject<typeof accessTokenEnvShape>>): AccessTokenSettings {
  return {
    secret: parsed.JWT_SECRET,
    issuer: parsed.JWT_ISSUER,
    audience: parsed.JWT_AUDIENCE,
    ttlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
  };
}
