import { createHash } from 'node:crypto';
import { ApiKey } from './api-key.js';
import { effectiveScopes } from './api-key-scopes.js';

const now = new Date('2026-01-01T00:00:00Z');
const create = (overrides: Partial<Parameters<typeof ApiKey.create>[0]> = {}) =>
  ApiKey.create({ userId: 'usr_1', ownerRoles: ['user'], name: 'ci', scopes: ['tts'], now, ...overrides });
const codeOf = (action: () => unknown): string | undefined => {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('ApiKey', () => {
  it('makes a vx_ secret of 256 bits and keeps only its display prefix and SHA-256', () => {
    const { apiKey, secret } = create({ scopes: ['jobs', 'tts', 'jobs'] });

    expect(secret).toMatch(/^vx_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.prefix).toBe(secret.slice(0, 11));
    expect(apiKey.hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(ApiKey.hashOf(secret)).toBe(apiKey.hash);
    expect(apiKey.scopes).toEqual(['tts', 'jobs']);
    expect(apiKey.id).toMatch(/^key_/);
  });

  it('refuses unknown, missing and (for non-admins) admin scopes with INVALID_SCOPES', () => {
    expect(codeOf(() => create({ scopes: [] }))).toBe('INVALID_SCOPES');
    expect(codeOf(() => create({ scopes: ['tts', 'everything'] }))).toBe('INVALID_SCOPES');
    expect(codeOf(() => create({ scopes: 'tts' }))).toBe('INVALID_SCOPES');
    expect(codeOf(() => create({ scopes: ['admin'] }))).toBe('INVALID_SCOPES');
    expect(create({ scopes: ['admin'], ownerRoles: ['user', 'admin'] }).apiKey.scopes).toEqual(['admin']);
  });

  it('takes an expiry only in the future, and is unusable from then on', () => {
    expect(codeOf(() => create({ expiresAt: now.toISOString() }))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => create({ expiresAt: 'soon' }))).toBe('VALIDATION_ERROR');
    const { apiKey } = create({ expiresAt: '2026-01-02T00:00:00Z' });

    expect(apiKey.isUsable(new Date('2026-01-01T23:59:59Z'))).toBe(true);
    expect(apiKey.isUsable(new Date('2026-01-02T00:00:00Z'))).toBe(false);
  });

  it('needs a name of at most 100 characters', () => {
    expect(codeOf(() => create({ name: '  ' }))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => create({ name: 'n'.repeat(101) }))).toBe('VALIDATION_ERROR');
  });

  it('revokes once, raising ApiKeyRevoked', () => {
    const { apiKey } = create();

    expect(apiKey.revoke(now)).toBe(true);
    expect(apiKey.revoke(now)).toBe(false);
    expect(apiKey.isUsable(now)).toBe(false);
    expect(apiKey.pullEvents()).toEqual([{ name: 'ApiKeyRevoked', keyId: apiKey.id, userId: 'usr_1', occurredAt: now }]);
  });

  it('records a use at most once a minute', () => {
    const { apiKey } = create();

    expect(apiKey.recordUse(now)).toBe(true);
    expect(apiKey.recordUse(new Date(now.getTime() + 59_999))).toBe(false);
    expect(apiKey.recordUse(new Date(now.getTime() + 60_000))).toBe(true);
  });

  it('loses the admin scope when its owner is no longer an admin', () => {
    expect(effectiveScopes(['tts', 'admin'], ['user'])).toEqual(['tts']);
    expect(effectiveScopes(['tts', 'admin'], ['user', 'admin'])).toEqual(['tts', 'admin']);
  });
});
