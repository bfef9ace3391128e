import { createHmac } from 'node:crypto';
import { AccessTokenRejected, AccessTokenSigner, AccessTokenVerifier, type AccessTokenSettings } from './index.js';

const settings: AccessTokenSettings = { secret: 's'.repeat(48), issuer: 'voxify', audience: 'voxify-api', ttlSeconds: 900 };
const subject = { userId: 'usr_abc', email: 'ada@example.com', roles: ['user'], sessionId: 'ses_1' };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function forge(header: object, claims: object, secret = settings.secret): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
function rejection(token: string): string {
  try {
    new AccessTokenVerifier(settings).verify(token);
  } catch (error) {
    if (error instanceof AccessTokenRejected) return error.code;
    throw error;
  }
  return 'accepted';
}
const now = () => Math.floor(Date.now() / 1000);
const validClaims = () => ({
  sub: 'usr_abc',
  email: 'a@b.c',
  roles: ['admin'],
  sid: 'ses_1',
  jti: 'j',
  typ: 'access',
  iss: 'voxify',
  aud: 'voxify-api',
  iat: now(),
  exp: now() + 60,
});

describe('access tokens', () => {
  it('round-trips the claims the gateway needs', () => {
    const { token, expiresIn } = new AccessTokenSigner(settings).issue(subject);
    const claims = new AccessTokenVerifier(settings).verify(token);
    expect(claims).toMatchObject({
      sub: 'usr_abc',
      email: 'ada@example.com',
      roles: ['user'],
      sid: 'ses_1',
      typ: 'access',
      iss: 'voxify',
      aud: 'voxify-api',
    });
    expect(claims.exp - claims.iat).toBe(900);
    expect(expiresIn).toBe(900);
  });

  it('accepts a correctly signed token it did not issue itself (same secret)', () => {
    expect(rejection(forge({ alg: 'HS256', typ: 'JWT' }, validClaims()))).toBe('accepted');
  });

  it('refuses a tampered payload', () => {
    const { token } = new AccessTokenSigner(settings).issue(subject);
    const [header, , signature] = token.split('.');
    const elevated = b64({ ...new AccessTokenVerifier(settings).verify(token), roles: ['admin'] });
    expect(rejection(`${header}.${elevated}.${signature}`)).toBe('TOKEN_INVALID');
  });

  it('refuses alg none, another algorithm, and a wrong secret', () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(validClaims())}.`;
    expect(rejection(unsigned)).toBe('TOKEN_INVALID');
    expect(rejection(forge({ alg: 'HS512', typ: 'JWT' }, validClaims()))).toBe('TOKEN_INVALID');
    expect(rejection(forge({ alg: 'HS256', typ: 'JWT' }, validClaims(), 'x'.repeat(48)))).toBe('TOKEN_INVALID');
  });

  it('refuses a wrong issuer or audience, and tokens that are not access tokens', () => {
    expect(rejection(forge({ alg: 'HS256' }, { ...validClaims(), iss: 'someone-else' }))).toBe('TOKEN_INVALID');
    expect(rejection(forge({ alg: 'HS256' }, { ...validClaims(), aud: 'other-api' }))).toBe('TOKEN_INVALID');
    expect(rejection(forge({ alg: 'HS256' }, { ...validClaims(), typ: 'refresh' }))).toBe('TOKEN_INVALID');
    expect(rejection('not-a-jwt')).toBe('TOKEN_INVALID');
  });

  it('tells an expired token apart, so clients know to refresh', () => {
    expect(rejection(forge({ alg: 'HS256' }, { ...validClaims(), iat: now() - 1000, exp: now() - 60 }))).toBe('TOKEN_EXPIRED');
  });

  it('refuses to sign with a short secret', () => {
    expect(() => new AccessTokenSigner({ ...settings, secret: 'short' })).toThrow(/at least 32 bytes/);
  });
});
