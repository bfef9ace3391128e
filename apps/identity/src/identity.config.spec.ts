import { ConfigValidationError } from '#service-runtime';
import { loadIdentityConfig } from './identity.config.js';

const SECRET = 'a-secret-of-at-least-32-characters!';

function problemsOf(environment: NodeJS.ProcessEnv): string {
  try {
    loadIdentityConfig(environment);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.message;
    throw error;
  }
  throw new Error('Expected the configuration to be refused');
}

describe('loadIdentityConfig', () => {
  it('applies the defaults: 15-minute access tokens, 30-day refresh tokens, no first admin', () => {
    expect(loadIdentityConfig({ JWT_SECRET: SECRET })).toEqual({
      accessTokens: { secret: SECRET, issuer: 'voxify', audience: 'voxify-api', ttlSeconds: 900 },
      refreshTokenTtlSeconds: 2_592_000,
    });
  });

  it('reads the first admin and the token lifetimes', () => {
    const config = loadIdentityConfig({
      JWT_SECRET: SECRET,
      REFRESH_TOKEN_TTL_SECONDS: '86400',
      ACCESS_TOKEN_TTL_SECONDS: '300',
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'Admin-password-1',
    });
    expect(config).toMatchObject({
      refreshTokenTtlSeconds: 86400,
      accessTokens: { ttlSeconds: 300 },
      admin: { email: 'root@example.com', password: 'Admin-password-1' },
    });
  });

  it('treats blank admin variables as unset', () => {
    expect(loadIdentityConfig({ JWT_SECRET: SECRET, ADMIN_EMAIL: ' ', ADMIN_PASSWORD: '' }).admin).toBeUndefined();
  });

  it('refuses a short secret, a bad admin email and a weak admin password, without echoing them', () => {
    const message = problemsOf({
      JWT_SECRET: 'short',
      ADMIN_EMAIL: 'not-an-email',
      ADMIN_PASSWORD: 'weakpass',
      REFRESH_TOKEN_TTL_SECONDS: '0',
    });

    expect(message).toMatch(/JWT_SECRET: must be at least 32 characters/);
    expect(message).toMatch(/ADMIN_EMAIL: must be a valid email address/);
    expect(message).toMatch(/ADMIN_PASSWORD: must be at least 10 characters long/);
    expect(message).toContain('REFRESH_TOKEN_TTL_SECONDS');
    expect(message).not.toContain('weakpass');
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(problemsOf({ JWT_SECRET: SECRET, ADMIN_EMAIL: 'root@example.com' })).toMatch(
      /ADMIN_PASSWORD: set ADMIN_EMAIL and ADMIN_PASSWORD together/,
    );
    expect(problemsOf({ JWT_SECRET: SECRET, ADMIN_PASSWORD: 'Admin-password-1' })).toMatch(/ADMIN_EMAIL: set/);
  });
});
